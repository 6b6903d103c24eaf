package dev.ipcbench.transport.udsjunix;

import dev.ipcbench.transport.Binding;
import dev.ipcbench.transport.Capabilities;
import dev.ipcbench.transport.Transport;
import dev.ipcbench.transport.TransportOptions;
import dev.ipcbench.transport.support.AbstractTransportProvider;
import dev.ipcbench.transport.support.UnixRendezvous;
import java.io.File;
import java.io.IOException;
import org.newsclub.net.unix.AFUNIXServerSocketChannel;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;
import org.newsclub.net.unix.AFUNIXSocketChannel;

/**
 * {@code uds-junix}: the same mechanism as {@code uds}, a Unix domain stream socket, through
 * junixsocket's native code instead of the JDK's, so the two libraries can be compared.
 */
public final class UdsJunixTransportProvider extends AbstractTransportProvider {

    /** This transport's alias. */
    public static final String ALIAS = "uds-junix";

    public UdsJunixTransportProvider() {
        super(
                ALIAS,
                "Unix domain stream socket, junixsocket AFUNIXSocketChannel",
                Capabilities.reliable(Capabilities.MAX_FRAMED_MESSAGE));
    }

    @Override
    public String nativeReference() {
        return "uds";
    }

    @Override
    public String unavailabilityCause() {
        return junixsocketUnavailability();
    }

    /** Why junixsocket cannot be used here, or {@code null}; shared by the junixsocket transports. */
    public static String junixsocketUnavailability() {
        try {
            if (AFUNIXSocket.isSupported()) {
                return null;
            }
            return "junixsocket has no native library for " + System.getProperty("os.name") + "/"
                    + System.getProperty("os.arch") + "; use uds (JDK) or tcp instead";
        } catch (LinkageError e) {
            return "junixsocket could not load its native library (" + e + "); use uds (JDK) or tcp instead";
        }
    }

    @Override
    protected Binding createBinding(TransportOptions options) throws IOException {
        int max = maxMessageSize(options);
        return UnixRendezvous.bind(
                ALIAS,
                options,
                path -> {
                    AFUNIXServerSocketChannel server = AFUNIXServerSocketChannel.open();
                    try {
                        server.bind(AFUNIXSocketAddress.of(path), 1);
                        return server;
                    } catch (IOException | RuntimeException e) {
                        server.close();
                        throw e;
                    }
                },
                server -> new UdsJunixTransport(options, max, server.accept()),
                false);
    }

    @Override
    protected Transport connectTo(String address, TransportOptions options) throws IOException {
        AFUNIXSocketAddress target = AFUNIXSocketAddress.of(new File(address));
        AFUNIXSocketChannel channel =
                UnixRendezvous.connect(ALIAS, address, options, AFUNIXSocketChannel.open(), c -> c.connect(target));
        return new UdsJunixTransport(options, maxMessageSize(options), channel);
    }
}
