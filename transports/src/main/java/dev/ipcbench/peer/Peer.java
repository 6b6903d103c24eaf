package dev.ipcbench.peer;

import dev.ipcbench.transport.PeerClosedException;
import dev.ipcbench.transport.Sizes;
import dev.ipcbench.transport.Transport;
import dev.ipcbench.transport.TransportOptions;
import dev.ipcbench.transport.TransportProvider;
import dev.ipcbench.transport.TransportRegistry;
import dev.ipcbench.transport.support.Hello;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The other process: connects to the address it is given and echoes or sinks messages until the
 * channel closes.
 *
 * <pre>
 * java -cp CLASSPATH dev.ipcbench.peer.Peer --transport ALIAS --address ADDRESS --mode echo|sink
 *      [--buffer BYTES] [--io-timeout-ms N] [--connect-timeout-ms N] [--max-message N]
 *      [--option NAME=VALUE]...
 * </pre>
 *
 * <p>It never outlives its parent: it exits when its standard input reaches end of file (unless
 * standard input is the channel itself) or when the parent process is gone. Everything it logs goes
 * to standard error. Exit codes: 0 channel closed by the other side, 1 failure, 2 bad arguments, 3
 * parent gone.
 */
public final class Peer {

    /** Default receive buffer: room for a 4 MiB message. */
    public static final int DEFAULT_BUFFER = 4 << 20;

    static final int EXIT_CLOSED = 0;
    static final int EXIT_FAILURE = 1;
    static final int EXIT_USAGE = 2;
    static final int EXIT_PARENT_GONE = 3;

    private Peer() {}

    public static void main(String[] args) {
        Arguments a;
        try {
            a = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            log("error: " + e.getMessage());
            System.exit(EXIT_USAGE);
            return;
        }
        watchParent();
        if (!a.provider.capabilities().usesPeerStdio()) {
            exitAtEndOfStdin();
        }
        try (Transport t = a.provider.connect(a.address, a.options)) {
            Hello.send(t, a.options.secret());
            PeerLoops.run(a.mode, t, ByteBuffer.allocateDirect(a.buffer));
        } catch (PeerClosedException e) {
            System.exit(EXIT_CLOSED);
        } catch (IOException | RuntimeException e) {
            log("failed: " + e);
            System.exit(EXIT_FAILURE);
        }
        System.exit(EXIT_CLOSED);
    }

    /** Exits when the parent process is gone, even if it was killed. */
    private static void watchParent() {
        Optional<ProcessHandle> parent = ProcessHandle.current().parent();
        if (parent.isEmpty()) {
            log("no parent process: exiting");
            System.exit(EXIT_PARENT_GONE);
        }
        ProcessHandle p = parent.get();
        daemon("ipcbench-peer-parent-watch", () -> {
            while (p.isAlive()) {
                sleep(Duration.ofMillis(200));
            }
            log("parent pid " + p.pid() + " is gone: exiting");
            Runtime.getRuntime().halt(EXIT_PARENT_GONE);
        });
    }

    /** Exits when standard input closes: the parent closed it, or died. */
    private static void exitAtEndOfStdin() {
        daemon("ipcbench-peer-stdin-watch", () -> {
            InputStream in = System.in;
            byte[] skip = new byte[256];
            try {
                while (in.read(skip) >= 0) {
                    // the parent sends nothing; end of file is the signal
                }
            } catch (IOException ignored) {
                // same as end of file
            }
            Runtime.getRuntime().halt(EXIT_CLOSED);
        });
    }

    private static void daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The run's secret, from {@value PeerProcess#SECRET_VARIABLE} in this process's environment,
     * which only its owner can read (a command line, by contrast, any local user can).
     */
    static byte[] secretFromEnvironment() {
        String hex = System.getenv(PeerProcess.SECRET_VARIABLE);
        if (hex == null || hex.length() != 2 * Hello.SECRET_LENGTH) {
            throw new IllegalArgumentException(PeerProcess.SECRET_VARIABLE
                    + " is missing or malformed: a peer is started by PeerProcess, which gives it the run's secret");
        }
        try {
            return HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PeerProcess.SECRET_VARIABLE + " is not hexadecimal", e);
        }
    }

    static void log(String message) {
        System.err.println("ipcbench-peer[" + ProcessHandle.current().pid() + "]: " + message);
        System.err.flush();
    }

    /** The parsed command line. */
    static final class Arguments {
        TransportProvider provider;
        String address;
        PeerMode mode = PeerMode.ECHO;
        int buffer = DEFAULT_BUFFER;
        TransportOptions options = TransportOptions.defaults();

        static Arguments parse(String[] args) {
            Arguments a = new Arguments();
            String alias = null;
            List<String> rest = new ArrayList<>(List.of(args));
            for (int i = 0; i < rest.size(); i += 2) {
                String name = rest.get(i);
                if (i + 1 >= rest.size()) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                String value = rest.get(i + 1);
                switch (name) {
                    case "--transport" -> alias = value;
                    case "--address" -> a.address = value;
                    case "--mode" -> a.mode = PeerMode.parse(value);
                    case "--buffer" -> {
                        long bytes = Sizes.parse(value, "--buffer");
                        if (bytes < 1 || bytes > Integer.MAX_VALUE) {
                            throw new IllegalArgumentException(
                                    "--buffer must be from 1 byte to 2 GiB - 1 (a direct buffer's limit), got: "
                                            + value);
                        }
                        a.buffer = (int) bytes;
                    }
                    default -> {
                        TransportOptions next = a.options.applyArgument(name, value);
                        if (next == null) {
                            throw new IllegalArgumentException("unknown argument " + name);
                        }
                        a.options = next;
                    }
                }
            }
            if (alias == null || a.address == null) {
                throw new IllegalArgumentException("--transport and --address are required");
            }
            a.options = a.options.withSecret(secretFromEnvironment());
            a.provider = TransportRegistry.load().get(alias);
            String cause = a.provider.unavailabilityCause();
            if (cause != null) {
                throw new IllegalArgumentException(alias + " is not available here: " + cause);
            }
            // The peer waits as long as its parent lives: the next message may be a benchmark
            // iteration away. Its own liveness watches replace the I/O deadline.
            a.options = a.options.withIoTimeout(Duration.ZERO);
            return a;
        }
    }
}
