package dev.ipcbench.cli;

import dev.ipcbench.bench.OpenLoopMain;
import dev.ipcbench.bench.OpenLoopSettings;
import dev.ipcbench.report.EnvironmentFile;
import dev.ipcbench.report.OpenLoopFile;
import dev.ipcbench.report.ResultsFolder;
import dev.ipcbench.transport.Sizes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs open-loop sweeps for {@code run}: one JVM per transport, wait strategy and size, started as
 * JMH starts a fork (the same {@code java}, JVM arguments and class path), running {@link
 * OpenLoopMain}. Its {@code RESULT} lines become entries of {@code openloop.json}, its other output
 * the progress on the terminal. Every sweep has a deadline (twice its longest time and a minute);
 * past it the JVM is ended, and with it its peer.
 */
final class OpenLoopRunner {

    private static final int STDERR_LINES_KEPT = 40;
    private static final Duration GRACE = Duration.ofSeconds(5);

    /**
     * How to start the JVM of a sweep.
     *
     * @param java the {@code java} executable
     * @param jvmArgs the JVM arguments, as a JMH fork gets them
     * @param classPath this JVM's class path, plug-in jars included
     */
    record Launch(String java, List<String> jvmArgs, String classPath) {
        Launch {
            jvmArgs = List.copyOf(jvmArgs);
        }
    }

    /** What one sweep gave: its entries (also those before a failure) and why it failed, or {@code null}. */
    record Sweep(List<OpenLoopFile.Entry> entries, String failure) {}

    private final OpenLoopSettings settings;
    private final Launch launch;
    private final String placement;
    private final boolean verbose;
    private final PrintStream console;
    private final long startNanos = System.nanoTime();
    private final int total;
    private int started;

    OpenLoopRunner(
            OpenLoopSettings settings,
            Launch launch,
            String placement,
            int total,
            boolean verbose,
            PrintStream console) {
        this.settings = settings;
        this.launch = launch;
        this.placement = placement;
        this.total = total;
        this.verbose = verbose;
        this.console = console;
    }

    /** The command that runs one sweep. */
    List<String> command(String transport, String wait, long size) {
        List<String> cmd = new ArrayList<>();
        cmd.add(launch.java());
        cmd.addAll(launch.jvmArgs());
        cmd.add("-cp");
        cmd.add(launch.classPath());
        cmd.add(OpenLoopMain.class.getName());
        cmd.addAll(List.of(
                "--transport",
                transport,
                "--size",
                Long.toString(size),
                "--wait",
                wait,
                "--placement",
                placement,
                "--watch-stdin"));
        cmd.addAll(settings.toArguments());
        return cmd;
    }

    /** Runs one sweep, with its progress on the console. */
    Sweep sweep(String transport, String wait, long size) {
        started++;
        console.println(progressLine(transport, wait, size));
        console.flush();
        List<OpenLoopFile.Entry> entries = new ArrayList<>();
        Deque<String> lastErr = new ArrayDeque<>();
        String[] failed = {null};
        Process p;
        try {
            p = new ProcessBuilder(command(transport, wait, size))
                    .redirectInput(ProcessBuilder.Redirect.PIPE)
                    .start();
        } catch (IOException e) {
            return failure(entries, "the open-loop JVM did not start: " + e.getMessage());
        }
        Thread stop = new Thread(p::destroy, "ipcbench-openloop-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        Thread out = pump(p.getInputStream(), "ipcbench-openloop-stdout", line -> {
            if (line.startsWith(OpenLoopMain.RESULT)) {
                try {
                    synchronized (entries) {
                        entries.add(ResultsFolder.fromJsonLine(
                                line.substring(OpenLoopMain.RESULT.length()), OpenLoopFile.Entry.class));
                    }
                } catch (IOException e) {
                    failed[0] = "an unreadable result line: " + e.getMessage();
                }
            } else if (line.startsWith(OpenLoopMain.FAILED)) {
                failed[0] = line.substring(OpenLoopMain.FAILED.length());
            } else {
                console.println("      " + line);
                console.flush();
            }
        });
        Thread err = pump(p.getErrorStream(), "ipcbench-openloop-stderr", line -> {
            synchronized (lastErr) {
                if (lastErr.size() == STDERR_LINES_KEPT) {
                    lastErr.removeFirst();
                }
                lastErr.addLast(line);
            }
            if (verbose) {
                console.println("      | " + line);
                console.flush();
            }
        });
        Duration deadline = settings.sweepEstimate().multipliedBy(2).plus(Duration.ofMinutes(1));
        try {
            boolean ended = p.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS);
            if (!ended) {
                end(p);
                failed[0] = "the sweep did not end within " + Durations.format(deadline) + "; its JVM was ended";
            }
            out.join(GRACE.toMillis());
            err.join(GRACE.toMillis());
            if (ended && p.exitValue() != 0 && failed[0] == null) {
                failed[0] = "the open-loop JVM exited with code " + p.exitValue() + lastWords(lastErr);
            }
        } catch (InterruptedException e) {
            end(p);
            Thread.currentThread().interrupt();
            failed[0] = "interrupted";
        } finally {
            try {
                p.getOutputStream().close(); // the child exits when its standard input closes
            } catch (IOException ignored) {
                // already gone
            }
            end(p);
            try {
                Runtime.getRuntime().removeShutdownHook(stop);
            } catch (IllegalStateException ignored) {
                // shutting down: the hook runs
            }
        }
        List<OpenLoopFile.Entry> got;
        synchronized (entries) {
            got = List.copyOf(entries);
        }
        if (failed[0] != null) {
            return failure(got, failed[0]);
        }
        return new Sweep(got, null);
    }

    private Sweep failure(List<OpenLoopFile.Entry> entries, String why) {
        console.println("        FAILED: " + why);
        console.flush();
        return new Sweep(entries, why);
    }

    /** The entry of {@code environment.json}'s failed list for a sweep that failed. */
    static EnvironmentFile.Missing missing(String transport, String wait, long size, String why) {
        return new EnvironmentFile.Missing(BenchmarkKind.OPEN_LOOP.label(), "openloop", transport, size, wait, why);
    }

    private static String lastWords(Deque<String> lines) {
        List<String> copy;
        synchronized (lines) {
            copy = new ArrayList<>(lines);
        }
        if (copy.isEmpty()) {
            return "";
        }
        return "; its standard error ended with: "
                + String.join(" / ", copy.subList(Math.max(0, copy.size() - 5), copy.size()));
    }

    private static void end(Process p) {
        if (!p.isAlive()) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private interface LineHandler {
        void line(String line);
    }

    private static Thread pump(InputStream in, String name, LineHandler handler) {
        Thread t = new Thread(
                () -> {
                    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = r.readLine()) != null) {
                            handler.line(line);
                        }
                    } catch (IOException ignored) {
                        // the child is gone
                    }
                },
                name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private String progressLine(String transport, String wait, long size) {
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
        int done = started - 1;
        int remaining = Math.max(0, total - done);
        Duration left = done > 0
                ? elapsed.dividedBy(done).multipliedBy(remaining)
                : settings.sweepEstimate().multipliedBy(remaining);
        return "[open loop " + started + "/" + total + "] " + transport
                + (wait == null || "default".equals(wait) ? "" : " (" + wait + ")") + " " + Sizes.format(size)
                + " (elapsed " + Durations.format(elapsed) + ", about " + Durations.format(left) + " left)";
    }
}
