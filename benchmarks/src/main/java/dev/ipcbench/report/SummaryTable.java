package dev.ipcbench.report;

import dev.ipcbench.transport.Sizes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.DoubleFunction;

/**
 * Renders measurements as plain-text tables, one row per transport (and wait strategy), one column
 * per message size: round-trip mean and p99, delivered throughput in messages/s and MB/s (MB =
 * 10^6 bytes), and lost messages for transports that may lose them. A combination without a
 * measurement (skipped or failed) shows {@value #MISSING}.
 */
public final class SummaryTable {

    /** What a cell without a measurement shows. */
    public static final String MISSING = "n/a";

    private static final String DEFAULT_WAIT = "default";

    private SummaryTable() {}

    /**
     * One table row: a transport, and its wait strategy when it is not the default.
     */
    public record Row(String transport, String waitStrategy) {
        public Row {
            Objects.requireNonNull(transport, "transport");
            waitStrategy = waitStrategy == null ? DEFAULT_WAIT : waitStrategy;
        }

        /** {@code tcp}, or {@code shm (spin)} for a wait strategy other than the default. */
        public String label() {
            return DEFAULT_WAIT.equals(waitStrategy) ? transport : transport + " (" + waitStrategy + ")";
        }

        boolean matches(Measurement m) {
            return transport.equals(m.transport())
                    && waitStrategy.equals(m.waitStrategy() == null ? DEFAULT_WAIT : m.waitStrategy());
        }
    }

    /**
     * Renders every table that has at least one figure.
     *
     * @param rows the rows, in order (the baseline first)
     * @param sizes the columns, in bytes, in order
     * @param lossy the transports that may lose messages: they get a row in the lost-messages table
     */
    public static String render(
            Collection<Measurement> measurements, List<Row> rows, List<Long> sizes, Set<String> lossy) {
        StringBuilder sb = new StringBuilder();
        List<Measurement> all = List.copyOf(measurements);
        boolean anyRoundTrip = all.stream().anyMatch(m -> Measurement.ROUND_TRIP.equals(m.benchmark()));
        boolean anySample = all.stream()
                .anyMatch(m -> Measurement.ROUND_TRIP.equals(m.benchmark())
                        && !m.percentiles().isEmpty());
        boolean anyThroughput = all.stream().anyMatch(m -> Measurement.THROUGHPUT.equals(m.benchmark()));
        if (anyRoundTrip) {
            section(
                    sb,
                    "Round trip, mean (us per round trip, lower is better)",
                    rows,
                    sizes,
                    (row, size) -> roundTripMean(all, row, size),
                    SummaryTable::formatMicros);
        }
        boolean anyCpu = all.stream().anyMatch(m -> !Double.isNaN(m.secondaryScore(CPU_SELF)));
        if (anyRoundTrip && anyCpu) {
            textSection(
                    sb,
                    "Round trip, CPU per round trip in us: benchmark process + peer process (user + system)",
                    rows,
                    sizes,
                    (row, size) -> cpu(
                            find(all, Measurement.ROUND_TRIP, row, size, "avgt")
                                    .or(() -> find(all, Measurement.ROUND_TRIP, row, size, "sample")),
                            1e3));
        }
        if (anySample) {
            section(
                    sb,
                    "Round trip, p50 (us; half the round trips were faster)",
                    rows,
                    sizes,
                    (row, size) -> roundTripPercentile(all, row, size, 50.0),
                    SummaryTable::formatMicros);
            section(
                    sb,
                    "Round trip, p99 (us; closed-loop ping-pong, so percentiles hide queueing delay)",
                    rows,
                    sizes,
                    (row, size) -> roundTripPercentile(all, row, size, 99.0),
                    SummaryTable::formatMicros);
        }
        if (anyThroughput) {
            section(
                    sb,
                    "Throughput, delivered messages per second (higher is better)",
                    rows,
                    sizes,
                    (row, size) -> throughput(all, row, size, "messages"),
                    SummaryTable::formatRate);
            section(
                    sb,
                    "Throughput, delivered MB/s (MB = 10^6 bytes, higher is better)",
                    rows,
                    sizes,
                    (row, size) -> throughput(all, row, size, "bytes") / 1e6,
                    SummaryTable::formatMegabytes);
            if (anyCpu) {
                textSection(
                        sb,
                        "Throughput, CPU per message in ns: benchmark process + peer process (user + system)",
                        rows,
                        sizes,
                        (row, size) -> cpu(find(all, Measurement.THROUGHPUT, row, size, "thrpt"), 1));
            }
            List<Row> lossyRows =
                    rows.stream().filter(r -> lossy.contains(r.transport())).toList();
            if (!lossyRows.isEmpty()) {
                section(
                        sb,
                        "Throughput, lost messages (sum over the measurement iterations)",
                        lossyRows,
                        sizes,
                        (row, size) -> find(all, Measurement.THROUGHPUT, row, size, "thrpt")
                                .map(m -> m.secondaryScore("lost"))
                                .orElse(Double.NaN),
                        v -> String.format(Locale.ROOT, "%.0f", v));
            }
        }
        return sb.toString();
    }

    /** The rows for {@code measurements} in order of appearance, the baseline first. */
    public static List<Row> rowsOf(Collection<Measurement> measurements, String baseline) {
        List<Row> rows = new ArrayList<>();
        for (Measurement m : measurements) {
            Row r = new Row(m.transport(), m.waitStrategy());
            if (!rows.contains(r)) {
                rows.add(r);
            }
        }
        List<Row> sorted = new ArrayList<>();
        rows.stream().filter(r -> r.transport().equals(baseline)).forEach(sorted::add);
        rows.stream().filter(r -> !r.transport().equals(baseline)).forEach(sorted::add);
        return sorted;
    }

    /** The sizes in {@code measurements}, ascending. */
    public static List<Long> sizesOf(Collection<Measurement> measurements) {
        TreeSet<Long> sizes = new TreeSet<>();
        measurements.forEach(m -> sizes.add(m.size()));
        return new ArrayList<>(sizes);
    }

    private interface Cell {
        double value(Row row, long size);
    }

    private interface TextCell {
        /** The cell's text, or {@code null} when there is no figure. */
        String text(Row row, long size);
    }

    /** The secondary metric names of the CPU-cost profiler, in ns per operation. */
    static final String CPU_SELF = "cpu.self";

    static final String CPU_PEER = "cpu.peer";

    /** {@code self + peer} (or {@code self} alone for the in-process baseline), scaled by {@code divisor}. */
    private static String cpu(Optional<Measurement> m, double divisor) {
        if (m.isEmpty() || Double.isNaN(m.get().secondaryScore(CPU_SELF))) {
            return null;
        }
        double self = m.get().secondaryScore(CPU_SELF) / divisor;
        double peer = m.get().secondaryScore(CPU_PEER) / divisor;
        return Double.isNaN(peer) ? formatMicros(self) : formatMicros(self) + " + " + formatMicros(peer);
    }

    private static void textSection(StringBuilder sb, String title, List<Row> rows, List<Long> sizes, TextCell cell) {
        section(sb, title, rows, sizes, cell);
    }

    private static void section(
            StringBuilder sb,
            String title,
            List<Row> rows,
            List<Long> sizes,
            Cell cell,
            DoubleFunction<String> format) {
        section(sb, title, rows, sizes, (TextCell) (row, size) -> {
            double v = cell.value(row, size);
            return Double.isNaN(v) ? null : format.apply(v);
        });
    }

    private static void section(StringBuilder sb, String title, List<Row> rows, List<Long> sizes, TextCell cell) {
        List<String[]> lines = new ArrayList<>();
        String[] header = new String[sizes.size() + 1];
        header[0] = "transport";
        for (int i = 0; i < sizes.size(); i++) {
            header[i + 1] = Sizes.format(sizes.get(i));
        }
        lines.add(header);
        for (Row row : rows) {
            String[] line = new String[sizes.size() + 1];
            line[0] = row.label();
            for (int i = 0; i < sizes.size(); i++) {
                String v = cell.text(row, sizes.get(i));
                line[i + 1] = v == null ? MISSING : v;
            }
            lines.add(line);
        }
        if (sb.length() > 0) {
            sb.append('\n');
        }
        sb.append(title).append('\n');
        int[] widths = new int[header.length];
        for (String[] line : lines) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        for (String[] line : lines) {
            StringBuilder l = new StringBuilder();
            l.append(pad(line[0], widths[0], false));
            for (int i = 1; i < line.length; i++) {
                l.append("  ").append(pad(line[i], widths[i], true));
            }
            sb.append(l.toString().stripTrailing()).append('\n');
        }
    }

    private static String pad(String s, int width, boolean right) {
        String spaces = " ".repeat(Math.max(0, width - s.length()));
        return right ? spaces + s : s + spaces;
    }

    private static Optional<Measurement> find(
            List<Measurement> all, String benchmark, Row row, long size, String mode) {
        return all.stream()
                .filter(m ->
                        benchmark.equals(m.benchmark()) && row.matches(m) && m.size() == size && mode.equals(m.mode()))
                .findFirst();
    }

    /** The AverageTime mean, or the SampleTime mean when there is no AverageTime result. */
    private static double roundTripMean(List<Measurement> all, Row row, long size) {
        return find(all, Measurement.ROUND_TRIP, row, size, "avgt")
                .or(() -> find(all, Measurement.ROUND_TRIP, row, size, "sample"))
                .map(m -> Measurement.toMicros(m.primary().score(), m.primary().unit()))
                .orElse(Double.NaN);
    }

    private static double roundTripPercentile(List<Measurement> all, Row row, long size, double p) {
        return find(all, Measurement.ROUND_TRIP, row, size, "sample")
                .filter(m -> m.percentiles().containsKey(p))
                .map(m ->
                        Measurement.toMicros(m.percentiles().get(p), m.primary().unit()))
                .orElse(Double.NaN);
    }

    private static double throughput(List<Measurement> all, Row row, long size, String counter) {
        return find(all, Measurement.THROUGHPUT, row, size, "thrpt")
                .map(m -> {
                    Measurement.Metric metric = m.secondary().get(counter);
                    return metric == null ? Double.NaN : Measurement.toPerSecond(metric.score(), metric.unit());
                })
                .orElse(Double.NaN);
    }

    /** Microseconds with about three significant digits. */
    static String formatMicros(double us) {
        if (us >= 100) {
            return String.format(Locale.ROOT, "%.0f", us);
        }
        if (us >= 10) {
            return String.format(Locale.ROOT, "%.1f", us);
        }
        if (us >= 1) {
            return String.format(Locale.ROOT, "%.2f", us);
        }
        return String.format(Locale.ROOT, "%.3f", us);
    }

    /** A rate with a k, M or G suffix. */
    static String formatRate(double perSecond) {
        if (perSecond >= 1e9) {
            return String.format(Locale.ROOT, "%.2f G", perSecond / 1e9);
        }
        if (perSecond >= 1e6) {
            return String.format(Locale.ROOT, "%.2f M", perSecond / 1e6);
        }
        if (perSecond >= 1e3) {
            return String.format(Locale.ROOT, "%.1f k", perSecond / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f", perSecond);
    }

    /** Megabytes per second with about three significant digits. */
    static String formatMegabytes(double mb) {
        if (mb >= 100) {
            return String.format(Locale.ROOT, "%.0f", mb);
        }
        if (mb >= 10) {
            return String.format(Locale.ROOT, "%.1f", mb);
        }
        return String.format(Locale.ROOT, "%.2f", mb);
    }
}
