package dev.ipcbench.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One element of a {@code jmh.json} file: the JMH benchmark method, mode and parameters, the
 * element itself as parsed, and its {@link Measurement}. Gives the per-iteration samples that a
 * significance test needs and the run facts (JDK, JMH settings) JMH records with every result.
 *
 * @param index the element's position in the file, from 0
 * @param benchmark JMH's full benchmark method name, for example {@code
 *     dev.ipcbench.bench.RoundTripBenchmark.roundTrip}
 * @param mode JMH's short mode label: {@code avgt}, {@code sample}, {@code thrpt}, {@code ss}
 * @param params the benchmark parameters, sorted by name
 * @param json the element as parsed by {@link Json#parse}
 */
public record JmhResult(
        int index,
        String benchmark,
        String mode,
        SortedMap<String, String> params,
        Measurement measurement,
        Map<String, Object> json) {

    /** Where per-iteration samples come from in avgt, thrpt and ss modes. */
    public static final String RAW_DATA = "rawData";

    /** Where per-iteration samples come from in sample mode (means of the histogram's values). */
    public static final String RAW_DATA_HISTOGRAM = "rawDataHistogram";

    /**
     * What identifies a result across two runs: benchmark method, mode and every parameter.
     */
    public record Key(String benchmark, String mode, SortedMap<String, String> params) {}

    public JmhResult {
        Objects.requireNonNull(benchmark, "benchmark");
        Objects.requireNonNull(mode, "mode");
        params = Collections.unmodifiableSortedMap(new TreeMap<>(params));
        Objects.requireNonNull(measurement, "measurement");
        json = Collections.unmodifiableMap(json);
    }

    /**
     * Reads one element of JMH's JSON array.
     *
     * @throws IllegalArgumentException saying what is missing (see {@link Measurement#fromJson})
     */
    public static JmhResult fromJson(int index, Map<?, ?> element) {
        Measurement m = Measurement.fromJson(element);
        SortedMap<String, String> params = new TreeMap<>();
        if (element.get("params") instanceof Map<?, ?> p) {
            p.forEach((k, v) -> params.put(String.valueOf(k), String.valueOf(v)));
        }
        Map<String, Object> json = new java.util.LinkedHashMap<>();
        element.forEach((k, v) -> json.put(String.valueOf(k), v));
        return new JmhResult(index, (String) element.get("benchmark"), m.mode(), params, m, json);
    }

    /** The identity of this result for comparisons. */
    public Key key() {
        return new Key(benchmark, mode, params);
    }

    /** A parameter's value, or {@code null}. */
    public String param(String name) {
        return params.get(name);
    }

    /** The benchmark's simple name, for example {@code RoundTrip}. */
    public String simpleName() {
        return measurement.benchmark();
    }

    /** The method name alone, for example {@code roundTrip}. */
    public String methodName() {
        return benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }

    /**
     * Where {@link #samples()} come from: {@value #RAW_DATA} (per-iteration scores, all forks) or
     * {@value #RAW_DATA_HISTOGRAM} (per-iteration means of the sampled values, all forks); {@code
     * null} when the result has neither.
     */
    public String samplesSource() {
        Map<?, ?> primary = (Map<?, ?>) json.get("primaryMetric");
        if (primary.get(RAW_DATA) instanceof List<?>) {
            return RAW_DATA;
        }
        if (primary.get(RAW_DATA_HISTOGRAM) instanceof List<?>) {
            return RAW_DATA_HISTOGRAM;
        }
        return null;
    }

    /**
     * One value per measurement iteration, forks one after the other, in the primary unit: the
     * iteration scores of {@code primaryMetric.rawData}, or, when there are none (SampleTime), the
     * mean of each iteration's {@code primaryMetric.rawDataHistogram} (sum of value x count over
     * sum of count). Empty when the result has neither.
     */
    public double[] samples() {
        Map<?, ?> primary = (Map<?, ?>) json.get("primaryMetric");
        List<Double> values = new ArrayList<>();
        if (primary.get(RAW_DATA) instanceof List<?> forks) {
            for (Object fork : forks) {
                if (fork instanceof List<?> iterations) {
                    for (Object v : iterations) {
                        double d = Measurement.jsonNumber(v);
                        if (Double.isFinite(d)) {
                            values.add(d);
                        }
                    }
                }
            }
        } else if (primary.get(RAW_DATA_HISTOGRAM) instanceof List<?> forks) {
            for (Object fork : forks) {
                if (!(fork instanceof List<?> iterations)) {
                    continue;
                }
                for (Object iteration : iterations) {
                    double mean = histogramMean(iteration);
                    if (Double.isFinite(mean)) {
                        values.add(mean);
                    }
                }
            }
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The mean of one iteration's histogram, a list of {@code [value, count]} pairs; NaN when empty. */
    static double histogramMean(Object iteration) {
        if (!(iteration instanceof List<?> pairs)) {
            return Double.NaN;
        }
        double sum = 0;
        double count = 0;
        for (Object pair : pairs) {
            if (pair instanceof List<?> vc && vc.size() == 2) {
                double value = Measurement.jsonNumber(vc.get(0));
                double n = Measurement.jsonNumber(vc.get(1));
                if (Double.isFinite(value) && Double.isFinite(n) && n > 0) {
                    sum += value * n;
                    count += n;
                }
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    /**
     * A run fact JMH records with every result ({@code jdkVersion}, {@code vmName}, {@code
     * vmVersion}, {@code jmhVersion}, {@code forks}, {@code warmupIterations}, {@code warmupTime},
     * {@code measurementIterations}, {@code measurementTime}, {@code threads}, {@code jvmArgs}) as
     * text, or {@code null} when absent.
     */
    public String fact(String name) {
        Object v = json.get(name);
        if (v == null) {
            return null;
        }
        if (v instanceof List<?> list) {
            return String.join(" ", list.stream().map(String::valueOf).toList());
        }
        return String.valueOf(v);
    }
}
