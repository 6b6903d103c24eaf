package dev.ipcbench.transport.udp;

import dev.ipcbench.transport.Binding;
import dev.ipcbench.transport.Capabilities;
import dev.ipcbench.transport.Transport;
import dev.ipcbench.transport.TransportOption;
import dev.ipcbench.transport.TransportOptions;
import dev.ipcbench.transport.support.AbstractBinding;
import dev.ipcbench.transport.support.AbstractTransport;
import dev.ipcbench.transport.support.AbstractTransportProvider;
import dev.ipcbench.transport.support.DatagramRendezvous;
import dev.ipcbench.transport.tcp.TcpTransportProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code udp}: UDP datagrams on loopback, one per message, at most 65,507 bytes (the IPv4 limit).
 * Unreliable: a full receive buffer drops datagrams. Option {@code bind} (default {@code
 * 127.0.0.1}) names another IPv4 address to listen on.
 */
public final class UdpTransportProvider extends AbstractTransportProvider {

    /** This transport's alias. */
    public static final String ALIAS = "udp";

    /** 65,535 minus the 8-byte UDP header and the 20-byte IPv4 header. */
    public static final int MAX_DATAGRAM = 65_507;

    private static final Path RMEM_DEFAULT = Path.of("/proc/sys/net/core/rmem_default");
    private static final long DEFAULT_RECEIVE_BUFFER = 212_992; // Linux's default

    public UdpTransportProvider() {
        super(
                ALIAS,
                "UDP datagram socket on loopback, connected, one datagram per message",
                new Capabilities(false, MAX_DATAGRAM, false),
                TransportOption.of(
                        TcpTransportProvider.BIND,
                        "IPv4 address to listen on; set it only to leave loopback on purpose",
                        "127.0.0.1"));
    }

    @Override
    public String nativeReference() {
        return "udp";
    }

    /**
     * The datagrams of {@code size} bytes that fit three quarters of the default receive buffer
     * ({@code net.core.rmem_default}), less one for a sink's sync request. The kernel charges a
     * datagram its allocation, not its payload: on loopback about 832 bytes for the smallest, the
     * next power of two of size + 512 below 8 KiB, and about 1.1 times the size above (measured on
     * Linux 6); the estimate rounds up.
     */
    @Override
    public int maxInFlight(int size) {
        long charged = size < 8192 ? 2L * Integer.highestOneBit(size + 511) + 512 : size + size / 8 + 1024L;
        return (int) Math.max(1, receiveBuffer() * 3 / 4 / charged - 1);
    }

    private static long receiveBuffer() {
        // One read of the whole line: a sysctl file answers a read at a later offset with nothing,
        // so Files.readString, which first reads one byte, would see only "2" of "212992".
        try (BufferedReader r = Files.newBufferedReader(RMEM_DEFAULT)) {
            return Long.parseLong(r.readLine().trim());
        } catch (IOException | RuntimeException e) {
            return DEFAULT_RECEIVE_BUFFER;
        }
    }

    @Override
    protected Binding createBinding(TransportOptions options) throws IOException {
        DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET);
        try {
            channel.bind(new InetSocketAddress(options.property(TcpTransportProvider.BIND, "127.0.0.1"), 0));
            return new UdpBinding(options, channel, maxMessageSize(options));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    protected Transport connectTo(String address, TransportOptions options) throws IOException {
        InetSocketAddress target = parse(address);
        DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET);
        try {
            channel.connect(target);
            DatagramRendezvous.knock(ALIAS, channel, options.secret(), options.connectTimeout());
            return new UdpTransport(options, maxMessageSize(options), channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static InetSocketAddress parse(String address) {
        int colon = address.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException(ALIAS + ": address must be HOST:PORT, got '" + address + "'");
        }
        try {
            return new InetSocketAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(ALIAS + ": port in '" + address + "' is not a number", e);
        }
    }

    private static final class UdpBinding extends AbstractBinding {
        private final DatagramChannel channel;
        private final int maxMessage;
        private final String address;

        UdpBinding(TransportOptions options, DatagramChannel channel, int maxMessage) throws IOException {
            super(ALIAS, options, null);
            this.channel = channel;
            this.maxMessage = maxMessage;
            InetSocketAddress local = (InetSocketAddress) channel.getLocalAddress();
            this.address = local.getAddress().getHostAddress() + ":" + local.getPort();
        }

        @Override
        public String address() {
            return address;
        }

        @Override
        protected AbstractTransport acceptPeer() throws IOException {
            DatagramRendezvous.awaitKnock(ALIAS, channel, options().secret());
            UdpTransport transport = new UdpTransport(options(), maxMessage, channel);
            handOver();
            return transport;
        }

        @Override
        protected void closeChannels() throws IOException {
            // once accepted, the channel is the transport's to close
            if (!handedOver()) {
                channel.close();
            }
        }
    }
}
