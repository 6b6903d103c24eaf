package dev.ipcbench.transport.uds;

import dev.ipcbench.transport.Binding;
import dev.ipcbench.transport.Capabilities;
import dev.ipcbench.transport.Transport;
import dev.ipcbench.transport.TransportOptions;
import dev.ipcbench.transport.support.AbstractTransportProvider;
import dev.ipcbench.transport.support.UnixRendezvous;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/** {@code uds}: a Unix domain stream socket through the JDK (16+), met through {@link UnixRendezvous}. */
public final class UdsTransportProvider extends AbstractTransportProvider {

    /** This transport's alias. */
    public static final String ALIAS = "uds";

    public UdsTransportProvider() {
        super(
                ALIAS,
                "Unix domain stream socket, JDK SocketChannel (UnixDomainSocketAddress)",
                Capabilities.reliable(Capabilities.MAX_FRAMED_MESSAGE));
    }

    @Override
    public String nativeReference() {
        return "uds";
    }

    @Override
    public String unavailabilityCause() {
        try {
            SocketChannel.open(StandardProtocolFamily.UNIX).close();
            return null;
        } catch (UnsupportedOperationException | IOException e) {
            return "this JDK or operating system has no Unix domain sockets (" + e.getMessage()
                    + "); use uds-junix or tcp instead";
        }
    }

    @Override
    protected Binding createBinding(TransportOptions options) throws IOException {
        int max = maxMessageSize(options);
        return UnixRendezvous.bind(
                ALIAS,
                options,
                path -> {
                    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
                    try {
                        server.bind(UnixDomainSocketAddress.of(path), 1);
                        return server;
                    } catch (IOException | RuntimeException e) {
                        server.close();
                        throw e;
                    }
                },
                server -> new UdsTransport(options, max, server.accept()),
                false);
    }

    @Override
    protected Transport connectTo(String address, TransportOptions options) throws IOException {
        UnixDomainSocketAddress target = UnixDomainSocketAddress.of(Path.of(address));
        SocketChannel channel = UnixRendezvous.connect(
                ALIAS, address, options, SocketChannel.open(StandardProtocolFamily.UNIX), c -> c.connect(target));
        return new UdsTransport(options, maxMessageSize(options), channel);
    }
}
