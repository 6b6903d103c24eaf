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
    private Optional<NativeFile> nativeFile;
    private String nativeProblem;
    private Optional<OpenLoopFile> openLoopFile;
    private String openLoopProblem;

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

    /** JMH's error of a throughput counter (per second), NaN when there is none. */
    public double throughputError(Row row, long size, Counter counter) {
        return find(THROUGHPUT, row, size, THRPT)
                .map(r -> {
                    JmhResult.Metric m = r.secondary(counter);
                    return m == null ? Double.NaN : counter.convert(m.error(), m.scoreUnit());
                })
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

    /**
     * A native reference figure for a Java result: the C measurement of the same mechanism, size,
     * placement (and, for rings, wait) at the start and at the end of the run.
     *
     * @param start the figure at the start of the run, NaN when not measured
     * @param end the figure at the end, NaN when not measured
     * @param value what the Java figure is divided by: the mean of the two (geometric), or the one
     * @param changed whether start and end differ by more than {@link NoiseFlags#REGIME_RATIO} times
     */
    public record Reference(String mech, double start, double end, double value, boolean changed) {}

    /** The native reference measured with this run, when there is one. */
    public Optional<NativeFile> nativeReference() {
        if (nativeFile == null) {
            try {
                nativeFile = NativeFile.beside(results.jmhJson());
            } catch (ResultsException e) {
                nativeProblem = e.getMessage();
                nativeFile = Optional.empty();
            }
        }
        return nativeFile;
    }

    /** The open-loop results of this run, when there are any. */
    public Optional<OpenLoopFile> openLoop() {
        if (openLoopFile == null) {
            try {
                openLoopFile = OpenLoopFile.beside(results.jmhJson());
            } catch (ResultsException e) {
                openLoopProblem = e.getMessage();
                openLoopFile = Optional.empty();
            }
        }
        return openLoopFile;
    }

    /** Why {@value OpenLoopFile#FILE} could not be read, or {@code null}. */
    public String openLoopProblem() {
        openLoop();
        return openLoopProblem;
    }

    /** Why {@value NativeFile#FILE} could not be read, or {@code null}. */
    public String nativeProblem() {
        nativeReference();
        return nativeProblem;
    }

    /**
     * The C figure for a Java result: for round trips, the C mean for an AverageTime result and the
     * C median for a SampleTime result, in ns; for throughput, C messages per second.
     */
    public Optional<Reference> reference(JmhResult r) {
        Optional<NativeFile> n = nativeReference();
        if (n.isEmpty()) {
            return Optional.empty();
        }
        String mech = n.get().transports().get(r.param("transport"));
        if (mech == null) {
            return Optional.empty();
        }
        boolean ring = "ring".equals(mech);
        String wait = ring ? r.row().waitStrategy() : null;
        String op =
                ROUND_TRIP.equals(r.simpleName()) ? "roundtrip" : THROUGHPUT.equals(r.simpleName()) ? "stream" : null;
        if (op == null) {
            return Optional.empty();
        }
        List<NativeFile.Measurement> ms = n.get().of(op, mech, r.size(), wait);
        return reference(mech, ms, m -> cFigure(r, m));
    }

    /** The floor (one cache line ping-ponged between the two processes) for a round-trip result. */
    public Optional<Reference> floor(JmhResult r) {
        Optional<NativeFile> n = nativeReference();
        if (n.isEmpty() || !"ring".equals(n.get().transports().get(r.param("transport")))) {
            return Optional.empty();
        }
        List<NativeFile.Measurement> ms = n.get().of("roundtrip", "cacheline", 64, "spin");
        return reference("cacheline", ms, m -> cFigure(r, m));
    }

    private static double cFigure(JmhResult r, NativeFile.Measurement m) {
        if (!"roundtrip".equals(m.op())) {
            return m.figure();
        }
        Double v = SAMPLE.equals(r.mode()) ? m.p50Ns() : m.meanNs();
        return v == null ? Double.NaN : v;
    }

    private static Optional<Reference> reference(
            String mech,
            List<NativeFile.Measurement> ms,
            java.util.function.ToDoubleFunction<NativeFile.Measurement> f) {
        double start = ms.stream()
                .filter(m -> NativeFile.START.equals(m.phase()))
                .mapToDouble(f)
                .findFirst()
                .orElse(Double.NaN);
        double end = ms.stream()
                .filter(m -> NativeFile.END.equals(m.phase()))
                .mapToDouble(f)
                .findFirst()
                .orElse(Double.NaN);
        boolean both = start > 0 && end > 0;
        if (!(start > 0) && !(end > 0)) {
            return Optional.empty();
        }
        double value = both ? Math.sqrt(start * end) : start > 0 ? start : end;
        boolean changed = both && Math.max(start, end) / Math.min(start, end) > NoiseFlags.REGIME_RATIO;
        return Optional.of(new Reference(mech, start, end, value, changed));
    }

    /** The Java figure a reference divides: the round trip in ns (mean, or median for SampleTime), or messages/s. */
    public static double javaFigure(JmhResult r) {
        if (THROUGHPUT.equals(r.simpleName())) {
            return r.secondaryValue(Counter.DELIVERED_MESSAGES);
        }
        double v = SAMPLE.equals(r.mode())
                ? r.primaryMetric().percentile(50.0)
                : r.primaryMetric().value();
        return Units.toMicros(v, r.primaryMetric().scoreUnit()) * 1e3;
    }

    /** The round-trip result the Java / C figure uses: AverageTime (with its C mean), else SampleTime (with its C median). */
    public Optional<JmhResult> roundTripReferenceSource(Row row, long size) {
        return find(ROUND_TRIP, row, size, AVGT).or(() -> find(ROUND_TRIP, row, size, SAMPLE));
    }

    /** The round-trip median (p50) in µs, else the mean; NaN when there is neither. */
    public double roundTripMedian(Row row, long size) {
        double p50 = percentile(row, size, 50.0);
        return Double.isNaN(p50) ? roundTripMean(row, size) : p50;
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
