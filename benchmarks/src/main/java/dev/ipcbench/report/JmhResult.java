package dev.ipcbench.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One element of JMH's JSON results ({@code -rf json}, {@code jmh.json}): the benchmark method, mode
 * and parameters, the run facts JMH records with every result, and the metrics. {@link ResultsFolder}
 * reads and writes it with Jackson, so a field has one name in both directions. Fields JMH leaves
 * out are {@code null}; a number JMH writes as {@code "NaN"} reads as NaN.
 *
 * @param params parameter values as JMH writes them: strings
 * @param secondaryMetrics profiler and {@code @AuxCounters} figures by label, in file order
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JmhResult(
        String jmhVersion,
        String benchmark,
        String mode,
        Integer threads,
        Integer forks,
        String jvm,
        List<String> jvmArgs,
        String jdkVersion,
        String vmName,
        String vmVersion,
        Integer warmupIterations,
        String warmupTime,
        Integer warmupBatchSize,
        Integer measurementIterations,
        String measurementTime,
        Integer measurementBatchSize,
        Map<String, String> params,
        Metric primaryMetric,
        Map<String, Metric> secondaryMetrics) {

    /**
     * One metric. {@code rawData} holds per-fork, per-iteration scores; {@code rawDataHistogram}, in
     * SampleTime, per-fork, per-iteration histograms as ascending {@code [value, count]} pairs.
     *
     * @param scoreError JMH's 99.9% confidence half-width; NaN or {@code null} when unknown
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Metric(
            Double score,
            Double scoreError,
            List<Double> scoreConfidence,
            Map<String, Double> scorePercentiles,
            String scoreUnit,
            List<List<Double>> rawData,
            List<List<List<double[]>>> rawDataHistogram) {

        /** The score, NaN when there is none. */
        public double value() {
            return score == null ? Double.NaN : score;
        }

        /** The error, NaN when there is none. */
        public double error() {
            return scoreError == null ? Double.NaN : scoreError;
        }

        /** A percentile (0 to 100) of {@code scorePercentiles}, NaN when absent. */
        public double percentile(double p) {
            if (scorePercentiles == null) {
                return Double.NaN;
            }
            for (Map.Entry<String, Double> e : scorePercentiles.entrySet()) {
                if (Double.parseDouble(e.getKey()) == p && e.getValue() != null) {
                    return e.getValue();
                }
            }
            return Double.NaN;
        }

        /** This metric with other histograms (or none). */
        public Metric withHistograms(List<List<List<double[]>>> histograms) {
            return new Metric(score, scoreError, scoreConfidence, scorePercentiles, scoreUnit, rawData, histograms);
        }
    }

    /** What identifies a result across two runs: benchmark method, mode and every parameter. */
    public record Key(String benchmark, String mode, SortedMap<String, String> params) {}

    /** The parameters that place a result in a table; the others make rows of their own. */
    static final List<String> TABLE_PARAMS = List.of("transport", "size", "wait", "placement");

    public JmhResult {
        params = params == null ? Map.of() : params;
        secondaryMetrics = secondaryMetrics == null ? Map.of() : secondaryMetrics;
    }

    /** The identity of this result for comparisons. */
    public Key key() {
        return new Key(benchmark, mode, new TreeMap<>(params));
    }

    /** A parameter's value, or {@code null}. */
    public String param(String name) {
        return params.get(name);
    }

    /** The message size in bytes, -1 when the result has no numeric {@code size} parameter. */
    public long size() {
        String s = param("size");
        try {
            return s == null ? -1 : Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The simple benchmark name: {@code dev.ipcbench.bench.RoundTripBenchmark.roundTrip} gives {@code RoundTrip}. */
    public String simpleName() {
        return simpleName(benchmark);
    }

    /** The simple name of a JMH benchmark method (the class without package and {@code Benchmark}). */
    public static String simpleName(String benchmarkMethod) {
        String cls = benchmarkMethod.contains(".")
                ? benchmarkMethod.substring(0, benchmarkMethod.lastIndexOf('.'))
                : benchmarkMethod;
        cls = cls.substring(cls.lastIndexOf('.') + 1);
        return cls.endsWith("Benchmark") && cls.length() > "Benchmark".length()
                ? cls.substring(0, cls.length() - "Benchmark".length())
                : cls;
    }

    /** The table row this result belongs to. */
    public Row row() {
        SortedMap<String, String> other = new TreeMap<>(params);
        TABLE_PARAMS.forEach(other::remove);
        return new Row(param("transport"), param("wait"), other);
    }

    /** The first secondary metric present of {@code counter}'s labels, or {@code null}. */
    public Metric secondary(Counter counter) {
        for (String label : counter.labels()) {
            Metric m = secondaryMetrics.get(label);
            if (m != null) {
                return m;
            }
        }
        return null;
    }

    /** A secondary metric's score converted by {@code counter}'s unit, NaN when absent. */
    public double secondaryValue(Counter counter) {
        Metric m = secondary(counter);
        return m == null ? Double.NaN : counter.convert(m.value(), m.scoreUnit());
    }

    /** This result with other primary histograms (or none). */
    public JmhResult withHistograms(List<List<List<double[]>>> histograms) {
        return new JmhResult(
                jmhVersion,
                benchmark,
                mode,
                threads,
                forks,
                jvm,
                jvmArgs,
                jdkVersion,
                vmName,
                vmVersion,
                warmupIterations,
                warmupTime,
                warmupBatchSize,
                measurementIterations,
                measurementTime,
                measurementBatchSize,
                params,
                primaryMetric.withHistograms(histograms),
                secondaryMetrics);
    }

    /**
     * One value per measurement iteration, forks one after the other, in the primary unit: the
     * scores of {@code rawData}, or (SampleTime) the mean of each iteration's histogram. Empty
     * when the result has neither.
     */
    public double[] samples() {
        List<Double> values = new ArrayList<>();
        if (primaryMetric.rawData() != null) {
            primaryMetric
                    .rawData()
                    .forEach(fork -> fork.stream()
                            .filter(v -> v != null && Double.isFinite(v))
                            .forEach(values::add));
        } else if (primaryMetric.rawDataHistogram() != null) {
            for (List<List<double[]>> fork : primaryMetric.rawDataHistogram()) {
                for (List<double[]> iteration : fork) {
                    double mean = ForkData.histogramMean(iteration);
                    if (Double.isFinite(mean)) {
                        values.add(mean);
                    }
                }
            }
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Where {@link #samples()} come from: {@code rawData}, {@code rawDataHistogram}, or {@code null}. */
    public String samplesSource() {
        if (primaryMetric.rawData() != null) {
            return "rawData";
        }
        return primaryMetric.rawDataHistogram() != null ? "rawDataHistogram" : null;
    }

    /**
     * A run fact JMH records with every result by its JSON name ({@code jdkVersion}, {@code forks},
     * {@code jvmArgs}, ...) as text, or {@code null}.
     */
    public String fact(String name) {
        Object v = switch (name) {
            case "jmhVersion" -> jmhVersion;
            case "threads" -> threads;
            case "forks" -> forks;
            case "jvmArgs" -> jvmArgs == null ? null : String.join(" ", jvmArgs);
            case "jdkVersion" -> jdkVersion;
            case "vmName" -> vmName;
            case "vmVersion" -> vmVersion;
            case "warmupIterations" -> warmupIterations;
            case "warmupTime" -> warmupTime;
            case "measurementIterations" -> measurementIterations;
            case "measurementTime" -> measurementTime;
            default -> throw new IllegalArgumentException("no run fact " + name);
        };
        return Objects.toString(v, null);
    }
}
