package dev.ipcbench.transport.ring;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ipcbench.peer.PeerProcess;
import dev.ipcbench.transport.Payloads;
import dev.ipcbench.transport.PeerClosedException;
import dev.ipcbench.transport.Transport;
import dev.ipcbench.transport.TransportOptions;
import dev.ipcbench.transport.TransportTimeoutException;
import dev.ipcbench.transport.inproc.InProcessPair;
import dev.ipcbench.transport.mmap.MmapTransportProvider;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RingPeerDeathTest {

    @Test
    void aKilledPeerStopsASpinningReceiverWithAClearError() throws Exception {
        TransportOptions options = TransportOptions.defaults()
                .withIoTimeout(Duration.ofSeconds(20))
                .withProperty(WaitStrategies.OPTION, "spin");
        ByteBuffer out = ByteBuffer.allocateDirect(64);
        ByteBuffer in = ByteBuffer.allocateDirect(64);
        try (PeerProcess peer = PeerProcess.builder(new MmapTransportProvider())
                .options(options)
                .start()) {
            Transport t = peer.transport();
            t.send(Payloads.fill(out, 1, 64));
            Payloads.verify(in, 1, 64, t.receive(in));
            peer.kill();
            // The message goes into shared memory whether or not anyone reads it; the receive must
            // notice the peer is gone, long before the 20 s deadline.
            t.send(Payloads.fill(out, 2, 64));
            PeerClosedException e = assertThrows(PeerClosedException.class, () -> t.receive(in.clear()));
            assertTrue(e.getMessage().contains("pid " + peer.pid() + ") has exited"), e.getMessage());
        }
    }

    @Test
    void aSilentPeerMeetsTheDeadline() throws Exception {
        TransportOptions options = TransportOptions.defaults()
                .withIoTimeout(Duration.ofMillis(300))
                .withProperty(WaitStrategies.OPTION, "yield");
        try (InProcessPair pair = InProcessPair.open(options)) {
            TransportTimeoutException e = assertThrows(
                    TransportTimeoutException.class, () -> pair.left().receive(ByteBuffer.allocateDirect(64)));
            assertTrue(e.getMessage().contains("no progress within 300 ms"), e.getMessage());
        }
    }

    @Test
    void closingOneEndEndsTheOthersWait() throws Exception {
        try (InProcessPair pair = InProcessPair.open(TransportOptions.defaults())) {
            Thread closer = new Thread(() -> {
                try {
                    Thread.sleep(200);
                    pair.right().close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            closer.start();
            assertThrows(PeerClosedException.class, () -> pair.left().receive(ByteBuffer.allocateDirect(64)));
            closer.join();
        }
    }
}
