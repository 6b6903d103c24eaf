package org.example.tcp6;

import dev.ipcbench.transport.Binding;
import dev.ipcbench.transport.Capabilities;
import dev.ipcbench.transport.Transport;
import dev.ipcbench.transport.TransportOptions;
import dev.ipcbench.transport.support.AbstractBinding;
import dev.ipcbench.transport.support.AbstractTransport;
import dev.ipcbench.transport.support.AbstractTransportProvider;
import dev.ipcbench.transport.support.Deadline;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * {@code tcp6}: TCP over the IPv6 loopback address {@code ::1}, built only on ipcbench's public API
 * ({@link AbstractTransportProvider}, {@link AbstractBinding}, {@code FramedStreamTransport}). It takes
 * no options: {@link AbstractTransportProvider} refuses any, naming none.
 */
public final class Tcp6TransportProvider extends AbstractTransportProvider {

    /** This transport's alias. */
    public static final String ALIAS = "tcp6";

    public Tcp6TransportProvider() {
        super(
                ALIAS,
                "TCP socket on IPv6 loopback (::1), TCP_NODELAY, blocking NIO",
                Capabilities.reliable(Capabilities.MAX_FRAMED_MESSAGE));
    }

    /** Unavailable where the machine has no IPv6 loopback to listen on. */
    @Override
    public String unavailabilityCause() {
        try (ServerSocketChannel probe = ServerSocketChannel.open()) {
            probe.bind(new InetSocketAddress(loopback(), 0), 1);
            return null;
        } catch (IOException | RuntimeException e) {
            return "cannot listen on the IPv6 loopback address ::1 (" + e.getMessage() + "); is IPv6 disabled?";
        }
    }

    private static InetAddress loopback() throws IOException {
        return Inet6Address.getByName("::1");
    }

    @Override
    protected Binding createBinding(TransportOptions options) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        try {
            server.bind(new InetSocketAddress(loopback(), 0), 1);
            return new Tcp6Binding(options, server, maxMessageSize(options));
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** The address is the port the benchmark side listens on. */
    @Override
    protected Transport connectTo(String address, TransportOptions options) throws IOException {
        int port;
        try {
            port = Integer.parseInt(address);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(ALIAS + ": the address is a port number, not '" + address + "'", e);
        }
        InetSocketAddress target = new InetSocketAddress(loopback(), port);
        SocketChannel channel = SocketChannel.open();
        try {
            Deadline.bounded(
                    ALIAS + ": connect to [::1]:" + port, options.connectTimeout(), channel, () -> channel.connect(target));
            return new Tcp6Transport(options, maxMessageSize(options), channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static final class Tcp6Binding extends AbstractBinding {
        private final ServerSocketChannel server;
        private final int maxMessage;
        private final String port;

        Tcp6Binding(TransportOptions options, ServerSocketChannel server, int maxMessage) throws IOException {
            super(ALIAS, options, null);
            this.server = server;
            this.maxMessage = maxMessage;
            this.port = Integer.toString(((InetSocketAddress) server.getLocalAddress()).getPort());
        }

        @Override
        public String address() {
            return port;
        }

        @Override
        protected AbstractTransport acceptPeer() throws IOException {
            SocketChannel channel = server.accept();
            try {
                Tcp6Transport transport = new Tcp6Transport(options(), maxMessage, channel);
                server.close(); // the peer is here: nobody else may connect
                return transport;
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        }

        @Override
        protected void closeChannels() throws IOException {
            server.close();
        }
    }
}
