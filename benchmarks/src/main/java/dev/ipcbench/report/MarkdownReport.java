package dev.ipcbench.report;

import dev.ipcbench.transport.Sizes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.DoubleFunction;
import java.util.function.ToDoubleBiFunction;

/**
 * Renders a results folder as the Markdown of its {@code README.md}: the machine, round-trip
 * latency (mean with error, percentiles, one-way, CPU), throughput (messages/s, MB/s, CPU, loss),
 * rankings per size, the charts, and the skipped and failed combinations with their reasons.
 * Every figure is read from {@code jmh.json} as JMH wrote it (converted to µs or MB/s, halved for
 * one-way latency, divided for ratios); a cell without a figure shows {@value SummaryTable#MISSING},
 * with a note number when {@code environment.json} says why.
 */
public final class MarkdownReport {

    /** The percentiles of the percentile table. */
    static final double[] TABLE_PERCENTILES = {50.0, 99.0, 99.9};

    private MarkdownReport() {}

    /**
     * The README's Markdown.
     *
     * @param charts the charts drawn beside the README (linked relatively), or {@code null} when
     *     none were drawn
     */
    public static String render(ResultSet results, Charts.Drawn charts) {
        ReportData d = new ReportData(results);
        StringBuilder sb = new StringBuilder();
        sb.append("# ipcbench results\n\n");
        header(sb, d);
        if (d.all.isEmpty()) {
            sb.append("\n**No ipcbench results** in `")
                    .append(results.jmhJson().getFileName())
                    .append("`.\n");
        }
        roundTrip(sb, d);
        throughput(sb, d);
        ranking(sb, d);
        charts(sb, charts);
        missing(sb, d);
        sources(sb, d);
        return sb.toString();
    }

    /** How the report formats microseconds (also used by tests to find a figure). */
    static String micros(double us) {
        return Formats.micros(us);
    }

    // ---- header -------------------------------------------------------------------------------

    private static void header(StringBuilder sb, ReportData d) {
        ResultSet rs = d.results;
        List<String> lines = new ArrayList<>();
        if (rs.environment().isEmpty()) {
            lines.add("**environment.json missing: machine unknown.** The facts below come from `"
                    + rs.jmhJson().getFileName() + "` itself.");
            lines.add("**JDK** (of the benchmark JVMs): " + or(jdkFromJmh(rs), "unknown"));
            lines.add("**JMH:** " + or(distinct(rs, "jmhVersion"), "unknown") + "; " + jmhFromJmh(rs));
        } else {
            lines.add("**Date:** " + or(rs.env("date"), "unknown"));
            lines.add("**Host:** " + or(rs.env("host"), "unknown"));
            String cpus = rs.env("cpu", "availableProcessors");
            String cpuinfo = rs.env("cpu", "cpuinfoProcessors");
            String cores = cpus == null
                    ? "processor count unknown"
                    : cpus + " available processors"
                            + (cpuinfo != null && !cpuinfo.equals(cpus) ? " (" + cpuinfo + " in /proc/cpuinfo)" : "");
            lines.add("**CPU:** " + or(rs.env("cpu", "model"), "model unknown") + ", " + cores);
            Object mem = rs.envValue("memory", "totalBytes");
            lines.add("**Memory:** " + (mem instanceof Number n ? Formats.gib(n.doubleValue()) : "unknown"));
            lines.add("**Kernel:** " + or(rs.env("kernel"), "unknown"));
            String os = rs.env("os", "prettyName");
            String osName = joinNonNull(" ", rs.env("os", "name"), rs.env("os", "version"), rs.env("os", "arch"));
            lines.add("**OS:** " + or(os, "unknown") + (osName.isEmpty() ? "" : " (" + osName + ")"));
            String jdk = joinNonNull(" ", rs.env("jdk", "vendor"), rs.env("jdk", "version"));
            String vm = joinNonNull(" ", rs.env("jdk", "vmName"), rs.env("jdk", "vmVersion"));
            lines.add("**JDK:** " + (jdk.isEmpty() ? "unknown" : jdk) + (vm.isEmpty() ? "" : " (" + vm + ")"));
            String commit = rs.env("git", "commit");
            Object dirty = rs.envValue("git", "dirty");
            lines.add("**Git commit:** "
                    + (commit == null
                            ? "unknown"
                            : "`" + commit + "`" + (Boolean.TRUE.equals(dirty) ? " (dirty)" : "")));
            lines.add("**ipcbench:** " + or(rs.env("ipcbenchVersion"), "unknown"));
            lines.add("**JMH:** " + or(rs.env("jmh", "version"), or(distinct(rs, "jmhVersion"), "unknown")) + ", "
                    + jmhFromEnvironment(rs));
            lines.add("**Placement:** " + placement(rs));
            String cmd = rs.env("commandLine");
            if (cmd != null) {
                lines.add("**Command:** `" + cmd + "`");
            }
            if (Boolean.FALSE.equals(rs.envValue("complete"))) {
                lines.add("**Incomplete run:** environment.json says the run did not finish; "
                        + "combinations it did not reach show " + SummaryTable.MISSING + ".");
            }
        }
        lines.forEach(l -> sb.append("- ").append(l).append('\n'));
    }

    private static String jmhFromEnvironment(ResultSet rs) {
        String mode = rs.env("jmh", "mode");
        String forks = rs.env("jmh", "forks");
        String wi = rs.env("jmh", "warmupIterations");
        String wt = rs.env("jmh", "warmupTimeMillis");
        String mi = rs.env("jmh", "measurementIterations");
        String mt = rs.env("jmh", "measurementTimeMillis");
        if (forks == null || mi == null) {
            return jmhFromJmh(rs);
        }
        StringBuilder s = new StringBuilder();
        if (mode != null) {
            s.append(mode).append(": ");
        }
        s.append(forks).append("1".equals(forks) ? " fork" : " forks");
        s.append(", warm-up ")
                .append(or(wi, "?"))
                .append(" \u00d7 ")
                .append(or(wt, "?"))
                .append(" ms");
        s.append(", measurement ")
                .append(mi)
                .append(" \u00d7 ")
                .append(or(mt, "?"))
                .append(" ms");
        String modes = rs.env("jmh", "roundTripModes");
        if (modes != null) {
            s.append("; round trips in ").append(modes.replace(" ", " and "));
        }
        return s.toString();
    }

    private static String jmhFromJmh(ResultSet rs) {
        if (distinct(rs, "forks") == null && distinct(rs, "measurementIterations") == null) {
            return "settings unknown";
        }
        return or(distinct(rs, "forks"), "?") + " fork(s), warm-up " + or(distinct(rs, "warmupIterations"), "?")
                + " \u00d7 " + or(distinct(rs, "warmupTime"), "?") + ", measurement "
                + or(distinct(rs, "measurementIterations"), "?") + " \u00d7 "
                + or(distinct(rs, "measurementTime"), "?");
    }

    private static String jdkFromJmh(ResultSet rs) {
        String s = joinNonNull(" ", distinct(rs, "jdkVersion"), distinct(rs, "vmName"), distinct(rs, "vmVersion"));
        return s.isEmpty() ? null : s;
    }

    private static String placement(ResultSet rs) {
        String applied = rs.env("placement", "applied");
        if (applied == null) {
            return "unknown (not in environment.json)";
        }
        StringBuilder s = new StringBuilder(applied);
        String bench = rs.env("placement", "benchmarkCpu");
        String peer = rs.env("placement", "peerCpu");
        if (bench != null || peer != null) {
            s.append(" (benchmark process on CPU ")
                    .append(or(bench, "any"))
                    .append(", peer process on CPU ")
                    .append(or(peer, "any"))
                    .append(')');
        }
        String requested = rs.env("placement", "requested");
        if (requested != null) {
            s.append("; requested ").append(requested);
        }
        String fallback = rs.env("placement", "fallbackReason");
        if (fallback != null) {
            s.append("; fell back because: ").append(fallback);
        }
        return s.toString();
    }

    /** The distinct values of a run fact over all results, joined with {@code " | "}, or null. */
    static String distinct(ResultSet rs, String fact) {
        Set<String> values = new LinkedHashSet<>();
        rs.results().forEach(r -> {
            String v = r.fact(fact);
            if (v != null) {
                values.add(v);
            }
        });
        return values.isEmpty() ? null : String.join(" | ", values);
    }

    // ---- round trip ---------------------------------------------------------------------------

    private static void roundTrip(StringBuilder sb, ReportData d) {
        if (d.roundTripRows.isEmpty()) {
            return;
        }
        String rt = Measurement.ROUND_TRIP;
        String method = d.method(rt);
        sb.append("\n## Round-trip latency\n\n");
        sb.append("One message to the peer process and its echo back, one at a time (closed loop). "
                + "\u00b5s per round trip, lower is better.\n");

        Set<String> meanModes = new TreeSet<>();
        for (SummaryTable.Row row : d.roundTripRows) {
            for (long size : d.sizes) {
                d.roundTripMeanSource(row, size).ifPresent(m -> meanModes.add(m.mode()));
            }
        }
        boolean mixed = meanModes.size() > 1;
        sb.append("\n### Mean \u00b1 error (\u00b5s per round trip)\n\n");
        grid(sb, d, rt, d.roundTripRows, (row, size) -> {
            Optional<Measurement> m = d.roundTripMeanSource(row, size);
            if (m.isEmpty()) {
                return null;
            }
            double mean = d.roundTripMean(row, size);
            double error = d.roundTripError(row, size);
            String cell = micros(mean) + (Double.isFinite(error) ? " \u00b1 " + micros(error) : "");
            return mixed && ReportData.SAMPLE.equals(m.get().mode()) ? cell + " \u2020" : cell;
        });
        sb.append("\n_From jmh.json: `")
                .append(method)
                .append("`, mode ")
                .append(meanModes.contains(ReportData.AVGT) ? "`avgt`" : "`sample`")
                .append(mixed ? " (\u2020: mode `sample`, where there is no `avgt` result)" : "")
                .append(": `primaryMetric.score` \u00b1 `primaryMetric.scoreError` (JMH's 99.9% confidence "
                        + "half-width; left out where JMH reports none), converted from `")
                .append(unitOf(d, rt))
                .append("` to \u00b5s._\n");

        if (d.any(rt, ReportData.SAMPLE)) {
            sb.append("\n### Percentiles p50 / p99 / p99.9 (\u00b5s per round trip)\n\n");
            grid(sb, d, rt, d.roundTripRows, (row, size) -> {
                if (d.find(rt, row, size, ReportData.SAMPLE).isEmpty()) {
                    return null;
                }
                List<String> parts = new ArrayList<>();
                for (double p : TABLE_PERCENTILES) {
                    parts.add(micros(d.percentile(row, size, p)));
                }
                return String.join(" / ", parts);
            });
            sb.append("\n_From jmh.json: `")
                    .append(method)
                    .append(
                            "`, mode `sample`: "
                                    + "`primaryMetric.scorePercentiles[\"50.0\"]`, `[\"99.0\"]`, `[\"99.9\"]`, converted to \u00b5s._\n");
        } else {
            sb.append("\nNo percentiles: the run has no SampleTime (`sample`) round-trip results.\n");
        }

        sb.append("\n### One-way latency (half the round trip, not measured separately)\n\n");
        grid(sb, d, rt, d.roundTripRows, (row, size) -> {
            if (d.roundTripMeanSource(row, size).isEmpty()) {
                return null;
            }
            double error = d.roundTripError(row, size) / 2;
            return micros(d.roundTripMean(row, size) / 2) + (Double.isFinite(error) ? " \u00b1 " + micros(error) : "");
        });
        sb.append("\n_The round-trip mean and error above divided by 2, assuming both directions cost the same; "
                + "not a one-way measurement._\n");

        if (d.anySecondary(rt, ReportData.CPU_SELF)) {
            sb.append("\n### CPU per round trip (\u00b5s: benchmark process + peer process)\n\n");
            grid(
                    sb,
                    d,
                    rt,
                    d.roundTripRows,
                    (row, size) -> d.roundTripMeanSource(row, size)
                            .map(m -> cpu(m, 1e3))
                            .orElse(null));
            sb.append("\n_From jmh.json, the same results as the mean: `secondaryMetrics[\"cpu.self\"].score` + "
                    + "`secondaryMetrics[\"cpu.peer\"].score` (user + system CPU time per operation, ns/op), "
                    + "shown as total (self + peer) in \u00b5s; the in-process baseline has no peer process._\n");
        }

        sb.append("\n> **Coordinated omission.** The round trips run in a closed loop (ping-pong): the next message "
                + "waits for the previous echo, so a stall delays one sample instead of piling up a queue. The "
                + "percentiles therefore hide queueing delay and understate the tail an open-loop sender would "
                + "see.\n");
    }

    private static String cpu(Measurement m, double divisor) {
        double self = m.secondaryScore(ReportData.CPU_SELF);
        if (Double.isNaN(self)) {
            return null;
        }
        double peer = m.secondaryScore(ReportData.CPU_PEER);
        DoubleFunction<String> f = Formats::micros;
        if (Double.isNaN(peer)) {
            return f.apply(self / divisor) + " (self only)";
        }
        return f.apply((self + peer) / divisor) + " (" + f.apply(self / divisor) + " + " + f.apply(peer / divisor)
                + ")";
    }

    private static String unitOf(ReportData d, String benchmark) {
        Set<String> units = new TreeSet<>();
        d.all.stream()
                .filter(m -> benchmark.equals(m.benchmark()))
                .forEach(m -> units.add(m.primary().unit()));
        return String.join(", ", units);
    }

    // ---- throughput ---------------------------------------------------------------------------

    private static void throughput(StringBuilder sb, ReportData d) {
        if (d.throughputRows.isEmpty()) {
            return;
        }
        String tp = Measurement.THROUGHPUT;
        String method = d.method(tp);
        sb.append("\n## Throughput\n\n");
        sb.append("The benchmark process streams messages to the peer process as fast as it can; figures count "
                + "what the peer received. Higher is better.\n");

        sb.append("\n### Delivered messages per second\n\n");
        grid(
                sb,
                d,
                tp,
                d.throughputRows,
                (row, size) -> value(d.throughput(row, size, ReportData.MESSAGES), Formats::rate));
        sb.append("\n_From jmh.json: `")
                .append(method)
                .append("`, mode `thrpt`: `secondaryMetrics[\"messages\"].score` (ops/s). k = 10^3, M = 10^6._\n");

        sb.append("\n### Delivered MB/s (MB = 10^6 bytes)\n\n");
        grid(sb, d, tp, d.throughputRows, (row, size) -> value(d.megabytes(row, size), Formats::megabytes));
        sb.append("\n_From jmh.json: `")
                .append(method)
                .append("`, mode `thrpt`: `secondaryMetrics[\"bytes\"].score` (bytes/s) / 10^6._\n");

        if (d.anySecondary(tp, ReportData.CPU_SELF)) {
            sb.append("\n### CPU per message (ns: benchmark process + peer process)\n\n");
            grid(
                    sb,
                    d,
                    tp,
                    d.throughputRows,
                    (row, size) -> d.find(tp, row, size, ReportData.THRPT)
                            .map(m -> cpu(m, 1))
                            .orElse(null));
            sb.append(
                    "\n_From jmh.json: `secondaryMetrics[\"cpu.self\"].score` + `secondaryMetrics[\"cpu.peer\"].score`"
                            + " (ns/op), shown as total (self + peer)._\n");
        }

        if (d.anySecondary(tp, ReportData.LOST)) {
            Set<String> lossy = new TreeSet<>();
            if (d.results.envValue("lossyTransports") instanceof List<?> l) {
                l.forEach(t -> lossy.add(String.valueOf(t)));
            }
            List<SummaryTable.Row> rows = new ArrayList<>();
            for (SummaryTable.Row row : d.throughputRows) {
                boolean lost = d.sizes.stream()
                        .anyMatch(s -> d.find(tp, row, s, ReportData.THRPT)
                                .map(m -> m.secondaryScore(ReportData.LOST) > 0)
                                .orElse(false));
                if (lost || lossy.contains(row.transport())) {
                    rows.add(row);
                }
            }
            sb.append("\n### Lost messages\n\n");
            if (rows.isEmpty()) {
                sb.append("No message was lost: `secondaryMetrics[\"lost\"].score` is 0 in every throughput result.\n");
            } else {
                grid(
                        sb,
                        d,
                        tp,
                        rows,
                        (row, size) -> d.find(tp, row, size, ReportData.THRPT)
                                .map(m -> m.secondaryScore(ReportData.LOST))
                                .filter(v -> !Double.isNaN(v))
                                .map(v -> String.format(Locale.ROOT, "%.0f", v))
                                .orElse(null));
                sb.append("\n_From jmh.json: `secondaryMetrics[\"lost\"].score`, messages sent but never received, "
                        + "summed over the measurement iterations. Only transports that may lose messages, or that "
                        + "lost some, are listed; the others lost none._\n");
            }
        }
    }

    private static String value(double v, DoubleFunction<String> format) {
        return Double.isNaN(v) ? null : format.apply(v);
    }

    // ---- ranking ------------------------------------------------------------------------------

    private static void ranking(StringBuilder sb, ReportData d) {
        boolean rt = d.any(Measurement.ROUND_TRIP);
        boolean tp = d.anySecondary(Measurement.THROUGHPUT, ReportData.BYTES);
        if (!rt && !tp) {
            return;
        }
        sb.append("\n## Ranking per size\n\n");
        sb.append("\u00d7 fastest and \u00d7 baseline divide this row's figure by the fastest row's and by the "
                + "in-process baseline's (`" + ReportData.BASELINE + "`) at the same size: for latency above 1 is "
                + "slower, for throughput below 1 is slower.\n");
        for (long size : d.sizes) {
            if (rt) {
                rank(
                        sb,
                        d,
                        Measurement.ROUND_TRIP,
                        d.roundTripRows,
                        size,
                        "Round trip, " + Sizes.format(size) + ": by mean, fastest first",
                        "mean (\u00b5s)",
                        d::roundTripMean,
                        true,
                        Formats::micros);
            }
            if (tp) {
                rank(
                        sb,
                        d,
                        Measurement.THROUGHPUT,
                        d.throughputRows,
                        size,
                        "Throughput, " + Sizes.format(size) + ": by delivered MB/s, highest first",
                        "MB/s",
                        d::megabytes,
                        false,
                        Formats::megabytes);
            }
        }
    }

    private static void rank(
            StringBuilder sb,
            ReportData d,
            String benchmark,
            List<SummaryTable.Row> rows,
            long size,
            String title,
            String column,
            ToDoubleBiFunction<SummaryTable.Row, Long> figure,
            boolean lowerIsBetter,
            DoubleFunction<String> format) {
        record Ranked(SummaryTable.Row row, double value) {}
        List<Ranked> ranked = new ArrayList<>();
        List<String> notMeasured = new ArrayList<>();
        for (SummaryTable.Row row : rows) {
            double v = figure.applyAsDouble(row, size);
            if (Double.isNaN(v)) {
                notMeasured.add(row.label() + " " + d.missingCell(benchmark, row, size));
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
                .filter(r -> r.row().transport().equals(ReportData.BASELINE))
                .mapToDouble(Ranked::value)
                .findFirst()
                .orElse(Double.NaN);
        List<List<String>> lines = new ArrayList<>();
        int rank = 0;
        for (Ranked r : ranked) {
            rank++;
            lines.add(List.of(
                    Integer.toString(rank),
                    r.row().label(),
                    format.apply(r.value()),
                    Formats.ratio(r.value() / best),
                    Formats.ratio(r.value() / baseline)));
        }
        sb.append("\n### ").append(title).append("\n\n");
        sb.append(Tables.markdown(
                List.of("rank", "transport", column, "\u00d7 fastest", "\u00d7 baseline"),
                new boolean[] {true, false, true, true, true},
                lines));
        if (!notMeasured.isEmpty()) {
            sb.append("\nNot measured at ")
                    .append(Sizes.format(size))
                    .append(": ")
                    .append(String.join(", ", notMeasured))
                    .append(".\n");
        }
    }

    // ---- charts, missing, sources -------------------------------------------------------------

    private static void charts(StringBuilder sb, Charts.Drawn charts) {
        sb.append("\n## Charts\n\n");
        if (charts == null) {
            sb.append("Charts were not drawn for this report.\n");
            return;
        }
        for (Charts.Chart c : charts.charts()) {
            sb.append("### ").append(c.title()).append("\n\n");
            sb.append("![").append(c.title()).append("](").append(c.svg()).append(")\n\n");
            sb.append(c.description())
                    .append(" PNG: [")
                    .append(c.png())
                    .append("](")
                    .append(c.png())
                    .append(").\n\n");
        }
        charts.notDrawn().forEach(n -> sb.append("Not drawn: ").append(n).append("\n\n"));
        if (charts.charts().isEmpty() && charts.notDrawn().isEmpty()) {
            sb.append("No charts: no figures to draw.\n\n");
        }
        trimBlankLine(sb);
    }

    private static void missing(StringBuilder sb, ReportData d) {
        List<ResultSet.Missing> skipped =
                d.missing.stream().filter(ResultSet.Missing::skipped).toList();
        List<ResultSet.Missing> failed =
                d.missing.stream().filter(m -> !m.skipped()).toList();
        sb.append("\n## Skipped combinations\n\n");
        if (d.results.environment().isEmpty()) {
            sb.append("Unknown: environment.json is missing, so skipped and failed combinations are not known; "
                    + "cells without a result show " + SummaryTable.MISSING + ".\n");
            return;
        }
        if (skipped.isEmpty()) {
            sb.append("None: environment.json records no skipped combination.\n");
        } else {
            sb.append("Combinations that cannot run here; their cells show " + SummaryTable.MISSING + " [note].\n\n");
            sb.append(Tables.markdown(
                    List.of("note", "benchmark", "transport", "wait", "size", "reason"),
                    new boolean[] {false, false, false, false, true, false},
                    skipped.stream().map(m -> missingLine(d, m)).toList()));
        }
        sb.append("\n## Failed runs\n\n");
        if (failed.isEmpty()) {
            sb.append("None: environment.json records no failed run.\n");
        } else {
            sb.append(
                    "Runs that failed and posted no number; their cells show " + SummaryTable.MISSING + " [note].\n\n");
            sb.append(Tables.markdown(
                    List.of("note", "benchmark", "mode", "transport", "wait", "size", "reason"),
                    new boolean[] {false, false, false, false, false, true, false},
                    failed.stream()
                            .map(m -> {
                                List<String> l = new ArrayList<>(missingLine(d, m));
                                l.add(2, or(m.mode(), ""));
                                return l;
                            })
                            .toList()));
        }
    }

    private static List<String> missingLine(ReportData d, ResultSet.Missing m) {
        return List.of(
                "[" + d.note(m) + "]",
                or(m.benchmark(), ""),
                or(m.transport(), ""),
                or(m.waitStrategy(), ""),
                m.size() < 0 ? "" : Sizes.format(m.size()),
                or(m.reason(), "no reason recorded"));
    }

    private static void sources(StringBuilder sb, ReportData d) {
        sb.append("\n## Where the numbers come from\n\n");
        sb.append("Every figure is read from `")
                .append(d.results.jmhJson().getFileName())
                .append("` (JMH's own JSON, ")
                .append(d.results.results().size())
                .append(" results) as JMH computed it; none is recomputed from raw samples. Conversions: "
                        + "time units to \u00b5s, bytes/s to MB/s (10^6 bytes), one-way = round trip / 2, "
                        + "ratios = one figure divided by another. The machine facts come from `"
                        + ResultSet.ENVIRONMENT_JSON + "`");
        sb.append(d.results.environment().isPresent() ? ".\n" : " (missing here).\n");
        long others = d.results.measurements().stream()
                .filter(m -> m.transport() == null || m.size() < 0)
                .count();
        if (others > 0) {
            sb.append("\n")
                    .append(others)
                    .append(" result(s) without ipcbench's `transport` and `size` parameters " + "are not shown.\n");
        }
    }

    // ---- grid ---------------------------------------------------------------------------------

    private interface Cell {
        /** The cell's text, or {@code null} when there is no figure. */
        String text(SummaryTable.Row row, long size);
    }

    /** A transport x size table; cells without a figure show n/a with their note. */
    private static void grid(StringBuilder sb, ReportData d, String benchmark, List<SummaryTable.Row> rows, Cell cell) {
        List<String> header = new ArrayList<>();
        header.add("transport");
        d.sizes.forEach(s -> header.add(Sizes.format(s)));
        boolean[] right = new boolean[header.size()];
        for (int i = 1; i < right.length; i++) {
            right[i] = true;
        }
        List<List<String>> lines = new ArrayList<>();
        for (SummaryTable.Row row : rows) {
            List<String> line = new ArrayList<>();
            line.add(row.label());
            for (long size : d.sizes) {
                String t = cell.text(row, size);
                line.add(t == null ? d.missingCell(benchmark, row, size) : t);
            }
            lines.add(line);
        }
        sb.append(Tables.markdown(header, right, lines));
    }

    private static void trimBlankLine(StringBuilder sb) {
        while (sb.length() >= 2 && sb.charAt(sb.length() - 1) == '\n' && sb.charAt(sb.length() - 2) == '\n') {
            sb.setLength(sb.length() - 1);
        }
    }

    private static String or(String s, String otherwise) {
        return s == null || s.isBlank() ? otherwise : s;
    }

    private static String joinNonNull(String sep, String... parts) {
        List<String> l = new ArrayList<>();
        for (String p : parts) {
            if (p != null && !p.isBlank()) {
                l.add(p);
            }
        }
        return String.join(sep, l);
    }
}
