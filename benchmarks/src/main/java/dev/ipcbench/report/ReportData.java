package dev.ipcbench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The ipcbench results of one run arranged for tables and charts: rows (transport and wait
 * strategy, the baseline first), sizes, the figures per cell, and why a cell has none. Figures are
 * read from the measurements as they are; nothing is recomputed from raw data.
 */
final class ReportData {

    /** The in-process baseline's transport. */
    static final String BASELINE = "inproc";

    static final String AVGT = "avgt";
    static final String SAMPLE = "sample";
    static final String THRPT = "thrpt";

    /** The secondary metric labels used. */
    static final String CPU_SELF = SummaryTable.CPU_SELF;

    static final String CPU_PEER = SummaryTable.CPU_PEER;
    static final String MESSAGES = "messages";
    static final String BYTES = "bytes";
    static final String LOST = "lost";

    final ResultSet results;
    final List<Measurement> all;
    final List<Long> sizes;
    final List<SummaryTable.Row> roundTripRows;
    final List<SummaryTable.Row> throughputRows;
    final List<ResultSet.Missing> missing;
    /** Note number per reason, in order of first appearance. */
    final Map<String, Integer> notes = new LinkedHashMap<>();

    ReportData(ResultSet results) {
        this.results = results;
        this.all = results.measurements().stream()
                .filter(m -> m.transport() != null && m.size() >= 0)
                .toList();
        List<ResultSet.Missing> miss = new ArrayList<>(results.skipped());
        miss.addAll(results.failed());
        this.missing = List.copyOf(miss);
        for (ResultSet.Missing m : missing) {
            notes.putIfAbsent(noteKey(m), notes.size() + 1);
        }
        TreeSet<Long> s = new TreeSet<>();
        all.forEach(m -> s.add(m.size()));
        missing.stream().filter(m -> m.size() >= 0 && m.transport() != null).forEach(m -> s.add(m.size()));
        this.sizes = new ArrayList<>(s);
        this.roundTripRows = rows(Measurement.ROUND_TRIP);
        this.throughputRows = rows(Measurement.THROUGHPUT);
    }

    private static String noteKey(ResultSet.Missing m) {
        return (m.skipped() ? "skipped: " : "failed: ") + m.reason();
    }

    /** The rows with a result or a recorded reason for {@code benchmark}, the baseline first. */
    private List<SummaryTable.Row> rows(String benchmark) {
        Set<SummaryTable.Row> found = new LinkedHashSet<>();
        for (Measurement m : all) {
            if (benchmark.equals(m.benchmark())) {
                found.add(new SummaryTable.Row(m.transport(), m.waitStrategy()));
            }
        }
        for (ResultSet.Missing m : missing) {
            if (benchmark.equals(m.benchmark()) && m.transport() != null) {
                found.add(new SummaryTable.Row(m.transport(), m.waitStrategy()));
            }
        }
        List<SummaryTable.Row> rows = new ArrayList<>();
        found.stream().filter(r -> r.transport().equals(BASELINE)).forEach(rows::add);
        found.stream().filter(r -> !r.transport().equals(BASELINE)).forEach(rows::add);
        return rows;
    }

    Optional<Measurement> find(String benchmark, SummaryTable.Row row, long size, String mode) {
        return all.stream()
                .filter(m ->
                        benchmark.equals(m.benchmark()) && row.matches(m) && m.size() == size && mode.equals(m.mode()))
                .findFirst();
    }

    /** The round-trip result the mean comes from: AverageTime, else SampleTime. */
    Optional<Measurement> roundTripMeanSource(SummaryTable.Row row, long size) {
        return find(Measurement.ROUND_TRIP, row, size, AVGT).or(() -> find(Measurement.ROUND_TRIP, row, size, SAMPLE));
    }

    double roundTripMean(SummaryTable.Row row, long size) {
        return roundTripMeanSource(row, size)
                .map(m -> Measurement.toMicros(m.primary().score(), m.primary().unit()))
                .orElse(Double.NaN);
    }

    double roundTripError(SummaryTable.Row row, long size) {
        return roundTripMeanSource(row, size)
                .map(m -> Measurement.toMicros(m.primary().error(), m.primary().unit()))
                .orElse(Double.NaN);
    }

    /** A SampleTime percentile in microseconds, NaN when there is none. */
    double percentile(SummaryTable.Row row, long size, double p) {
        return find(Measurement.ROUND_TRIP, row, size, SAMPLE)
                .filter(m -> m.percentiles().containsKey(p))
                .map(m ->
                        Measurement.toMicros(m.percentiles().get(p), m.primary().unit()))
                .orElse(Double.NaN);
    }

    /** A throughput aux counter per second ({@value #MESSAGES}, {@value #BYTES}), NaN when there is none. */
    double throughput(SummaryTable.Row row, long size, String counter) {
        return find(Measurement.THROUGHPUT, row, size, THRPT)
                .map(m -> {
                    Measurement.Metric metric = m.secondary().get(counter);
                    return metric == null ? Double.NaN : Measurement.toPerSecond(metric.score(), metric.unit());
                })
                .orElse(Double.NaN);
    }

    /** Delivered megabytes (10^6 bytes) per second. */
    double megabytes(SummaryTable.Row row, long size) {
        return throughput(row, size, BYTES) / 1e6;
    }

    /** The reason a cell has no figure, when {@code environment.json} records one. */
    Optional<ResultSet.Missing> missing(String benchmark, SummaryTable.Row row, long size) {
        return missing.stream().filter(m -> m.covers(benchmark, row, size)).findFirst();
    }

    /** What a cell without a figure shows: {@code n/a}, with the number of the note giving the reason. */
    String missingCell(String benchmark, SummaryTable.Row row, long size) {
        return missing(benchmark, row, size)
                .map(m -> SummaryTable.MISSING + " [" + notes.get(noteKey(m)) + "]")
                .orElse(SummaryTable.MISSING);
    }

    /** The note number of a missing combination. */
    int note(ResultSet.Missing m) {
        return notes.get(noteKey(m));
    }

    boolean any(String benchmark) {
        return all.stream().anyMatch(m -> benchmark.equals(m.benchmark()));
    }

    boolean any(String benchmark, String mode) {
        return all.stream().anyMatch(m -> benchmark.equals(m.benchmark()) && mode.equals(m.mode()));
    }

    boolean anySecondary(String benchmark, String label) {
        return all.stream()
                .anyMatch(m -> benchmark.equals(m.benchmark()) && m.secondary().containsKey(label));
    }

    /** The full JMH method name of the first result of {@code benchmark} (simple name), or the simple name. */
    String method(String benchmark) {
        return results.results().stream()
                .filter(r -> benchmark.equals(r.simpleName()))
                .map(JmhResult::benchmark)
                .findFirst()
                .orElse(benchmark);
    }
}
