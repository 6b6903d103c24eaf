package dev.ipcbench.transport.support;

import dev.ipcbench.transport.Binding;
import dev.ipcbench.transport.PrivateDirectory;
import dev.ipcbench.transport.TransportException;
import dev.ipcbench.transport.TransportOptions;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * How the Unix domain socket transports (JDK and junixsocket, stream, datagram and seqpacket) meet:
 * the benchmark side binds {@value #SOCKET} in a fresh private directory and hands its path to the
 * peer; once the peer has connected, the directory and every socket file in it are deleted, so no
 * socket file is left behind even if both processes are killed later.
 */
public final class UnixRendezvous {

    /** The socket file's name in the private directory. */
    public static final String SOCKET = "bench.sock";

    private UnixRendezvous() {}

    /** Opens the listening end, bound to {@code socket}. */
    @FunctionalInterface
    public interface Listen<S extends Closeable> {
        S open(Path socket) throws IOException;
    }

    /** Waits on the listening end for the peer and returns the connected transport. */
    @FunctionalInterface
    public interface Accept<S> {
        AbstractTransport accept(S listening) throws IOException;
    }

    /**
     * The benchmark side's binding.
     *
     * @param listeningIsTransport whether the accepted transport goes on using the listening
     *     socket itself (a datagram socket), which the binding then must not close
     */
    public static <S extends Closeable> Binding bind(
            String alias, TransportOptions options, Listen<S> listen, Accept<S> accept, boolean listeningIsTransport)
            throws IOException {
        PrivateDirectory dir = PrivateDirectory.create();
        S listening = null;
        try {
            checkPathLength(alias, dir.resolve(SOCKET));
            listening = listen.open(dir.resolve(SOCKET));
            return new Bound<>(alias, options, dir, listening, accept, listeningIsTransport);
        } catch (IOException | RuntimeException e) {
            AbstractBinding.closeAll(listening, dir);
            throw e;
        }
    }

    /** The longest path a Unix domain socket address holds: {@code sun_path} is 108 bytes with its NUL. */
    static final int MAX_PATH_BYTES = 107;

    /**
     * Fails, naming the path and the way out, when {@code socket} is too long for a Unix domain
     * socket address: the JDK's own error ("Unix domain path too long") names neither.
     */
    public static void checkPathLength(String alias, Path socket) throws TransportException {
        int bytes = socket.toString().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_PATH_BYTES) {
            throw new TransportException(alias + ": the socket path " + socket + " is " + bytes
                    + " bytes, over the " + MAX_PATH_BYTES + " a Unix domain socket address holds; point "
                    + "java.io.tmpdir at a shorter directory (for example --jvm-args -Djava.io.tmpdir=/tmp)");
        }
    }

    /** Connects a channel to the benchmark side's socket. */
    @FunctionalInterface
    public interface Connect<C> {
        void connect(C channel) throws IOException;
    }

    /**
     * The peer side: runs {@code connect} on {@code channel} under the connect deadline and returns
     * the channel, or closes it and fails.
     */
    public static <C extends Closeable> C connect(
            String alias, String address, TransportOptions options, C channel, Connect<C> connect) throws IOException {
        try {
            Deadline.bounded(alias + ": connect to " + address, options.connectTimeout(), channel, () -> {
                connect.connect(channel);
                return null;
            });
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static final class Bound<S extends Closeable> extends AbstractBinding {
        private final S listening;
        private final Accept<S> accept;
        private final boolean listeningIsTransport;

        Bound(
                String alias,
                TransportOptions options,
                PrivateDirectory dir,
                S listening,
                Accept<S> accept,
                boolean listeningIsTransport) {
            super(alias, options, dir);
            this.listening = listening;
            this.accept = accept;
            this.listeningIsTransport = listeningIsTransport;
        }

        @Override
        public String address() {
            return directory().resolve(SOCKET).toString();
        }

        @Override
        protected AbstractTransport acceptPeer() throws IOException {
            AbstractTransport transport = accept.accept(listening);
            handOver();
            try {
                if (!listeningIsTransport) {
                    listening.close(); // the peer is here: nobody else may connect
                }
                // Both ends are connected: the socket files' names are no longer needed.
                directory().close();
            } catch (IOException e) {
                transport.close();
                throw e;
            }
            return transport;
        }

        @Override
        protected void closeChannels() throws IOException {
            if (!listeningIsTransport || !handedOver()) {
                listening.close();
            }
        }
    }
}
