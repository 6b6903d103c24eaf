package dev.ipcbench.peer;

import dev.ipcbench.transport.Binding;
import dev.ipcbench.transport.Transport;
import dev.ipcbench.transport.TransportException;
import dev.ipcbench.transport.TransportOptions;
import dev.ipcbench.transport.TransportProvider;
import dev.ipcbench.transport.support.AbstractTransport;
import dev.ipcbench.transport.support.Hello;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link Peer} running in a separate JVM (same {@code java}, same class path), connected to this
 * process through one transport.
 *
 * <p>{@link #start} binds, starts the peer, waits for it to connect and for its hello, all within
 * the connect timeout, and fails at once, with the peer's last words, if the peer dies first. {@link
 * #close()} closes the channel and the peer's standard input, then ends the peer gracefully or,
 * after a grace period, forcibly. The peer also exits by itself when this process dies, so none is
 * ever orphaned.
 */
public final class PeerProcess implements AutoCloseable {

    /**
     * The environment variable that carries the run's secret to the peer: a process's environment
     * is readable only by its owner, where its command line is readable by every local user.
     */
    public static final String SECRET_VARIABLE = "IPCBENCH_PEER_SECRET";

    /** The JVM arguments every peer starts with, before any the builder adds. */
    private static final List<String> DEFAULT_JVM_ARGUMENTS = List.of(
            "-XX:+UseSerialGC",
            "-Xms32m",
            "-Xmx256m",
            // The JVM's own warnings go to stdout by default: keep stdout for the pipe transport.
            "-XX:+DisplayVMOutputToStderr",
            // junixsocket loads a native library: JDK 24+ warns without this (known, and harmless, since 17).
            "--enable-native-access=ALL-UNNAMED");

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration GRACE = Duration.ofSeconds(3);
    private static final int STDERR_LINES_KEPT = 40;
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        // Belt and braces: a peer also exits by itself when this process is gone.
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly), "ipcbench-peer-kill"));
    }

    private final String alias;
    private final Process process;
    private final Binding binding;
    private final Transport transport;
    private final StderrPump stderr;
    private final AtomicBoolean closed = new AtomicBoolean();

    private PeerProcess(String alias, Process process, Binding binding, Transport transport, StderrPump stderr) {
        this.alias = alias;
        this.process = process;
        this.binding = binding;
        this.transport = transport;
        this.stderr = stderr;
    }

    /** The JVM arguments every peer starts with (serial GC, a small heap), for the record of a run. */
    public static List<String> defaultJvmArguments() {
        return DEFAULT_JVM_ARGUMENTS;
    }

    /** The peer processes this JVM has started and not yet closed (for CPU accounting). */
    public static List<ProcessHandle> running() {
        return LIVE.stream().filter(Process::isAlive).map(Process::toHandle).toList();
    }

    /** Starts building a peer that talks over {@code provider}. */
    public static Builder builder(TransportProvider provider) {
        return new Builder(provider);
    }

    /** The benchmark side of the channel to the peer. */
    public Transport transport() {
        return transport;
    }

    /** The peer's process id. */
    public long pid() {
        return process.pid();
    }

    /** The peer's process. */
    public ProcessHandle handle() {
        return process.toHandle();
    }

    /** Whether the peer process is running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** The last lines the peer wrote to standard error. */
    public List<String> lastStderrLines() {
        return stderr.lastLines();
    }

    /** Kills the peer at once (SIGKILL), as a crash would, and waits for it to be gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Closes the channel, ends the peer (gracefully, then forcibly) and removes every file. Idempotent.
     */
    @Override
    public void close() throws IOException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        IOException failure = null;
        try {
            transport.close();
        } catch (IOException e) {
            failure = e;
        }
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // already closed or the peer is gone
        }
        try {
            end(process);
        } finally {
            LIVE.remove(process);
            try {
                binding.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                }
            }
            stderr.join();
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static void end(Process process) {
        try {
            if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroy();
                if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "PeerProcess[" + alias + ", pid " + process.pid() + (process.isAlive() ? "" : ", exited") + "]";
    }

    /** Settings for a peer; {@link #start()} launches it. */
    public static final class Builder {
        private final TransportProvider provider;
        private PeerMode mode = PeerMode.ECHO;
        private TransportOptions options = TransportOptions.defaults();
        private int bufferSize = Peer.DEFAULT_BUFFER;
        private final List<String> jvmArguments = new ArrayList<>(DEFAULT_JVM_ARGUMENTS);
        private final List<String> commandPrefix = new ArrayList<>();
        private boolean forwardStderr = true;

        private Builder(TransportProvider provider) {
            this.provider = Objects.requireNonNull(provider, "provider");
        }

        public Builder mode(PeerMode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        public Builder options(TransportOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /** The peer's receive buffer: the largest message it can take. */
        public Builder bufferSize(int bytes) {
            if (bytes < 64) {
                throw new IllegalArgumentException("peer buffer must be at least 64 bytes: " + bytes);
            }
            this.bufferSize = bytes;
            return this;
        }

        /**
         * Extra JVM arguments for the peer, after the defaults (serial GC, 256 MiB heap); the
         * provider's own {@link TransportProvider#jvmArguments()} follow.
         */
        public Builder jvmArguments(List<String> arguments) {
            this.jvmArguments.addAll(arguments);
            return this;
        }

        /** A command the peer's {@code java} runs under, for example {@code taskset -c 1}. */
        public Builder commandPrefix(List<String> prefix) {
            this.commandPrefix.clear();
            this.commandPrefix.addAll(prefix);
            return this;
        }

        /** Whether the peer's standard error is copied to this process's (default true). */
        public Builder forwardStderr(boolean forward) {
            this.forwardStderr = forward;
            return this;
        }

        /** The command that starts the peer for {@code address}. */
        List<String> command(String address) {
            List<String> cmd = new ArrayList<>(commandPrefix);
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.addAll(jvmArguments);
            for (String a : provider.jvmArguments()) {
                if (!jvmArguments.contains(a)) {
                    cmd.add(a);
                }
            }
            long direct = 2L * bufferSize + (64L << 20);
            cmd.add("-XX:MaxDirectMemorySize=" + direct);
            cmd.add("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add(Peer.class.getName());
            cmd.addAll(List.of("--transport", provider.alias(), "--address", address, "--mode", mode.argument()));
            cmd.addAll(List.of("--buffer", Integer.toString(bufferSize)));
            cmd.addAll(options.toArguments());
            return cmd;
        }

        /**
         * Binds, starts the peer and waits until it has connected and said hello.
         *
         * @throws TransportException naming the transport and the peer's exit code and last words
         *     when the peer fails to come up within the connect timeout
         */
        public PeerProcess start() throws IOException {
            String cause = provider.unavailabilityCause();
            if (cause != null) {
                throw new TransportException(provider.alias() + " is not available on this machine: " + cause);
            }
            byte[] secret = new byte[Hello.SECRET_LENGTH];
            RANDOM.nextBytes(secret);
            Binding binding = provider.bind(options.withSecret(secret));
            Process process = null;
            StderrPump pump = null;
            Transport transport = null;
            AtomicBoolean connected = new AtomicBoolean();
            try {
                ProcessBuilder pb = new ProcessBuilder(command(binding.address()));
                pb.environment().put(SECRET_VARIABLE, HexFormat.of().formatHex(secret));
                pb.redirectError(ProcessBuilder.Redirect.PIPE);
                pb.redirectInput(ProcessBuilder.Redirect.PIPE);
                if (!provider.capabilities().usesPeerStdio()) {
                    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
                }
                process = pb.start();
                LIVE.add(process);
                pump = new StderrPump(provider.alias(), process, forwardStderr);
                binding.peerStarted(process);
                // A peer that dies before connecting makes the wait fail now, not at the deadline.
                process.onExit().thenRun(() -> {
                    if (!connected.get()) {
                        try {
                            binding.close();
                        } catch (IOException ignored) {
                            // accept reports it
                        }
                    }
                });
                transport = binding.accept(); // admits only the process holding the secret
                connected.set(true);
                if (transport instanceof AbstractTransport t) {
                    StderrPump words = pump;
                    t.describePeer(process, words::lastFailure);
                }
                return new PeerProcess(provider.alias(), process, binding, transport, pump);
            } catch (IOException | RuntimeException e) {
                connected.set(true);
                String detail = "";
                if (process != null) {
                    try {
                        process.waitFor(200, TimeUnit.MILLISECONDS);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                    }
                    if (pump != null) {
                        pump.join();
                    }
                    detail = describeFailure(process, pump);
                }
                if (transport != null) {
                    transport.close();
                }
                if (process != null) {
                    process.destroyForcibly();
                    end(process);
                    LIVE.remove(process);
                }
                binding.close();
                throw new TransportException(
                        provider.alias() + ": the peer did not come up: " + e.getMessage() + detail, e);
            }
        }

        private static String describeFailure(Process process, StderrPump pump) {
            StringBuilder sb = new StringBuilder();
            if (!process.isAlive()) {
                sb.append("; peer pid ")
                        .append(process.pid())
                        .append(" exited with code ")
                        .append(process.exitValue());
            }
            List<String> lines = pump == null ? List.of() : pump.lastLines();
            if (!lines.isEmpty()) {
                sb.append("; its standard error ended with:");
                for (String l : lines) {
                    sb.append(System.lineSeparator()).append("  ").append(l);
                }
            }
            return sb.toString();
        }
    }

    /** Reads the peer's standard error so it never blocks, keeps the last lines, and forwards them. */
    private static final class StderrPump {
        private final Deque<String> last = new ArrayDeque<>();
        private final Thread thread;

        StderrPump(String alias, Process process, boolean forward) {
            String prefix = "[peer " + alias + " pid " + process.pid() + "] ";
            thread = new Thread(
                    () -> {
                        try (BufferedReader r = new BufferedReader(
                                new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                            String line;
                            while ((line = r.readLine()) != null) {
                                synchronized (last) {
                                    if (last.size() == STDERR_LINES_KEPT) {
                                        last.removeFirst();
                                    }
                                    last.addLast(line);
                                }
                                if (forward) {
                                    System.err.println(prefix + line);
                                }
                            }
                        } catch (IOException ignored) {
                            // the peer is gone
                        }
                    },
                    "ipcbench-peer-stderr-" + process.pid());
            thread.setDaemon(true);
            thread.start();
        }

        List<String> lastLines() {
            synchronized (last) {
                return new ArrayList<>(last);
            }
        }

        /**
         * What the peer said when it failed (its {@code failed:} line), or its last line, or {@code
         * null}; waits briefly for the pump to read what a peer that just exited wrote.
         */
        String lastFailure() {
            try {
                thread.join(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            List<String> lines = lastLines();
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (lines.get(i).contains("failed:")) {
                    return lines.get(i);
                }
            }
            return lines.isEmpty() ? null : lines.get(lines.size() - 1);
        }

        void join() {
            try {
                thread.join(GRACE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
