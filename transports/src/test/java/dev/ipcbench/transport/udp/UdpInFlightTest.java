package dev.ipcbench.transport.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link UdpTransportProvider#maxInFlight} is a promise: that many datagrams, and one more for a
 * sink's sync request, fit a receiver that reads nothing, so a sender within it loses nothing.
 */
class UdpInFlightTest {

    private final UdpTransportProvider provider = new UdpTransportProvider();

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {1, 64, 1024, 4096, 32768, UdpTransportProvider.MAX_DATAGRAM})
    void theWindowFitsAReceiverThatReadsNothing(int size) throws IOException {
        assumeTrue(System.getProperty("os.name", "").startsWith("Linux"), "the estimate is of Linux's accounting");
        int window = provider.maxInFlight(size);
        assertTrue(window >= 1, "at least one message: " + window);
        try (DatagramChannel receiver = DatagramChannel.open(StandardProtocolFamily.INET);
                DatagramChannel sender = DatagramChannel.open(StandardProtocolFamily.INET)) {
            receiver.bind(new InetSocketAddress("127.0.0.1", 0));
            sender.connect(receiver.getLocalAddress());
            ByteBuffer data = ByteBuffer.allocateDirect(size);
            for (int i = 0; i < window; i++) {
                data.clear();
                sender.write(data);
            }
            sender.write(ByteBuffer.allocateDirect(24)); // the sync request
            receiver.configureBlocking(false);
            ByteBuffer in = ByteBuffer.allocateDirect(UdpTransportProvider.MAX_DATAGRAM + 1);
            int received = 0;
            while (true) {
                in.clear();
                if (receiver.receive(in) == null) {
                    break;
                }
                received++;
            }
            assertEquals(window + 1, received, "datagrams queued for a receiver that read nothing");
        }
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {64, 1024})
    void smallMessagesGetAWindowWorthStreaming(int size) throws IOException {
        Path rmem = Path.of("/proc/sys/net/core/rmem_default");
        assumeTrue(Files.isReadable(rmem), "no Linux socket buffer settings here");
        try (BufferedReader r = Files.newBufferedReader(rmem)) {
            assumeTrue(Long.parseLong(r.readLine().trim()) >= 200_000, "a receive buffer below Linux's default");
        }
        // With Linux's default 208 KiB receive buffer, dozens of small datagrams fit; a window of one
        // would make the stream stop-and-wait.
        assertTrue(provider.maxInFlight(size) >= 32, "window for " + size + " B: " + provider.maxInFlight(size));
    }
}
