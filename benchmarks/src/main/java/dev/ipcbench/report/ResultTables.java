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
                            + "shown as total (self + peer) in \u00b5s; the in-process baseline has no peer process.",
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
                "Delivered messages per second",
                f.sizeGrid(
                        THROUGHPUT,
                        rows,
                        (row, size) -> value(f.throughput(row, size, Counter.DELIVERED_MESSAGES), Formats::rate)),
                from + secondary(f, Counter.DELIVERED_MESSAGES) + " (ops/s). k = 10^3, M = 10^6.",
                true));
        tables.add(new Table(
                THROUGHPUT,
                "Delivered MB/s (MB = 10^6 bytes)",
                f.sizeGrid(THROUGHPUT, rows, (row, size) -> value(f.megabytes(row, size), Formats::megabytes)),
                from + secondary(f, Counter.DELIVERED_BYTES) + " (bytes/s) / 10^6.",
                true));
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
                            + " (ns/op), shown as total (self + peer).",
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

    private static String value(double v, DoubleFunction<String> format) {
        return Double.isNaN(v) ? null : format.apply(v);
    }

    /** {@code total (self + peer)}, or {@code self (self only)}, divided by {@code divisor}; null without figures. */
    private static String cpu(JmhResult r, double divisor) {
        double self = r.secondaryValue(Counter.CPU_SELF) / divisor;
        double peer = r.secondaryValue(Counter.CPU_PEER) / divisor;
        if (Double.isNaN(self)) {
            return null;
        }
        if (Double.isNaN(peer)) {
            return Formats.micros(self) + " (self only)";
        }
        return Formats.micros(self + peer) + " (" + Formats.micros(self) + " + " + Formats.micros(peer) + ")";
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
        boolean acronym = title.length() > 1 && Character.isUpperCase(title.charAt(1));
        return acronym ? title : Character.toLowerCase(title.charAt(0)) + title.substring(1);
    }
}
