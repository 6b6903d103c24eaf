package dev.ipcbench.transport.tcp;

import dev.ipcbench.transport.Binding;
import dev.ipcbench.transport.Capabilities;
import dev.ipcbench.transport.Transport;
import dev.ipcbench.transport.TransportOption;
import dev.ipcbench.transport.TransportOptions;
import dev.ipcbench.transport.support.AbstractBinding;
import dev.ipcbench.transport.support.AbstractTransport;
import dev.ipcbench.transport.support.AbstractTransportProvider;
import dev.ipcbench.transport.support.Deadline;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * {@code tcp}: TCP on loopback. Option {@code bind} (default {@code 127.0.0.1}) names another
 * address to listen on, for a user who asks for one.
 */
public final class TcpTransportProvider extends AbstractTransportProvider {

    /** This transport's alias. */
    public static final String ALIAS = "tcp";

    /**
     * Connections the listener queues, so that the peer's connection waits behind an intruder's
     * rather than being refused; their hellos are then awaited at once (see {@code AbstractBinding}).
     */
    private static final int BACKLOG = 16;

    /** The option naming the address to listen on. */
    public static final String BIND = "bind";

    public TcpTransportProvider() {
        super(
                ALIAS,
                "TCP socket on loopback, TCP_NODELAY, blocking NIO",
                Capabilities.reliable(Capabilities.MAX_FRAMED_MESSAGE),
                TransportOption.of(
                        BIND, "address to listen on; set it only to leave loopback on purpose", "127.0.0.1"));
    }

    @Override
    public String nativeReference() {
        return "tcp";
    }

    @Override
    protected Binding createBinding(TransportOptions options) throws IOException {
        String host = options.property(BIND, "127.0.0.1");
        ServerSocketChannel server = ServerSocketChannel.open();
        try {
            server.bind(new InetSocketAddress(host, 0), BACKLOG);
            return new TcpBinding(options, server, maxMessageSize(options));
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    @Override
    protected Transport connectTo(String address, TransportOptions options) throws IOException {
        InetSocketAddress target = parse(address);
        SocketChannel channel = SocketChannel.open();
        try {
            Deadline.bounded(
                    ALIAS + ": connect to " + address,
                    options.connectTimeout(),
                    channel,
                    () -> channel.connect(target));
            return new TcpTransport(options, maxMessageSize(options), channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Parses {@code host:port} (IPv6 hosts in brackets). */
    static InetSocketAddress parse(String address) {
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1) {
            throw new IllegalArgumentException(ALIAS + ": address must be HOST:PORT, got '" + address + "'");
        }
        String host = address.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(ALIAS + ": port in '" + address + "' is not a number", e);
        }
        return new InetSocketAddress(host, port);
    }

    static String format(InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    private static final class TcpBinding extends AbstractBinding {
        private final ServerSocketChannel server;
        private final int maxMessage;
        private final String address;

        TcpBinding(TransportOptions options, ServerSocketChannel server, int maxMessage) throws IOException {
            super(ALIAS, options, null);
            this.server = server;
            this.maxMessage = maxMessage;
            this.address = format((InetSocketAddress) server.getLocalAddress());
        }

        @Override
        public String address() {
            return address;
        }

        @Override
        protected AbstractTransport acceptPeer() throws IOException {
            SocketChannel channel = server.accept();
            try {
                return new TcpTransport(options(), maxMessage, channel);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        }

        /** Any local user can connect to a TCP port: an intruder is closed and the wait goes on. */
        @Override
        protected boolean acceptsAgain() {
            return true;
        }

        /** The peer is here: nobody else may connect. */
        @Override
        protected void admitted() throws IOException {
            server.close();
        }

        @Override
        protected void closeChannels() throws IOException {
            server.close();
        }
    }
}
