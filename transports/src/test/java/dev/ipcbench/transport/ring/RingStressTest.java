package dev.ipcbench.transport.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ipcbench.peer.PeerProcess;
import dev.ipcbench.transport.Payloads;
import dev.ipcbench.transport.Transport;
import dev.ipcbench.transport.TransportOptions;
import dev.ipcbench.transport.shm.ShmTransportProvider;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A million messages of random sizes, some three times larger than the ring, streamed to an echo
 * peer in another process and checked on return: sequence numbers, checksums and every byte.
 * Sending and receiving run on two threads, so both rings are full much of the time and large
 * records stream through in pieces. With {@code spin}, three busy threads share the machine's
 * CPUs, which on two of them is slow for reasons that have nothing to do with the ring: it sends a
 * fifth as many, so the test takes seconds, not a minute.
 */
class RingStressTest {

    private static final int MESSAGES = 1_000_000;
    private static final int MESSAGES_SPINNING = MESSAGES / 5;
    private static final int RING = 64 * 1024;
    private static final int LARGEST = 3 * RING + 13;

    @ParameterizedTest(name = "wait={0}: messages of random sizes to an echo peer and back, every byte checked")
    @ValueSource(strings = {"spin", "yield", "backoff", "park"})
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void aMillionMessagesOfRandomSizesComeBackIntact(String wait) throws Exception {
        final int messages = BusySpinWaitStrategy.ALIAS.equals(wait) ? MESSAGES_SPINNING : MESSAGES;
        TransportOptions options = TransportOptions.defaults()
                .withIoTimeout(Duration.ofSeconds(30))
                .withProperty(WaitStrategies.OPTION, wait)
                .withProperty(MappedRing.CAPACITY_OPTION, Integer.toString(RING));
        try (PeerProcess peer = PeerProcess.builder(new ShmTransportProvider())
                .options(options)
                .bufferSize(LARGEST)
                .start()) {
            Transport t = peer.transport();
            CompletableFuture<Long> sent = CompletableFuture.supplyAsync(() -> {
                ByteBuffer out = ByteBuffer.allocateDirect(LARGEST);
                SplittableRandom sizes = new SplittableRandom(42);
                long bytes = 0;
                try {
                    for (int seq = 1; seq <= messages; seq++) {
                        int size = size(sizes);
                        t.send(Payloads.fill(out, seq, size));
                        bytes += size;
                    }
                } catch (Exception e) {
                    throw new IllegalStateException("sending failed", e);
                }
                return bytes;
            });
            ByteBuffer in = ByteBuffer.allocateDirect(LARGEST);
            SplittableRandom sizes = new SplittableRandom(42);
            long received = 0;
            for (int seq = 1; seq <= messages; seq++) {
                int size = size(sizes);
                in.clear();
                int n = t.receive(in);
                Payloads.verify(in, seq, size, n);
                received += n;
            }
            assertEquals(sent.get(60, TimeUnit.SECONDS), received);
        }
    }

    /** Mostly small, some medium, one in a thousand larger than the ring (up to three rings). */
    private static int size(SplittableRandom r) {
        int p = r.nextInt(1000);
        if (p == 0) {
            return r.nextInt(RING, LARGEST + 1);
        }
        if (p < 50) {
            return r.nextInt(257, 16 * 1024);
        }
        return r.nextInt(1, 257);
    }
}
