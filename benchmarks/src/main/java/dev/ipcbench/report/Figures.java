package dev.ipcbench.report;

import dev.ipcbench.transport.Sizes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A run's figures arranged for tables and charts: the rows of each benchmark (the baseline first),
 * the sizes, each cell's figure, and why a cell has none. Figures are JMH's, converted to µs, per
 * second or MB/s; nothing is recomputed from raw data.
 */
public final class Figures {

    /** The in-process baseline's transport. */
    public static final String BASELINE = "inproc";

    /** The round-trip benchmark's simple name. */
    public static final String ROUND_TRIP = "RoundTrip";

    /** The throughput benchmark's simple name. */
    public static final String THROUGHPUT = "Throughput";

    /** What a cell without a figure shows. */
    public static final String MISSING = "n/a";

    static final String AVGT = "avgt";
    static final String SAMPLE = "sample";
    static final String THRPT = "thrpt";

    private final ResultsFolder results;
    private final List<JmhResult> measured;
    private final List<EnvironmentFile.Missing> missing;
    private final Map<String, Integer> notes = new LinkedHashMap<>();
    private final List<Long> sizes;

    public Figures(ResultsFolder results) {
        this.results = results;
        this.measured = results.results().stream()
                .filter(r -> r.param("transport") != null && r.size() >= 0)
                .toList();
        List<EnvironmentFile.Missing> miss = new ArrayList<>(results.skipped());
        miss.addAll(results.failed());
        this.missing = List.copyOf(miss);
        missing.forEach(m -> notes.putIfAbsent(noteKey(m), notes.size() + 1));
        TreeSet<Long> s = new TreeSet<>();
        measured.forEach(r -> s.add(r.size()));
        missing.stream().filter(m -> m.size() != null && m.transport() != null).forEach(m -> s.add(m.size()));
        this.sizes = List.copyOf(s);
    }

    private static String noteKey(EnvironmentFile.Missing m) {
        return m.mode() == null ? "skipped: " + m.reason() : "failed: " + m.reason();
    }

    /** The results loaded. */
    public ResultsFolder results() {
        return results;
    }

    /** The results with ipcbench's {@code transport} and {@code size} parameters. */
    public List<JmhResult> measured() {
        return measured;
    }

    /** The skipped and failed combinations, in that order. */
    public List<EnvironmentFile.Missing> missing() {
        return missing;
    }

    /** The message sizes, ascending. */
    public List<Long> sizes() {
        return sizes;
    }

    /** The rows with a result or a recorded reason for {@code benchmark}, the baseline first. */
    public List<Row> rows(String benchmark) {
        Set<Row> found = new LinkedHashSet<>();
        measured.stream().filter(r -> benchmark.equals(r.simpleName())).forEach(r -> found.add(r.row()));
        missing.stream()
                .filter(m -> benchmark.equals(m.benchmark()) && m.transport() != null)
                .filter(m -> found.stream()
                        .noneMatch(r -> r.transport().equals(m.transport())
                                && r.waitStrategy()
                                        .equals(m.waitStrategy() == null ? Row.DEFAULT_WAIT : m.waitStrategy())))
                .forEach(m -> found.add(Row.of(m.transport(), m.waitStrategy())));
        List<Row> rows = new ArrayList<>();
        found.stream().filter(r -> r.transport().equals(BASELINE)).forEach(rows::add);
        found.stream().filter(r -> !r.transport().equals(BASELINE)).forEach(rows::add);
        return rows;
    }

    /** The result of {@code benchmark} for a row, size and mode. */
    public Optional<JmhResult> find(String benchmark, Row row, long size, String mode) {
        return measured.stream()
                .filter(r -> benchmark.equals(r.simpleName())
                        && r.size() == size
                        && mode.equals(r.mode())
                        && row.equals(r.row()))
                .findFirst();
    }

    /** The round-trip result the mean comes from: AverageTime, else SampleTime. */
    public Optional<JmhResult> roundTripMeanSource(Row row, long size) {
        return find(ROUND_TRIP, row, size, AVGT).or(() -> find(ROUND_TRIP, row, size, SAMPLE));
    }

    /** The round-trip mean in µs, NaN when there is none. */
    public double roundTripMean(Row row, long size) {
        return roundTripMeanSource(row, size)
                .map(r -> micros(r, r.primaryMetric().value()))
                .orElse(Double.NaN);
    }

    /** JMH's error of the round-trip mean in µs, NaN when there is none. */
    public double roundTripError(Row row, long size) {
        return roundTripMeanSource(row, size)
                .map(r -> micros(r, r.primaryMetric().error()))
                .orElse(Double.NaN);
    }

    /** A SampleTime percentile (0 to 100) of the round trip in µs, NaN when there is none. */
    public double percentile(Row row, long size, double p) {
        return find(ROUND_TRIP, row, size, SAMPLE)
                .map(r -> micros(r, r.primaryMetric().percentile(p)))
                .orElse(Double.NaN);
    }

    private static double micros(JmhResult r, double value) {
        return Units.toMicros(value, r.primaryMetric().scoreUnit());
    }

    /** A throughput counter (per second, or a count), NaN when there is none. */
    public double throughput(Row row, long size, Counter counter) {
        return find(THROUGHPUT, row, size, THRPT)
                .map(r -> r.secondaryValue(counter))
                .orElse(Double.NaN);
    }

    /** Delivered megabytes (10^6 bytes) per second. */
    public double megabytes(Row row, long size) {
        return throughput(row, size, Counter.DELIVERED_BYTES) / 1e6;
    }

    /** The label under which results of {@code benchmark} carry {@code counter}, or its current label. */
    public String label(String benchmark, Counter counter) {
        for (JmhResult r : measured) {
            if (benchmark.equals(r.simpleName())) {
                for (String l : counter.labels()) {
                    if (r.secondaryMetrics().containsKey(l)) {
                        return l;
                    }
                }
            }
        }
        return counter.labels().get(0);
    }

    /** Whether any result of {@code benchmark} (and {@code mode}, when not null) is there. */
    public boolean any(String benchmark, String mode) {
        return measured.stream()
                .anyMatch(r -> benchmark.equals(r.simpleName()) && (mode == null || mode.equals(r.mode())));
    }

    /** Whether any result of {@code benchmark} carries {@code counter}. */
    public boolean any(String benchmark, Counter counter) {
        return measured.stream().anyMatch(r -> benchmark.equals(r.simpleName()) && r.secondary(counter) != null);
    }

    /** The full JMH method of {@code benchmark}, or the simple name when there is no result. */
    public String method(String benchmark) {
        return measured.stream()
                .filter(r -> benchmark.equals(r.simpleName()))
                .map(JmhResult::benchmark)
                .findFirst()
                .orElse(benchmark);
    }

    /** The primary units of {@code benchmark}'s results. */
    public String unit(String benchmark) {
        Set<String> units = new TreeSet<>();
        measured.stream()
                .filter(r -> benchmark.equals(r.simpleName()))
                .forEach(r -> units.add(r.primaryMetric().scoreUnit()));
        return String.join(", ", units);
    }

    /** The note number of a skipped or failed combination. */
    public int note(EnvironmentFile.Missing m) {
        return notes.get(noteKey(m));
    }

    /** What a cell without a figure shows: {@code n/a}, with the number of the note giving the reason. */
    public String missingCell(String benchmark, Row row, long size) {
        return missing.stream()
                .filter(m -> m.covers(benchmark, row, size))
                .findFirst()
                .map(m -> MISSING + " [" + note(m) + "]")
                .orElse(MISSING);
    }

    /** A cell's text, {@code null} when there is no figure. */
    public interface Cell {
        String text(Row row, long size);
    }

    /** A transport × size grid of {@code rows}; cells without a figure show n/a with their note. */
    public Grid sizeGrid(String benchmark, List<Row> rows, Cell cell) {
        List<String> header = new ArrayList<>();
        header.add("transport");
        sizes.forEach(s -> header.add(Sizes.format(s)));
        List<List<String>> lines = new ArrayList<>();
        for (Row row : rows) {
            List<String> line = new ArrayList<>();
            line.add(row.label());
            for (long size : sizes) {
                String t = cell.text(row, size);
                line.add(t == null ? missingCell(benchmark, row, size) : t);
            }
            lines.add(line);
        }
        return Grid.of(header, 1, lines);
    }
}
