package dev.ipcbench.transport.udsjunix;

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
public final class UdsJunixTransportProvider implements TransportProvider {

    /** This transport's alias. */
    public static final String ALIAS = "uds-junix";

    private static final Capabilities CAPABILITIES =
            new Capabilities(true, Capabilities.MAX_FRAMED_MESSAGE, Framing.LENGTH_PREFIXED, Platform.POSIX, false);

    @Override
    public String alias() {
        return ALIAS;
    }

    @Override
    public String mechanism() {
        return "Unix domain stream socket, junixsocket AFUNIXSocketChannel";
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
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
    public Binding bind(TransportOptions options) throws IOException {
        PrivateDirectory dir = PrivateDirectory.create();
        AFUNIXServerSocketChannel server = null;
        try {
            server = AFUNIXServerSocketChannel.open();
            server.bind(AFUNIXSocketAddress.of(dir.resolve("bench.sock")), 1);
            return new Bound(options, dir, server, maxMessageSize(options));
        } catch (IOException | RuntimeException e) {
            AbstractBinding.closeAll(server, dir);
            throw e;
        }
    }

    @Override
    public Transport connect(String address, TransportOptions options) throws IOException {
        AFUNIXSocketAddress target = AFUNIXSocketAddress.of(new File(address));
        AFUNIXSocketChannel channel = AFUNIXSocketChannel.open();
        try {
            Deadline.bounded(
                    ALIAS + ": connect to " + address,
                    options.connectTimeout(),
                    channel,
                    () -> channel.connect(target));
            return new UdsJunixTransport(options, maxMessageSize(options), channel, null);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static final class Bound extends AbstractBinding {
        private final AFUNIXServerSocketChannel server;
        private final int maxMessage;

        Bound(TransportOptions options, PrivateDirectory dir, AFUNIXServerSocketChannel server, int maxMessage) {
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
            AFUNIXSocketChannel channel = server.accept();
            UdsJunixTransport transport = new UdsJunixTransport(options(), maxMessage, channel, directory());
            handOver();
            return transport;
        }

        @Override
        protected void closeChannels() throws IOException {
            server.close();
        }
    }
}
