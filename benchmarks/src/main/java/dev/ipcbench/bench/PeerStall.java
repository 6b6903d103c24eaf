package dev.ipcbench.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A developer check, never part of a real measurement: stops the peer process with {@code SIGSTOP}
 * for a while, then lets it go on with {@code SIGCONT}, again and again, from a thread of this
 * process. A stalled peer is what coordinated omission hides: a closed loop sees one slow round
 * trip per stall, an open loop every message the stall delays. The peer is always let go on
 * {@link #close()}.
 */
public final class PeerStall implements AutoCloseable {

    /** The system property that makes the JMH benchmarks stall their peer, as {@link Spec#argument()}. */
    public static final String PROPERTY = "ipcbench.stall";

    /**
     * How long each stop lasts and how often it comes.
     *
     * @param stop how long the peer is stopped
     * @param every the time from one stop to the next
     */
    public record Spec(Duration stop, Duration every) {
        public Spec {
            if (stop.isNegative() || stop.isZero() || every.compareTo(stop) <= 0) {
                throw new IllegalArgumentException(
                        "a stall stops the peer for more than 0 and less than the time between stalls");
            }
        }

        /**
         * Parses {@code STOP/EVERY}, for example {@code 10ms/200ms}.
         *
         * @throws IllegalArgumentException naming the option when it is malformed
         */
        public static Spec parse(String text, String option) {
            String[] parts = text == null ? new String[0] : text.split("/");
            if (parts.length != 2) {
                throw new IllegalArgumentException(
                        option + ": write how long the peer stops and how often, for example 10ms/200ms");
            }
            try {
                return new Spec(
                        OpenLoopSettings.parseDuration(parts[0], option),
                        OpenLoopSettings.parseDuration(parts[1], option));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        option + ": " + e.getMessage().replace(option + ": ", ""), e);
            }
        }

        /** The form {@link #parse} reads. */
        public String argument() {
            return stop.toNanos() + "ns/" + every.toNanos() + "ns";
        }

        /** For people: {@code 10 ms every 200 ms}. */
        public String describe() {
            return OpenLoopSettings.format(stop) + " every " + OpenLoopSettings.format(every);
        }
    }

    private final long pid;
    private final Spec spec;
    private final Thread thread;
    private volatile boolean running = true;
    private final List<Long> stalls = new ArrayList<>();

    private PeerStall(long pid, Spec spec) {
        this.pid = pid;
        this.spec = spec;
        this.thread = new Thread(this::loop, "ipcbench-peer-stall");
        this.thread.setDaemon(true);
    }

    /** Starts stalling process {@code pid}. */
    static PeerStall start(long pid, Spec spec) {
        PeerStall s = new PeerStall(pid, spec);
        System.err.println("ipcbench: developer check: stopping the peer (pid " + pid + ") for " + spec.describe());
        s.thread.start();
        return s;
    }

    /** Starts a stall when the system property {@value #PROPERTY} asks for one, else returns {@code null}. */
    static PeerStall fromProperty(long pid) {
        String value = System.getProperty(PROPERTY);
        return value == null || value.isBlank() || pid < 0 ? null : start(pid, Spec.parse(value, PROPERTY));
    }

    private void loop() {
        long next = System.nanoTime() + spec.every().toNanos();
        try {
            while (running) {
                if (!sleepUntil(next)) {
                    return;
                }
                long stopped = System.nanoTime();
                if (!signal("-STOP")) {
                    return;
                }
                try {
                    sleepUntil(stopped + spec.stop().toNanos());
                } finally {
                    signal("-CONT");
                }
                synchronized (stalls) {
                    stalls.add(System.nanoTime() - stopped);
                }
                next += spec.every().toNanos();
            }
        } finally {
            signal("-CONT");
        }
    }

    private boolean sleepUntil(long deadline) {
        long left;
        while (running && (left = deadline - System.nanoTime()) > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(left);
            } catch (InterruptedException e) {
                return false;
            }
        }
        return running;
    }

    private boolean signal(String signal) {
        try {
            Process p = new ProcessBuilder("kill", signal, Long.toString(pid))
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops stalling and lets the peer go on; says on standard error how many stalls there were. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        signal("-CONT");
        System.err.println("ipcbench: developer check: " + summary());
    }

    /** How many stalls there were and how long they lasted. */
    String summary() {
        List<Long> done;
        synchronized (stalls) {
            done = new ArrayList<>(stalls);
        }
        long min = done.stream().mapToLong(Long::longValue).min().orElse(0);
        long max = done.stream().mapToLong(Long::longValue).max().orElse(0);
        return String.format(
                java.util.Locale.ROOT,
                "the peer (pid %d) was stopped %d times, %.1f to %.1f ms each",
                pid,
                done.size(),
                min / 1e6,
                max / 1e6);
    }
}
