package dev.ipcbench.cli;

import dev.ipcbench.bench.Combinations;
import dev.ipcbench.report.EnvironmentFile;
import dev.ipcbench.report.JmhResult;
import dev.ipcbench.transport.Sizes;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.IterationType;
import org.openjdk.jmh.runner.format.OutputFormat;

/**
 * JMH output for the command: a progress line per benchmark run ({@code [3/24] RoundTrip tcp 1 KiB
 * (elapsed 1m12s, about 6m left)}) and its score, over JMH's own output (usually silenced). Spans
 * several {@code Runner.run()} calls. A run failed when it starts and never ends, when JMH reports a
 * failed iteration, or when it measured fewer iterations than planned (JMH still returns what the
 * iterations before the failure measured, which must not pass for a result): its reason is taken
 * from the output JMH relayed (the exception the benchmark threw) and kept in {@link #failures()},
 * and {@link #failed(BenchmarkParams)} tells which results to drop.
 */
final class ProgressFormat implements OutputFormat {

    private static final int CAPTURED_LINES = 400;
    private static final int SHOWN_LINES = 30;
    private static final Pattern EXCEPTION =
            Pattern.compile("^\\s*(?:Caused by: )?([\\w$]+\\.)*([\\w$]*(?:Exception|Error)): (.*)$");

    private final OutputFormat delegate;
    private final PrintStream out;
    private final boolean showJmhOutput;
    private final int total;
    private final Duration perRunEstimate;
    private final long startNanos = System.nanoTime();
    private final Deque<String> captured = new ArrayDeque<>();
    private final StringBuilder partialLine = new StringBuilder();
    private final List<EnvironmentFile.Missing> failures = new ArrayList<>();

    private final Set<BenchmarkParams> failedRuns = new HashSet<>();

    private BenchmarkParams current;
    private boolean currentEnded;
    private boolean currentSawFailure;
    private int currentMeasured;
    private int started;

    /**
     * @param delegate JMH's own output, at the verbosity the user asked for
     * @param out where progress lines go
     * @param showJmhOutput whether {@code delegate} prints JMH's output (then failures are not repeated)
     * @param total the number of benchmark runs planned, over every {@code Runner.run()}
     * @param perRunEstimate the estimated time of one run, until real runs give a better one
     */
    ProgressFormat(OutputFormat delegate, PrintStream out, boolean showJmhOutput, int total, Duration perRunEstimate) {
        this.delegate = delegate;
        this.out = out;
        this.showJmhOutput = showJmhOutput;
        this.total = total;
        this.perRunEstimate = perRunEstimate;
    }

    /** The runs that failed so far, as {@code environment.json} records them. */
    List<EnvironmentFile.Missing> failures() {
        settle();
        return List.copyOf(failures);
    }

    @Override
    public void startBenchmark(BenchmarkParams params) {
        settle();
        started++;
        current = params;
        currentEnded = false;
        currentSawFailure = false;
        currentMeasured = 0;
        captured.clear();
        partialLine.setLength(0);
        out.println(progressLine(params));
        out.flush();
        delegate.startBenchmark(params);
    }

    @Override
    public void endBenchmark(BenchmarkResult result) {
        delegate.endBenchmark(result);
        currentEnded = true;
        int planned = Math.max(1, current.getForks()) * current.getMeasurement().getCount();
        if (result != null && result.getPrimaryResult() != null && (currentSawFailure || currentMeasured < planned)) {
            recordFailure(reason() + " (after " + currentMeasured + " of " + planned
                    + " measurement iterations; what they measured is not kept)");
        } else if (result != null && result.getPrimaryResult() != null) {
            Result<?> r = result.getPrimaryResult();
            String error =
                    Double.isNaN(r.getScoreError()) ? "" : String.format(Locale.ROOT, " +- %.3g", r.getScoreError());
            out.println(String.format(Locale.ROOT, "        %.4g%s %s", r.getScore(), error, r.getScoreUnit()));
        } else {
            recordFailure("JMH returned no result");
        }
        out.flush();
    }

    @Override
    public void startRun() {
        delegate.startRun();
    }

    @Override
    public void endRun(Collection<RunResult> result) {
        settle();
        delegate.endRun(result);
    }

    /** Records the current run as failed when it started and never ended. */
    private void settle() {
        if (current != null && !currentEnded) {
            currentEnded = true;
            recordFailure(reason());
        }
    }

    /** Whether this run failed, so that what JMH returned for it is not a result. */
    boolean failed(BenchmarkParams params) {
        return failedRuns.contains(params);
    }

    private void recordFailure(String reason) {
        BenchmarkParams p = current;
        failedRuns.add(p);
        String size = p.getParam("size");
        failures.add(new EnvironmentFile.Missing(
                JmhResult.simpleName(p.getBenchmark()),
                p.getMode().shortLabel(),
                p.getParam("transport"),
                size == null ? null : Long.parseLong(size),
                p.getParam("wait"),
                reason));
        out.println("        FAILED: " + reason);
        if (!showJmhOutput && !captured.isEmpty()) {
            List<String> lines = new ArrayList<>(captured);
            int from = Math.max(0, firstInteresting(lines));
            int to = Math.min(lines.size(), from + SHOWN_LINES);
            for (String l : lines.subList(from, to)) {
                out.println("        | " + l);
            }
            if (to < lines.size()) {
                out.println("        | ... (" + (lines.size() - to) + " more lines; run with --verbose for all)");
            }
        }
        out.flush();
    }

    private static int firstInteresting(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.contains("<failure>") || EXCEPTION.matcher(l).matches() || l.contains("<forked VM failed")) {
                return i;
            }
        }
        return Math.max(0, lines.size() - SHOWN_LINES);
    }

    /** The benchmark's exception and message, from what JMH relayed, or a generic reason. */
    String reason() {
        String forked = null;
        for (String l : captured) {
            Matcher m = EXCEPTION.matcher(l);
            if (m.matches() && !l.contains("BenchmarkException")) {
                return m.group(2) + ": " + m.group(3).trim();
            }
            if (forked == null && l.contains("<forked VM failed")) {
                forked = l.trim();
            }
        }
        return forked != null ? forked : "no result (see the JMH output with --verbose)";
    }

    private String progressLine(BenchmarkParams p) {
        String wait = p.getParam("wait");
        String size = p.getParam("size");
        StringBuilder sb = new StringBuilder();
        sb.append('[').append(started).append('/').append(total).append("] ");
        sb.append(JmhResult.simpleName(p.getBenchmark()));
        sb.append(' ').append(p.getMode().shortLabel());
        sb.append(' ').append(p.getParam("transport"));
        if (wait != null && !Combinations.DEFAULT_WAIT.equals(wait)) {
            sb.append(" (").append(wait).append(')');
        }
        if (size != null) {
            sb.append(' ').append(Sizes.format(Long.parseLong(size)));
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
        int done = started - 1;
        int remaining = Math.max(0, total - done);
        Duration left =
                done > 0 ? elapsed.dividedBy(done).multipliedBy(remaining) : perRunEstimate.multipliedBy(remaining);
        sb.append(" (elapsed ")
                .append(Durations.format(elapsed))
                .append(", about ")
                .append(Durations.format(left))
                .append(" left)");
        return sb.toString();
    }

    private void capture(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                captureLine(partialLine.toString());
                partialLine.setLength(0);
            } else if (c != '\r') {
                partialLine.append(c);
            }
        }
    }

    private void captureLine(String line) {
        if (line.contains("<failure>")) {
            currentSawFailure = true;
        }
        if (captured.size() == CAPTURED_LINES) {
            captured.removeFirst();
        }
        captured.addLast(line);
    }

    @Override
    public void iteration(BenchmarkParams benchParams, IterationParams params, int iteration) {
        delegate.iteration(benchParams, params, iteration);
    }

    @Override
    public void iterationResult(
            BenchmarkParams benchParams, IterationParams params, int iteration, IterationResult data) {
        if (params.getType() == IterationType.MEASUREMENT) {
            currentMeasured++;
        }
        delegate.iterationResult(benchParams, params, iteration, data);
    }

    @Override
    public void print(String s) {
        capture(s);
        delegate.print(s);
    }

    @Override
    public void println(String s) {
        capture(s + "\n");
        delegate.println(s);
    }

    @Override
    public void verbosePrintln(String s) {
        capture(s + "\n");
        delegate.verbosePrintln(s);
    }

    @Override
    public void write(int b) {
        delegate.write(b);
    }

    @Override
    public void write(byte[] b) throws IOException {
        delegate.write(b);
    }

    @Override
    public void flush() {
        delegate.flush();
        out.flush();
    }

    /** Flushes only: JMH closes its output after every run, and this one spans several. */
    @Override
    public void close() {
        flush();
    }
}
