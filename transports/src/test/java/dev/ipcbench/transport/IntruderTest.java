package dev.ipcbench.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ipcbench.peer.PeerProcess;
import dev.ipcbench.transport.inproc.InProcessPair;
import dev.ipcbench.transport.support.Hello;
import dev.ipcbench.transport.tcp.TcpTransportProvider;
import dev.ipcbench.transport.udp.UdpTransportProvider;
import dev.ipcbench.transport.uds.UdsTransportProvider;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A local process that reaches the meeting point before the real peer cannot become the peer: a
 * forged hello (right magic, the real peer's pid, a wrong secret) and a silent connection are both
 * refused, and the real peer's messages then arrive intact. Where the meeting point takes one
 * connection only, the wait ends with a reason that names an intruder, not "the peer".
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IntruderTest {

    private static final TransportOptions OPTIONS = TransportOptions.defaults().withIoTimeout(Duration.ofSeconds(2));

    @Test
    void aTcpIntruderWithAForgedHelloIsRefusedAndThePeerIsAdmitted() throws Exception {
        tcpIntruderRefusedAndPeerAdmitted(IntruderFirst::forgedTcpHello);
    }

    @Test
    void aSilentTcpIntruderIsRefusedAndThePeerIsAdmitted() throws Exception {
        tcpIntruderRefusedAndPeerAdmitted(IntruderFirst::silentTcp);
    }

    private static void tcpIntruderRefusedAndPeerAdmitted(Intrusion intrusion) throws IOException {
        IntruderFirst provider = new IntruderFirst(new TcpTransportProvider(), intrusion);
        try {
            echoesIntact(provider);
            assertTrue(provider.intruderWasClosed(), "the intruder's connection should have been closed");
        } finally {
            provider.closeIntruder();
        }
    }

    /**
     * Four connections that say nothing, each held for the whole I/O deadline, would outlast the
     * connect deadline if hellos were read one after the other; read at once, they cannot keep the
     * real peer out.
     */
    @Test
    void silentTcpIntrudersCannotOutlastTheConnectDeadline() throws Exception {
        List<SocketChannel> silent = new ArrayList<>();
        IntruderFirst provider = new IntruderFirst(new TcpTransportProvider(), (address, pid) -> {
            for (int i = 0; i < 4; i++) {
                silent.add((SocketChannel) IntruderFirst.silentTcp(address, pid));
            }
            return silent.get(0);
        });
        TransportOptions options = OPTIONS.withConnectTimeout(Duration.ofSeconds(5)); // < 4 x 2 s
        try (PeerProcess peer = PeerProcess.builder(provider).options(options).start()) {
            ByteBuffer out = ByteBuffer.allocateDirect(64);
            ByteBuffer in = ByteBuffer.allocateDirect(128);
            peer.transport().send(Payloads.fill(out, 1, 64));
            Payloads.verify(in, 1, 64, peer.transport().receive(in));
            for (SocketChannel c : silent) {
                assertEquals(-1, c.read(ByteBuffer.allocate(16)), "a silent intruder should have been closed");
            }
        } finally {
            for (SocketChannel c : silent) {
                c.close();
            }
        }
    }

    @Test
    void aUdpIntruderThatKnocksFirstIsIgnoredAndThePeerIsAdmitted() throws Exception {
        IntruderFirst provider = new IntruderFirst(new UdpTransportProvider(), IntruderFirst::udpKnock);
        try {
            echoesIntact(provider);
        } finally {
            provider.closeIntruder();
        }
    }

    @Test
    void anIntruderOnAUnixSocketEndsTheWaitWithTheReason() {
        IntruderFirst provider = new IntruderFirst(new UdsTransportProvider(), IntruderFirst::forgedUdsHello);
        TransportException e = assertThrows(
                TransportException.class,
                () -> PeerProcess.builder(provider)
                        .options(OPTIONS)
                        .forwardStderr(false)
                        .start()
                        .close());
        assertTrue(e.getMessage().contains("not this run's peer"), e.getMessage());
        assertTrue(e.getMessage().contains("secret"), e.getMessage());
    }

    private static void echoesIntact(TransportProvider provider) throws IOException {
        try (PeerProcess peer = PeerProcess.builder(provider).options(OPTIONS).start()) {
            ByteBuffer out = ByteBuffer.allocateDirect(1024);
            ByteBuffer in = ByteBuffer.allocateDirect(1024 + 64);
            for (int seq = 1; seq <= 100; seq++) {
                peer.transport().send(Payloads.fill(out, seq, 1000));
                in.clear();
                Payloads.verify(in, seq, 1000, peer.transport().receive(in));
            }
        }
    }

    /** Connects to a meeting point the way an intruder would; returns what to close afterwards. */
    @FunctionalInterface
    private interface Intrusion {
        Closeable intrude(String address, long peerPid) throws IOException;
    }

    /** A provider whose binding lets an intruder in as soon as the real peer process has started. */
    private static final class IntruderFirst implements TransportProvider {
        private final TransportProvider real;
        private final Intrusion intrusion;
        private volatile Closeable intruder;

        IntruderFirst(TransportProvider real, Intrusion intrusion) {
            this.real = real;
            this.intrusion = intrusion;
        }

        void closeIntruder() throws IOException {
            if (intruder != null) {
                intruder.close();
            }
        }

        boolean intruderWasClosed() throws IOException {
            SocketChannel c = (SocketChannel) intruder;
            ByteBuffer b = ByteBuffer.allocate(64);
            while (true) {
                int n = c.read(b);
                if (n < 0) {
                    return true;
                }
                b.clear(); // whatever the benchmark side sent before closing
            }
        }

        @Override
        public String alias() {
            return real.alias();
        }

        @Override
        public String mechanism() {
            return real.mechanism();
        }

        @Override
        public Capabilities capabilities() {
            return real.capabilities();
        }

        @Override
        public String unavailabilityCause() {
            return real.unavailabilityCause();
        }

        @Override
        public Transport connect(String address, TransportOptions options) throws IOException {
            return real.connect(address, options);
        }

        @Override
        public Binding bind(TransportOptions options) throws IOException {
            Binding binding = real.bind(options);
            return new Binding() {
                @Override
                public String address() {
                    return binding.address();
                }

                @Override
                public void peerStarted(Process peer) throws IOException {
                    binding.peerStarted(peer);
                    // The real peer's JVM takes a while to start: the intruder is first.
                    intruder = intrusion.intrude(binding.address(), peer.pid());
                }

                @Override
                public Transport accept() throws IOException {
                    return binding.accept();
                }

                @Override
                public void close() throws IOException {
                    binding.close(); // the test closes the intruder, once it has looked at it
                }
            };
        }

        static Closeable forgedTcpHello(String address, long peerPid) throws IOException {
            SocketChannel c = SocketChannel.open(inet(address));
            c.write(frame(forgedHello(peerPid)));
            return c;
        }

        static Closeable silentTcp(String address, long peerPid) throws IOException {
            return SocketChannel.open(inet(address));
        }

        static Closeable forgedUdsHello(String address, long peerPid) throws IOException {
            SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(Path.of(address)));
            c.write(frame(forgedHello(peerPid)));
            return c;
        }

        static Closeable udpKnock(String address, long peerPid) throws IOException {
            DatagramChannel c = DatagramChannel.open(StandardProtocolFamily.INET);
            c.connect(inet(address));
            // The knock without the secret, then a forged hello, as if the welcome had come.
            c.write(ByteBuffer.wrap("ipcbench knock 2".getBytes(StandardCharsets.US_ASCII)));
            c.write(forgedHello(peerPid));
            return c;
        }

        private static InetSocketAddress inet(String address) {
            int colon = address.lastIndexOf(':');
            return new InetSocketAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)));
        }

        /** The right magic and the real peer's pid, which anyone can read in /proc; not the secret. */
        private static ByteBuffer forgedHello(long pid) {
            ByteBuffer b = ByteBuffer.allocate(Hello.LENGTH);
            b.putLong(0x4950_4342_4845_4C4FL).putLong(pid).put(new byte[Hello.SECRET_LENGTH]);
            return b.flip();
        }

        private static ByteBuffer frame(ByteBuffer message) {
            ByteBuffer f = ByteBuffer.allocate(4 + message.remaining());
            f.putInt(message.remaining()).put(message);
            return f.flip();
        }
    }

    @Test
    void theForgedHelloFailsOnlyForWantOfTheSecret() throws IOException {
        byte[] secret = new byte[Hello.SECRET_LENGTH];
        secret[0] = 7;
        try (InProcessPair pair = InProcessPair.open(TransportOptions.defaults())) {
            pair.left().send(IntruderFirst.forgedHello(42));
            assertEquals("its hello did not carry this run's secret", Hello.check(pair.right(), 42, secret));
            ByteBuffer genuine = IntruderFirst.forgedHello(42);
            genuine.put(16, secret);
            pair.left().send(genuine);
            assertEquals(null, Hello.check(pair.right(), 42, secret), "the same hello with the secret is admitted");
        }
    }
}
