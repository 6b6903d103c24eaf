package dev.ipcbench.transport.uds;

import dev.ipcbench.transport.Binding;
import dev.ipcbench.transport.Capabilities;
import dev.ipcbench.transport.Capabilities.Framing;
import dev.ipcbench.transport.Capabilities.Platform;
import dev.ipcbench.transport.PrivateDirectory;
import dev.ipcbench.transport.Transport;
import dev.ipcbench.transport.TransportOptions;
import dev.ipcbench.transport.TransportProvider;
import dev.ipcbench.transport.support.AbstractBinding;
import dev.ipcbench.transport.support.AbstractTransport;
import dev.ipcbench.transport.support.Deadline;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/** {@code uds}: a Unix domain stream socket through the JDK (16+), in a private directory. */
public final class UdsTransportProvider implements TransportProvider {

    /** This transport's alias. */
    public static final String ALIAS = "uds";

    private static final Capabilities CAPABILITIES =
            new Capabilities(true, Capabilities.MAX_FRAMED_MESSAGE, Framing.LENGTH_PREFIXED, Platform.ANY, false);

    @Override
    public String alias() {
        return ALIAS;
    }

    @Override
    public String mechanism() {
        return "Unix domain stream socket, JDK SocketChannel (UnixDomainSocketAddress)";
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public String unavailabilityCause() {
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            return null;
        } catch (UnsupportedOperationException | IOException e) {
            return "this JDK or operating system has no Unix domain sockets (" + e.getMessage()
                    + "); use uds-junix or tcp instead";
        }
    }

    @Override
    public Binding bind(TransportOptions options) throws IOException {
        PrivateDirectory dir = PrivateDirectory.create();
        ServerSocketChannel server = null;
        try {
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(dir.resolve("bench.sock")), 1);
            return new UdsBinding(options, dir, server, maxMessageSize(options));
        } catch (IOException | RuntimeException e) {
            AbstractBinding.closeAll(server, dir);
            throw e;
        }
    }

    @Override
    public Transport connect(String address, TransportOptions options) throws IOException {
        UnixDomainSocketAddress target = UnixDomainSocketAddress.of(Path.of(address));
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            Deadline.bounded(
                    ALIAS + ": connect to " + address,
                    options.connectTimeout(),
                    channel,
                    () -> channel.connect(target));
            return new UdsTransport(options, maxMessageSize(options), channel, null);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static final class UdsBinding extends AbstractBinding {
        private final ServerSocketChannel server;
        private final int maxMessage;

        UdsBinding(TransportOptions options, PrivateDirectory dir, ServerSocketChannel server, int maxMessage) {
            super(ALIAS, options, dir);
            this.server = server;
            this.maxMessage = maxMessage;
        }

        @Override
        public String address() {
            return directory().resolve("bench.sock").toString();
        }

        @Override
        protected AbstractTransport acceptPeer() throws IOException {
            SocketChannel channel = server.accept();
            UdsTransport transport = new UdsTransport(options(), maxMessage, channel, directory());
            handOver();
            return transport;
        }

        @Override
        protected void closeChannels() throws IOException {
            server.close();
        }
    }
}
