package dev.ipcbench.report;

import static dev.ipcbench.report.Figures.ROUND_TRIP;
import static dev.ipcbench.report.Figures.THROUGHPUT;

import dev.ipcbench.transport.Sizes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.DoubleFunction;
import java.util.function.ToDoubleBiFunction;

/**
 * A results folder as the Markdown of its {@code README.md}: the run's facts, the {@link
 * ResultTables}, rankings per size, the charts, the skipped and failed combinations, and where the
 * numbers come from. A cell without a figure shows {@value Figures#MISSING}, with a note number when
 * {@code environment.json} says why.
 */
public final class MarkdownReport {

    /**
     * The first line of every README the report writes: {@code report} replaces a README only when
     * it starts with it, so a hand-written one is never overwritten.
     */
    public static final String MARK = "<!-- written by 'ipcbench report' from this folder's results; it rewrites this "
            + "file when run again -->";

    private MarkdownReport() {}

    /**
     * The README's Markdown.
     *
     * @param charts the charts drawn beside the README, or {@code null} when none were drawn
     */
    public static String render(ResultsFolder results, Charts.Drawn charts) {
        Figures f = new Figures(results);
        RunFacts facts = RunFacts.of(results);
        StringBuilder sb = new StringBuilder(MARK + "\n# ipcbench results\n\n");
        if (!facts.environmentKnown()) {
            sb.append("- **environment.json missing: machine unknown.** The facts below come from `")
                    .append(results.jmhJson().getFileName())
                    .append("` itself.\n");
        }
        facts.labelled()
                .forEach(l -> sb.append("- **")
                        .append(l[0])
                        .append(":** ")
                        .append(l[1])
                        .append('\n'));
        String stall = results.environment().map(EnvironmentFile::stall).orElse(null);
        if (stall != null) {
            sb.append("- **Peer stalled on purpose:** a developer check stopped the peer process " + stall
                    + " (`run --stall`); the figures measure that stall, not the transports.\n");
        }
        if (facts.incomplete()) {
            sb.append("- **Incomplete run:** environment.json says the run did not finish; combinations it did not "
                    + "reach show " + Figures.MISSING + ".\n");
        }
        if (f.measured().isEmpty() && f.openLoop().isEmpty()) {
            sb.append("\n**No ipcbench results** in `")
                    .append(results.jmhJson().getFileName())
                    .append("`.\n");
        }
        List<ResultTables.Table> roundTrip = ResultTables.roundTrip(f);
        if (!roundTrip.isEmpty()) {
            sb.append("\n## Round-trip latency\n\nOne message to the peer process and its echo back, one at a time "
                    + "(closed loop). \u00b5s per round trip, lower is better.\n");
            roundTrip.forEach(t -> table(sb, t));
            sb.append("\n> **Coordinated omission.** The round trips run in a closed loop (ping-pong): the next "
                    + "message waits for the previous echo, so a stall delays one sample instead of piling up a "
                    + "queue. The percentiles therefore hide queueing delay and understate the tail an open-loop "
                    + "sender would see.\n");
        }
        List<ResultTables.Table> throughput = ResultTables.throughput(f);
        if (!throughput.isEmpty()) {
            sb.append("\n## Throughput\n\nThe benchmark process streams messages to the peer process as fast as it "
                    + "can; figures count what the peer received. Higher is better.\n");
            throughput.forEach(t -> table(sb, t));
        }
        openLoop(sb, f);
        ranking(sb, f);
        doubts(sb, f);
        nativeReference(sb, f);
        charts(sb, charts);
        missing(sb, f);
        sources(sb, f);
        return sb.toString();
    }

    private static void openLoop(StringBuilder sb, Figures f) {
        if (f.openLoopProblem() != null) {
            sb.append("\n## Latency under load (open loop)\n\nUnreadable: ")
                    .append(f.openLoopProblem())
                    .append('\n');
            return;
        }
        if (f.openLoop().isEmpty()) {
            return;
        }
        OpenLoopFile o = f.openLoop().get();
        OpenLoopFile.Settings s = o.settings();
        sb.append("\n## Latency under load (open loop)\n\nThe benchmark process sends on a fixed schedule, message "
                + "*i* due at start + *i* / rate whether or not earlier replies came back, and times each reply from "
                + "when its message was *due*: a stall or a backlog shows in every message it delays (no coordinated "
                + "omission). The rates go up until the transport cannot keep up with one; `max` sends as fast as a "
                + "window of messages in flight allows. Latency in \u00b5s, lower is better.\n");
        if (s != null) {
            sb.append("\nSettings: ")
                    .append(s.mode())
                    .append(", rates ")
                    .append(String.join(", ", s.rates()))
                    .append("; each rate measured ")
                    .append(s.durationMs())
                    .append(" ms, extended to ")
                    .append(String.format(java.util.Locale.ROOT, "%,d", s.minMessages()))
                    .append(" replies but at most ")
                    .append(s.maxDurationMs())
                    .append(" ms, after a ")
                    .append(s.warmupMs())
                    .append(" ms warm-up (max, then each rate up to 100k/s); saturation bound p99 ")
                    .append(Formats.micros(s.p99BoundNs() / 1e3))
                    .append(" \u00b5s; max with ")
                    .append(s.maxInFlight())
                    .append(" in flight.\n");
            if (s.stall() != null) {
                sb.append("\n> **Developer check: the peer was stopped on purpose (")
                        .append(s.stall())
                        .append(").** These figures measure that stall, not the transports.\n");
            }
        }
        List<String> doubts = OpenLoopTables.doubts(f.results().environment());
        if (!doubts.isEmpty()) {
            sb.append("\n> **Doubt these sweeps:** ")
                    .append(String.join("; ", doubts))
                    .append(". Tails are what a busy machine moves first; measure again on a quiet one.\n");
        }
        for (long size : o.sizes()) {
            OpenLoopTables.of(o, size).forEach(t -> table(sb, t));
        }
        sb.append("\n> **Two CPUs.** The benchmark process runs the sender and the receiver as two threads on its CPU; "
                + "the peer has the other. A busy-spinning receiver holds that CPU, so the sender gets it only when "
                + "the scheduler takes it away: on a small machine `spin` pays for its low closed-loop latency with "
                + "a late sender here.\n");
    }

    /** The flags the run recorded, or, for a folder without them, the flags computed now. */
    private static List<EnvironmentFile.Flag> flags(Figures f) {
        List<EnvironmentFile.Flag> recorded =
                f.results().environment().map(EnvironmentFile::flags).orElse(List.of());
        return recorded.isEmpty() ? NoiseFlags.of(f) : recorded;
    }

    private static boolean flagged(List<EnvironmentFile.Flag> flags, String benchmark, Row row, long size) {
        return flags.stream()
                .anyMatch(fl -> benchmark.equals(fl.benchmark())
                        && row.transport().equals(fl.transport())
                        && row.waitStrategy()
                                .equals(Row.of(row.transport(), fl.waitStrategy())
                                        .waitStrategy())
                        && (fl.size() == null || fl.size() == size));
    }

    private static void doubts(StringBuilder sb, Figures f) {
        List<EnvironmentFile.Flag> flags = flags(f);
        sb.append("\n## Results to doubt\n\n");
        if (flags.isEmpty()) {
            sb.append("None: no result's iterations, forks, mean, error, machine load or native reference gave this "
                    + "run a reason to doubt it (the rules are in `NoiseFlags`).\n");
            return;
        }
        sb.append(flags.size())
                .append(" result(s) this run has reason to doubt (\u26a0 in the rankings). ")
                .append(NoiseFlags.ADVICE)
                .append("\n\n")
                .append(ResultTables.flags(flags).markdown());
    }

    private static void nativeReference(StringBuilder sb, Figures f) {
        sb.append("\n## Native reference (C)\n\n");
        if (f.nativeProblem() != null) {
            sb.append("Unreadable: ").append(f.nativeProblem()).append('\n');
            return;
        }
        if (f.nativeReference().isEmpty()) {
            sb.append("None: this run has no `" + NativeFile.FILE + "` (runs before the native reference, or "
                    + "results from plain JMH).\n");
            return;
        }
        NativeFile n = f.nativeReference().get();
        if (n.skipped() != null) {
            sb.append("Skipped: ").append(n.skipped()).append(".\n");
            return;
        }
        sb.append("The same mechanisms in C (`benchmarks/c/ipcref.c`, built with ")
                .append(RunFacts.or(n.compiler(), "the machine's C compiler"))
                .append("), measured at the start and at the end of this run with its placement: round trips in ns "
                        + "(mean / median), streams in messages/s, `memcpy` and the floor for the rings. A start and "
                        + "an end far apart mean the machine changed regime while the run went on.\n\n");
        List<List<String>> lines = new ArrayList<>();
        java.util.Map<String, String[]> byCase = new java.util.LinkedHashMap<>();
        for (NativeFile.Measurement m : n.measurements()) {
            String key = m.op() + " " + m.mech() + " " + m.size() + " " + m.waitStrategy();
            String[] cells = byCase.computeIfAbsent(key, k -> new String[] {
                m.op(),
                m.mech() + (m.waitStrategy() == null ? "" : " (" + m.waitStrategy() + ")"),
                Sizes.format(m.size()),
                "",
                ""
            });
            String figure = m.error() != null
                    ? "failed: " + m.error()
                    : "roundtrip".equals(m.op())
                            ? Formats.number(m.meanNs()) + " / " + Formats.number(m.p50Ns())
                            : "stream".equals(m.op())
                                    ? Formats.rate(m.msgsPerSec())
                                    : Formats.megabytes(m.mbPerSec()) + " MB/s";
            cells[NativeFile.START.equals(m.phase()) ? 3 : 4] = figure;
        }
        byCase.values().forEach(c -> lines.add(List.of(c)));
        sb.append(new Grid(
                        List.of("op", "mechanism", "size", "start of run", "end of run"),
                        new boolean[] {false, false, true, true, true},
                        lines)
                .markdown());
    }

    private static void table(StringBuilder sb, ResultTables.Table t) {
        sb.append("\n### ").append(t.title()).append("\n\n");
        if (t.grid().isEmpty()) {
            sb.append(t.source()).append('\n');
            return;
        }
        sb.append(t.grid().markdown()).append("\n_").append(t.source()).append("_\n");
    }

    private static void ranking(StringBuilder sb, Figures f) {
        boolean rt = f.any(ROUND_TRIP, (String) null);
        boolean tp = f.any(THROUGHPUT, Counter.DELIVERED_BYTES);
        if (!rt && !tp) {
            return;
        }
        boolean medians = f.any(ROUND_TRIP, Figures.SAMPLE);
        sb.append("\n## Ranking per size\n\n\u00d7 fastest and \u00d7 baseline divide this row's figure by the "
                + "fastest row's and by the in-process baseline's (`" + Figures.BASELINE + "`) at the same size: for "
                + "latency above 1 is slower, for throughput below 1 is slower. "
                + (medians
                        ? "Round trips rank by their median (p50): a few slow round trips can move a mean far from "
                                + "what a typical one costs. "
                        : "")
                + "A flag (see \"Results to doubt\") marks a figure this run has reason to doubt.\n");
        for (long size : f.sizes()) {
            if (rt) {
                rank(
                        sb,
                        f,
                        ROUND_TRIP,
                        size,
                        medians
                                ? "Round trip, %s: by median (p50), fastest first"
                                : "Round trip, %s: by mean, fastest first",
                        medians ? "p50 (\u00b5s)" : "mean (\u00b5s)",
                        medians ? f::roundTripMedian : f::roundTripMean,
                        true,
                        Formats::micros);
            }
            if (tp) {
                rank(
                        sb,
                        f,
                        THROUGHPUT,
                        size,
                        "Throughput, %s: by delivered MB/s, highest first",
                        "MB/s",
                        f::megabytes,
                        false,
                        Formats::megabytes);
            }
        }
    }

    private static void rank(
            StringBuilder sb,
            Figures f,
            String benchmark,
            long size,
            String title,
            String column,
            ToDoubleBiFunction<Row, Long> figure,
            boolean lowerIsBetter,
            DoubleFunction<String> format) {
        record Ranked(Row row, double value) {}
        List<Ranked> ranked = new ArrayList<>();
        List<String> notMeasured = new ArrayList<>();
        for (Row row : f.rows(benchmark)) {
            double v = figure.applyAsDouble(row, size);
            if (Double.isNaN(v)) {
                notMeasured.add(row.label() + " " + f.missingCell(benchmark, row, size));
            } else {
                ranked.add(new Ranked(row, v));
            }
        }
        if (ranked.isEmpty()) {
            return;
        }
        Comparator<Ranked> order = Comparator.comparingDouble(Ranked::value);
        ranked.sort(lowerIsBetter ? order : order.reversed());
        double best = ranked.get(0).value();
        double baseline = ranked.stream()
                .filter(r -> r.row().transport().equals(Figures.BASELINE))
                .mapToDouble(Ranked::value)
                .findFirst()
                .orElse(Double.NaN);
        boolean roundTrip = ROUND_TRIP.equals(benchmark);
        List<EnvironmentFile.Flag> flags = flags(f);
        List<List<String>> lines = new ArrayList<>();
        for (Ranked r : ranked) {
            List<String> line = new ArrayList<>();
            line.add(Integer.toString(lines.size() + 1));
            line.add(r.row().label() + (flagged(flags, benchmark, r.row(), size) ? " \u26a0" : ""));
            line.add(format.apply(r.value()));
            if (roundTrip) {
                line.add(Formats.micros(f.percentile(r.row(), size, 99.0)));
                line.add(Formats.micros(f.roundTripMean(r.row(), size))
                        + (Double.isFinite(f.roundTripError(r.row(), size))
                                ? " \u00b1 " + Formats.micros(f.roundTripError(r.row(), size))
                                : ""));
            }
            line.add(Formats.ratio(r.value() / best));
            line.add(Formats.ratio(r.value() / baseline));
            line.add((roundTrip ? f.roundTripReferenceSource(r.row(), size) : f.find(benchmark, r.row(), size, "thrpt"))
                    .flatMap(j -> f.reference(j)
                            .map(c -> Formats.ratio(Figures.javaFigure(j) / c.value()) + (c.changed() ? " ?" : "")))
                    .orElse(""));
            lines.add(line);
        }
        List<String> header = new ArrayList<>(List.of("rank", "transport", column));
        if (roundTrip) {
            header.addAll(List.of("p99 (\u00b5s)", "mean \u00b1 error (\u00b5s)"));
        }
        header.addAll(List.of("\u00d7 fastest", "\u00d7 baseline", "Java / C"));
        boolean[] right = new boolean[header.size()];
        java.util.Arrays.fill(right, true);
        right[1] = false;
        Grid grid = new Grid(header, right, lines);
        sb.append("\n### ").append(String.format(title, Sizes.format(size))).append("\n\n");
        sb.append(grid.markdown());
        if (!notMeasured.isEmpty()) {
            sb.append("\nNot measured at ")
                    .append(Sizes.format(size))
                    .append(": ")
                    .append(String.join(", ", notMeasured))
                    .append(".\n");
        }
    }

    private static void charts(StringBuilder sb, Charts.Drawn charts) {
        sb.append("\n## Charts\n");
        if (charts == null) {
            sb.append("\nCharts were not drawn for this report.\n");
            return;
        }
        for (Charts.Chart c : charts.charts()) {
            sb.append("\n### ").append(c.title()).append("\n\n");
            sb.append("![").append(c.title()).append("](").append(c.svg()).append(")\n\n");
            sb.append(c.description())
                    .append(" PNG: [")
                    .append(c.png())
                    .append("](")
                    .append(c.png())
                    .append(").\n");
        }
        charts.notDrawn().forEach(n -> sb.append("\nNot drawn: ").append(n).append('\n'));
        if (charts.charts().isEmpty() && charts.notDrawn().isEmpty()) {
            sb.append("\nNo charts: no figures to draw.\n");
        }
    }

    private static void missing(StringBuilder sb, Figures f) {
        sb.append("\n## Skipped combinations\n\n");
        if (f.results().environment().isEmpty()) {
            sb.append("Unknown: environment.json is missing, so skipped and failed combinations are not known; "
                    + "cells without a result show " + Figures.MISSING + ".\n");
            return;
        }
        List<EnvironmentFile.Missing> skipped = f.results().skipped();
        List<EnvironmentFile.Missing> failed = f.results().failed();
        if (skipped.isEmpty()) {
            sb.append("None: environment.json records no skipped combination.\n");
        } else {
            sb.append("Combinations that cannot run here; their cells show " + Figures.MISSING + " [note].\n\n");
            sb.append(missingGrid(f, skipped, false).markdown());
        }
        sb.append("\n## Failed runs\n\n");
        if (failed.isEmpty()) {
            sb.append("None: environment.json records no failed run.\n");
        } else {
            sb.append("Runs that failed and posted no number; their cells show " + Figures.MISSING + " [note].\n\n");
            sb.append(missingGrid(f, failed, true).markdown());
        }
    }

    private static Grid missingGrid(Figures f, List<EnvironmentFile.Missing> missing, boolean withMode) {
        List<String> header = new ArrayList<>(List.of("note", "benchmark", "transport", "wait", "size", "reason"));
        if (withMode) {
            header.add(2, "mode");
        }
        List<List<String>> lines = new ArrayList<>();
        for (EnvironmentFile.Missing m : missing) {
            List<String> l = new ArrayList<>(List.of(
                    "[" + f.note(m) + "]",
                    RunFacts.or(m.benchmark(), ""),
                    RunFacts.or(m.transport(), ""),
                    RunFacts.or(m.waitStrategy(), ""),
                    m.size() == null || m.size() < 0 ? "" : Sizes.format(m.size()),
                    RunFacts.or(m.reason(), "no reason recorded")));
            if (withMode) {
                l.add(2, RunFacts.or(m.mode(), ""));
            }
            lines.add(l);
        }
        boolean[] right = new boolean[header.size()];
        right[header.indexOf("size")] = true;
        return new Grid(header, right, lines);
    }

    private static void sources(StringBuilder sb, Figures f) {
        ResultsFolder rs = f.results();
        sb.append("\n## Where the numbers come from\n\nEvery figure is read from `")
                .append(rs.jmhJson().getFileName())
                .append("` (JMH's own JSON, ")
                .append(rs.results().size())
                .append(" results) as JMH computed it; none is recomputed from raw samples. Conversions: time units "
                        + "to \u00b5s, bytes/s to MB/s (10^6 bytes), one-way = round trip / 2, ratios = one figure "
                        + "divided by another. The machine facts come from `" + ResultsFolder.ENVIRONMENT_JSON + "`")
                .append(rs.environment().isPresent() ? ".\n" : " (missing here).\n");
        f.openLoop()
                .ifPresent(o -> sb.append("\nThe open-loop figures are read from `" + OpenLoopFile.FILE + "` ("
                        + o.entries().size() + " rates), as the benchmark process computed them from its HdrHistograms "
                        + "(each entry keeps its histogram, encoded); conversions: ns to \u00b5s.\n"));
        long others = rs.results().size() - f.measured().size();
        if (others > 0) {
            sb.append('\n')
                    .append(others)
                    .append(" result(s) without ipcbench's `transport` and `size` parameters are not shown.\n");
        }
    }
}
