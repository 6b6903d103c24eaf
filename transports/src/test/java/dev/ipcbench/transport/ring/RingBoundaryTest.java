package dev.ipcbench.transport.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ipcbench.transport.MessageTooLargeException;
import dev.ipcbench.transport.Payloads;
import dev.ipcbench.transport.Transport;
import dev.ipcbench.transport.TransportOptions;
import dev.ipcbench.transport.inproc.InProcessPair;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sizes where the ring changes behaviour: records that exactly fill what a ring can hold at
 * once, the first size that must stream through in pieces, and records that wrap at every offset.
 * A sender and a receiver thread run at once on the smallest ring, so the producer waits for space
 * and the consumer waits for data at each of these points.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RingBoundaryTest {

    private static final int RING = RingDescriptor.MIN_CAPACITY;
    private static final int LARGEST = 3 * RING + 40;

    /** Sizes around the limits of a 4 KiB ring, repeated so records start at every 8-byte offset. */
    private static List<Integer> sizes() {
        int[] interesting = {
            1,
            7,
            8,
            9,
            56,
            64,
            65,
            RING / 2 - 8,
            RING / 2,
            RING - 24,
            RING - 17,
            RING - 16,
            RING - 15,
            RING - 8,
            RING,
            RING + 1,
            2 * RING - 3,
            3 * RING + 40
        };
        List<Integer> sizes = new ArrayList<>();
        for (int round = 0; round < 64; round++) {
            for (int s : interesting) {
                sizes.add(s);
            }
            sizes.add(8 * round + 3); // shifts the offsets of the records that follow
        }
        return sizes;
    }

    @ParameterizedTest(name = "wait={0}")
    @ValueSource(strings = {"yield", "park", "backoff"})
    void everySizeAroundTheRingsLimitsArrivesIntact(String wait) throws Exception {
        TransportOptions options = TransportOptions.defaults()
                .withIoTimeout(Duration.ofSeconds(30))
                .withProperty(WaitStrategies.OPTION, wait)
                .withProperty(MappedRing.CAPACITY_OPTION, Integer.toString(RING));
        List<Integer> sizes = sizes();
        try (InProcessPair pair = InProcessPair.open(options)) {
            Transport sender = pair.left();
            CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
                ByteBuffer out = ByteBuffer.allocateDirect(LARGEST);
                try {
                    for (int i = 0; i < sizes.size(); i++) {
                        sender.send(Payloads.fill(out, i + 1, sizes.get(i)));
                    }
                } catch (Exception e) {
                    throw new IllegalStateException("sending failed", e);
                }
            });
            ByteBuffer in = ByteBuffer.allocateDirect(LARGEST);
            for (int i = 0; i < sizes.size(); i++) {
                in.clear();
                Payloads.verify(in, i + 1, sizes.get(i), pair.right().receive(in));
            }
            sending.get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aStreamedRecordTooLargeForTheBufferIsSkippedAndTheNextArrives() throws Exception {
        TransportOptions options = TransportOptions.defaults()
                .withIoTimeout(Duration.ofSeconds(30))
                .withProperty(WaitStrategies.OPTION, "yield")
                .withProperty(MappedRing.CAPACITY_OPTION, Integer.toString(RING));
        try (InProcessPair pair = InProcessPair.open(options)) {
            CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
                ByteBuffer out = ByteBuffer.allocateDirect(LARGEST);
                try {
                    pair.left().send(Payloads.fill(out, 1, LARGEST));
                    pair.left().send(Payloads.fill(out, 2, 100));
                } catch (Exception e) {
                    throw new IllegalStateException("sending failed", e);
                }
            });
            ByteBuffer small = ByteBuffer.allocateDirect(RING);
            MessageTooLargeException e = assertThrows(
                    MessageTooLargeException.class, () -> pair.right().receive(small));
            assertEquals(LARGEST, e.length());
            small.clear();
            Payloads.verify(small, 2, 100, pair.right().receive(small));
            sending.get(30, TimeUnit.SECONDS);
        }
    }
}
