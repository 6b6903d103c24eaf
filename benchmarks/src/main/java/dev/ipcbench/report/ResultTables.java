package dev.ipcbench.report;

import static dev.ipcbench.report.Figures.ROUND_TRIP;
import static dev.ipcbench.report.Figures.THROUGHPUT;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.DoubleFunction;

/**
 * The transport × size tables of a run, shared by the report (Markdown) and the summary {@code run}
 * prints (text): round-trip mean, percentiles, one-way latency and CPU; throughput in messages/s and
 * MB/s, CPU per message and loss. Each says which {@code jmh.json} field its figures come from.
 */
public final class ResultTables {

    /** The percentiles of the percentile table. */
    static final double[] PERCENTILES = {50.0, 99.0, 99.9};

    /**
     * One table.
     *
     * @param source where the figures come from, in Markdown
     * @param inSummary whether the terminal summary shows it
     */
    public record Table(String benchmark, String title, Grid grid, String source, boolean inSummary) {}

    private ResultTables() {}

    /** The round-trip tables that have figures. */
    public static List<Table> roundTrip(Figures f) {
        List<Table> tables = new ArrayList<>();
        List<Row> rows = f.rows(ROUND_TRIP);
        if (rows.isEmpty()) {
            return tables;
        }
        String method = "`" + f.method(ROUND_TRIP) + "`";
        Set<String> meanModes = new TreeSet<>();
        rows.forEach(row ->
                f.sizes().forEach(size -> f.roundTripMeanSource(row, size).ifPresent(r -> meanModes.add(r.mode()))));
        boolean mixed = meanModes.size() > 1;
        tables.add(new Table(
                ROUND_TRIP,
                "Mean \u00b1 error (\u00b5s per round trip)",
                f.sizeGrid(
                        ROUND_TRIP,
                        rows,
                        (row, size) -> f.roundTripMeanSource(row, size)
                                .map(r -> withError(f.roundTripMean(row, size), f.roundTripError(row, size))
                                        + (mixed && Figures.SAMPLE.equals(r.mode()) ? " \u2020" : ""))
                                .orElse(null)),
                "From jmh.json: " + method + ", mode " + (meanModes.contains(Figures.AVGT) ? "`avgt`" : "`sample`")
                        + (mixed ? " (\u2020: mode `sample`, where there is no `avgt` result)" : "")
                        + ": `primaryMetric.score` \u00b1 `primaryMetric.scoreError` (JMH's 99.9% confidence "
                        + "half-width; left out where JMH reports none), converted from `" + f.unit(ROUND_TRIP)
                        + "` to \u00b5s.",
                true));
        if (f.any(ROUND_TRIP, Figures.SAMPLE)) {
            tables.add(new Table(
                    ROUND_TRIP,
                    "Percentiles p50 / p99 / p99.9 (\u00b5s per round trip)",
                    f.sizeGrid(
                            ROUND_TRIP,
                            rows,
                            (row, size) -> f.find(ROUND_TRIP, row, size, Figures.SAMPLE)
                                    .map(r -> String.join(
                                            " / ",
                                            java.util.Arrays.stream(PERCENTILES)
                                                    .mapToObj(p -> Formats.micros(f.percentile(row, size, p)))
                                                    .toList()))
                                    .orElse(null)),
                    "From jmh.json: " + method + ", mode `sample`: `primaryMetric.scorePercentiles[\"50.0\"]`, "
                            + "`[\"99.0\"]`, `[\"99.9\"]`, converted to \u00b5s (closed loop: percentiles hide "
                            + "queueing delay).",
                    true));
        }
        tables.add(new Table(
                ROUND_TRIP,
                "One-way latency (half the round trip, not measured separately)",
                f.sizeGrid(
                        ROUND_TRIP,
                        rows,
                        (row, size) -> f.roundTripMeanSource(row, size)
                                .map(r -> withError(f.roundTripMean(row, size) / 2, f.roundTripError(row, size) / 2))
                                .orElse(null)),
                "The round-trip mean and error above divided by 2, assuming both directions cost the same; "
                        + "not a one-way measurement.",
                false));
        javaOverC(f, ROUND_TRIP, rows, tables);
        if (f.any(ROUND_TRIP, Counter.CPU_SELF)) {
            tables.add(new Table(
                    ROUND_TRIP,
                    "CPU per round trip (\u00b5s: benchmark process + peer process)",
                    f.sizeGrid(
                            ROUND_TRIP,
                            rows,
                            (row, size) -> f.roundTripMeanSource(row, size)
                                    .map(r -> cpu(r, 1e3))
                                    .orElse(null)),
                    "From jmh.json, the same results as the mean: `secondaryMetrics[\"cpu.self\"].score` + "
                            + "`secondaryMetrics[\"cpu.peer\"].score` (user + system CPU time per operation, ns/op), "
                            + "shown as total \u00b1 error (self + peer) in \u00b5s; the in-process baseline has no peer "
                            + "process.",
                    true));
        }
        return tables;
    }

    /** The throughput tables that have figures. */
    public static List<Table> throughput(Figures f) {
        List<Table> tables = new ArrayList<>();
        List<Row> rows = f.rows(THROUGHPUT);
        if (rows.isEmpty()) {
            return tables;
        }
        String from = "From jmh.json: `" + f.method(THROUGHPUT) + "`, mode `thrpt`: ";
        tables.add(new Table(
                THROUGHPUT,
                "Delivered messages per second \u00b1 error",
                f.sizeGrid(
                        THROUGHPUT,
                        rows,
                        (row, size) -> withError(
                                f.throughput(row, size, Counter.DELIVERED_MESSAGES),
                                f.throughputError(row, size, Counter.DELIVERED_MESSAGES),
                                Formats::rate)),
                from + secondary(f, Counter.DELIVERED_MESSAGES) + " \u00b1 its `scoreError` (ops/s; JMH's 99.9% "
                        + "confidence half-width). k = 10^3, M = 10^6.",
                true));
        tables.add(new Table(
                THROUGHPUT,
                "Delivered MB/s (MB = 10^6 bytes) \u00b1 error",
                f.sizeGrid(
                        THROUGHPUT,
                        rows,
                        (row, size) -> withError(
                                f.megabytes(row, size),
                                f.throughputError(row, size, Counter.DELIVERED_BYTES) / 1e6,
                                Formats::megabytes)),
                from + secondary(f, Counter.DELIVERED_BYTES) + " \u00b1 its `scoreError` (bytes/s) / 10^6.",
                true));
        javaOverC(f, THROUGHPUT, rows, tables);
        if (f.any(THROUGHPUT, Counter.CPU_SELF)) {
            tables.add(new Table(
                    THROUGHPUT,
                    "CPU per message (ns: benchmark process + peer process)",
                    f.sizeGrid(
                            THROUGHPUT,
                            rows,
                            (row, size) -> f.find(THROUGHPUT, row, size, Figures.THRPT)
                                    .map(r -> cpu(r, 1))
                                    .orElse(null)),
                    "From jmh.json: `secondaryMetrics[\"cpu.self\"].score` + `secondaryMetrics[\"cpu.peer\"].score`"
                            + " (ns/op), shown as total \u00b1 error (self + peer).",
                    true));
        }
        if (f.any(THROUGHPUT, Counter.LOST_MESSAGES)) {
            Set<String> lossy = new TreeSet<>(f.results()
                    .environment()
                    .map(EnvironmentFile::lossyTransports)
                    .orElse(List.of()));
            List<Row> lossyRows = rows.stream()
                    .filter(row -> lossy.contains(row.transport())
                            || f.sizes().stream().anyMatch(s -> f.throughput(row, s, Counter.LOST_MESSAGES) > 0))
                    .toList();
            String label = secondary(f, Counter.LOST_MESSAGES);
            tables.add(new Table(
                    THROUGHPUT,
                    "Lost messages",
                    f.sizeGrid(
                            THROUGHPUT,
                            lossyRows,
                            (row, size) -> value(f.throughput(row, size, Counter.LOST_MESSAGES), Formats::count)),
                    lossyRows.isEmpty()
                            ? "No message was lost: " + label + " is 0 in every throughput result."
                            : "From jmh.json: " + label + ", messages sent but never received, summed over the "
                                    + "measurement iterations. Only transports that may lose messages, or that lost "
                                    + "some, are listed; the others lost none.",
                    true));
        }
        return tables;
    }

    private static String secondary(Figures f, Counter counter) {
        return "`secondaryMetrics[\"" + f.label(THROUGHPUT, counter) + "\"].score`";
    }

    private static String withError(double value, double error) {
        return Formats.micros(value) + (Double.isFinite(error) ? " \u00b1 " + Formats.micros(error) : "");
    }

    private static String withError(double value, double error, DoubleFunction<String> format) {
        if (Double.isNaN(value)) {
            return null;
        }
        return format.apply(value) + (Double.isFinite(error) ? " \u00b1 " + format.apply(error) : "");
    }

    /**
     * The cost of doing it from Java: each Java figure over the native reference's figure of the
     * same mechanism, size and placement from the same run, and for the rings the round trip over
     * the floor (one cache line ping-ponged between the two processes).
     */
    private static void javaOverC(Figures f, String benchmark, List<Row> rows, List<Table> tables) {
        if (f.nativeReference().isEmpty()) {
            return;
        }
        boolean roundTrip = ROUND_TRIP.equals(benchmark);
        List<Row> withReference = rows.stream()
                .filter(row -> f.sizes().stream()
                        .anyMatch(size -> source(f, benchmark, row, size)
                                .flatMap(f::reference)
                                .isPresent()))
                .toList();
        if (withReference.isEmpty()) {
            return;
        }
        tables.add(new Table(
                benchmark,
                roundTrip
                        ? "Java / C: the round trip from Java over the same mechanism in C (lower is better)"
                        : "Java / C: delivered messages/s from Java over the same mechanism in C (higher is better)",
                f.sizeGrid(
                        benchmark,
                        withReference,
                        (row, size) -> source(f, benchmark, row, size)
                                .flatMap(r -> f.reference(r).map(c -> ratio(Figures.javaFigure(r) / c.value(), c)))
                                .orElse(null)),
                "The C figure comes from `" + NativeFile.FILE + "`: `benchmarks/c/ipcref.c` run at the start and at "
                        + "the end of this run, same mechanism, size and placement (rings: same layout and wait); "
                        + (roundTrip
                                ? "the Java AverageTime mean over the C mean, or the Java SampleTime median over the C "
                                        + "median. "
                                : "delivered messages/s over the C receiver's messages/s. ")
                        + "The C figure is the geometric mean of the start and the end; ? marks a mechanism whose C "
                        + "figure changed by more than " + Formats.plain(NoiseFlags.REGIME_RATIO) + "\u00d7 between "
                        + "them (the machine changed regime: doubt the ratio).",
                true));
        if (!roundTrip) {
            return;
        }
        List<Row> rings = withReference.stream()
                .filter(row -> f.sizes().stream()
                        .anyMatch(size -> source(f, benchmark, row, size)
                                .flatMap(f::floor)
                                .isPresent()))
                .toList();
        if (rings.isEmpty()) {
            return;
        }
        tables.add(new Table(
                benchmark,
                "\u00d7 floor: the round trip over one cache line ping-ponged between the two processes",
                f.sizeGrid(
                        benchmark,
                        rings,
                        (row, size) -> source(f, benchmark, row, size)
                                .flatMap(r -> f.floor(r).map(c -> ratio(Figures.javaFigure(r) / c.value(), c)))
                                .orElse(null)),
                "The floor of any round trip through shared memory, measured in C (`ipcref roundtrip cacheline`) at "
                        + "the start and the end of this run: a value falling from one process to the other and back "
                        + "on one cache line. A message of 64 B with its header spans two lines, so even C's ring "
                        + "sits well above it.",
                true));
    }

    private static java.util.Optional<JmhResult> source(Figures f, String benchmark, Row row, long size) {
        return ROUND_TRIP.equals(benchmark)
                ? f.roundTripReferenceSource(row, size)
                : f.find(THROUGHPUT, row, size, Figures.THRPT);
    }

    private static String ratio(double r, Figures.Reference c) {
        return Double.isFinite(r) ? Formats.ratio(r) + (c.changed() ? " ?" : "") : null;
    }

    /** The flagged results, one line each. */
    public static Grid flags(List<EnvironmentFile.Flag> flags) {
        List<List<String>> lines = new ArrayList<>();
        for (EnvironmentFile.Flag fl : flags) {
            lines.add(List.of(
                    fl.benchmark() == null ? "" : fl.benchmark(),
                    fl.transport() == null
                            ? ""
                            : Row.of(fl.transport(), fl.waitStrategy()).label(),
                    fl.size() == null || fl.size() < 0 ? "" : dev.ipcbench.transport.Sizes.format(fl.size()),
                    fl.mode() == null ? "" : fl.mode(),
                    fl.kind(),
                    fl.reason()));
        }
        return new Grid(
                List.of("benchmark", "transport", "size", "mode", "flag", "why"),
                new boolean[] {false, false, true, false, false, false},
                lines);
    }

    private static String value(double v, DoubleFunction<String> format) {
        return Double.isNaN(v) ? null : format.apply(v);
    }

    /** {@code total (self + peer)}, or {@code self (self only)}, divided by {@code divisor}; null without figures. */
    private static String cpu(JmhResult r, double divisor) {
        double self = r.secondaryValue(Counter.CPU_SELF) / divisor;
        double peer = r.secondaryValue(Counter.CPU_PEER) / divisor;
        double selfError = error(r, Counter.CPU_SELF) / divisor;
        double peerError = error(r, Counter.CPU_PEER) / divisor;
        if (Double.isNaN(self)) {
            return null;
        }
        if (Double.isNaN(peer)) {
            return withError(self, selfError) + " (self only)";
        }
        return withError(self + peer, Math.hypot(selfError, peerError)) + " (" + Formats.micros(self) + " + "
                + Formats.micros(peer) + ")";
    }

    private static double error(JmhResult r, Counter counter) {
        JmhResult.Metric m = r.secondary(counter);
        return m == null ? Double.NaN : counter.convert(m.error(), m.scoreUnit());
    }

    /** The summary {@code run} prints: the tables of {@link Table#inSummary()}, as text under titles. */
    public static String summary(Figures f) {
        StringBuilder sb = new StringBuilder();
        List<Table> tables = new ArrayList<>(roundTrip(f));
        tables.addAll(throughput(f));
        for (Table t : tables) {
            if (!t.inSummary() || t.grid().isEmpty()) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append('\n');
            }
            String benchmark = ROUND_TRIP.equals(t.benchmark()) ? "Round trip" : "Throughput";
            sb.append(benchmark).append(", ").append(lower(t.title())).append('\n');
            sb.append(t.grid().text());
        }
        return sb.toString();
    }

    private static String lower(String title) {
        boolean acronym = title.startsWith("Java") || title.length() > 1 && Character.isUpperCase(title.charAt(1));
        return acronym ? title : Character.toLowerCase(title.charAt(0)) + title.substring(1);
    }
}
