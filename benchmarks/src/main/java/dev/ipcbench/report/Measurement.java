package dev.ipcbench.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.Statistics;

/**
 * One benchmark result, reduced to what tables need: which benchmark, transport, size and wait
 * strategy, the JMH mode, the primary score with its unit, the latency percentiles (SampleTime
 * only) and the secondary figures (aux counters, profilers) by label.
 *
 * @param benchmark {@link #ROUND_TRIP}, {@link #THROUGHPUT}, or another benchmark's simple name
 * @param mode JMH's short mode label: {@code avgt}, {@code sample}, {@code thrpt}, ...
 * @param percentiles percentile (0 to 100) to score, in the primary unit; empty unless SampleTime
 * @param secondary secondary figures by label, for example {@code messages}, {@code bytes}, {@code
 *     lost}, {@code gc.alloc.rate.norm}
 */
public record Measurement(
        String benchmark,
        String transport,
        long size,
        String waitStrategy,
        String mode,
        Metric primary,
        SortedMap<Double, Double> percentiles,
        Map<String, Metric> secondary) {

    /** The round-trip benchmark's name. */
    public static final String ROUND_TRIP = "RoundTrip";

    /** The throughput benchmark's name. */
    public static final String THROUGHPUT = "Throughput";

    /** The percentiles taken from SampleTime results. */
    private static final double[] PERCENTILES = {50.0, 90.0, 99.0, 99.9, 100.0};

    /**
     * One figure.
     *
     * @param error the 99.9% confidence half-width, NaN when unknown
     * @param unit JMH's unit, for example {@code us/op} or {@code ops/s}
     */
    public record Metric(double score, double error, String unit) {}

    public Measurement {
        Objects.requireNonNull(benchmark, "benchmark");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(primary, "primary");
        percentiles = Collections.unmodifiableSortedMap(new TreeMap<>(percentiles));
        secondary = Collections.unmodifiableMap(withOldNames(secondary));
    }

    /** The measurement of one JMH run result (the aggregate over its forks). */
    public static Measurement of(RunResult result) {
        var params = result.getParams();
        Result<?> primary = result.getPrimaryResult();
        SortedMap<Double, Double> percentiles = new TreeMap<>();
        if (params.getMode() == org.openjdk.jmh.annotations.Mode.SampleTime) {
            Statistics stats = primary.getStatistics();
            for (double p : PERCENTILES) {
                percentiles.put(p, stats.getPercentile(p));
            }
        }
        Map<String, Metric> secondary = new LinkedHashMap<>();
        result.getSecondaryResults()
                .forEach((label, r) ->
                        secondary.put(label, new Metric(r.getScore(), r.getScoreError(), r.getScoreUnit())));
        String size = params.getParam("size");
        return new Measurement(
                simpleName(params.getBenchmark()),
                params.getParam("transport"),
                size == null ? -1 : Long.parseLong(size),
                params.getParam("wait"),
                params.getMode().shortLabel(),
                new Metric(primary.getScore(), primary.getScoreError(), primary.getScoreUnit()),
                percentiles,
                secondary);
    }

    /**
     * The measurement of one element of JMH's JSON results, as parsed by {@link Json#parse}: the
     * primary metric, the percentiles from {@code primaryMetric.scorePercentiles} (SampleTime only)
     * and every secondary metric. JMH's {@code "NaN"} strings become NaN.
     *
     * @throws IllegalArgumentException saying what is missing when the element has no benchmark
     *     name, mode, primary metric, numeric score or unit, or a size that is not a number
     */
    public static Measurement fromJson(Map<?, ?> result) {
        if (!(result.get("benchmark") instanceof String benchmark)) {
            throw new IllegalArgumentException("no benchmark name");
        }
        if (!(result.get("mode") instanceof String mode)) {
            throw new IllegalArgumentException("no mode");
        }
        if (!(result.get("primaryMetric") instanceof Map<?, ?> primary)) {
            throw new IllegalArgumentException("no primaryMetric");
        }
        Metric primaryMetric = metricOf(primary, "primaryMetric");
        SortedMap<Double, Double> percentiles = new TreeMap<>();
        if ("sample".equals(mode) && primary.get("scorePercentiles") instanceof Map<?, ?> ps) {
            ps.forEach((p, v) -> {
                double value = jsonNumber(v);
                try {
                    double percentile = Double.parseDouble(String.valueOf(p));
                    if (!Double.isNaN(value) && !Double.isNaN(percentile)) {
                        percentiles.put(percentile, value);
                    }
                } catch (NumberFormatException ignored) {
                    // not a percentile key: leave it out
                }
            });
        }
        Map<String, Metric> secondary = new LinkedHashMap<>();
        if (result.get("secondaryMetrics") instanceof Map<?, ?> metrics) {
            metrics.forEach((label, m) -> {
                if (m instanceof Map<?, ?> metric && metric.get("scoreUnit") instanceof String unit) {
                    secondary.put(
                            String.valueOf(label),
                            new Metric(jsonNumber(metric.get("score")), jsonNumber(metric.get("scoreError")), unit));
                }
            });
        }
        Map<?, ?> params = result.get("params") instanceof Map<?, ?> p ? p : Map.of();
        long size = -1;
        if (params.get("size") instanceof String s) {
            try {
                size = Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("param size '" + s + "' is not a number of bytes");
            }
        }
        return new Measurement(
                simpleName(benchmark),
                params.get("transport") instanceof String t ? t : null,
                size,
                params.get("wait") instanceof String w ? w : null,
                mode,
                primaryMetric,
                percentiles,
                secondary);
    }

    private static Metric metricOf(Map<?, ?> metric, String what) {
        Object score = metric.get("score");
        if (!(score instanceof Number) && !(score instanceof String s && isNumber(s))) {
            throw new IllegalArgumentException(what + ".score is not a number: " + score);
        }
        if (!(metric.get("scoreUnit") instanceof String unit)) {
            throw new IllegalArgumentException("no " + what + ".scoreUnit");
        }
        return new Metric(jsonNumber(score), jsonNumber(metric.get("scoreError")), unit);
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** A number from JMH's JSON: a JSON number, or a string such as {@code "NaN"}; NaN otherwise. */
    static double jsonNumber(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof String s) {
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    /**
     * The simple benchmark name of a JMH benchmark method: {@code
     * dev.ipcbench.bench.RoundTripBenchmark.roundTrip} becomes {@code RoundTrip}.
     */
    public static String simpleName(String benchmarkMethod) {
        String cls = benchmarkMethod;
        int lastDot = cls.lastIndexOf('.');
        if (lastDot > 0) {
            cls = cls.substring(0, lastDot);
        }
        cls = cls.substring(cls.lastIndexOf('.') + 1);
        return cls.endsWith("Benchmark") && cls.length() > "Benchmark".length()
                ? cls.substring(0, cls.length() - "Benchmark".length())
                : cls;
    }

    /**
     * The throughput counters under the names the tables use: results from before the windowed
     * stream name them {@code messages}, {@code bytes}, {@code lost}; newer ones {@code
     * deliveredMessages}, {@code deliveredBytes}, {@code lostMessages}.
     */
    private static Map<String, Metric> withOldNames(Map<String, Metric> secondary) {
        Map<String, Metric> m = new LinkedHashMap<>(secondary);
        for (String[] names :
                new String[][] {{"deliveredMessages", "messages"}, {"deliveredBytes", "bytes"}, {"lostMessages", "lost"}
                }) {
            Metric metric = m.remove(names[0]);
            if (metric != null) {
                m.put(names[1], metric);
            }
        }
        return m;
    }

    /** A secondary figure's score, or NaN when there is none. */
    public double secondaryScore(String label) {
        Metric m = secondary.get(label);
        return m == null ? Double.NaN : m.score();
    }

    /**
     * A time per operation in microseconds, from a JMH unit such as {@code ns/op}, {@code us/op},
     * {@code ms/op} or {@code s/op}; NaN for other units.
     */
    public static double toMicros(double value, String unit) {
        String u = unit.toLowerCase(Locale.ROOT);
        int slash = u.indexOf('/');
        String time = slash < 0 ? u : u.substring(0, slash);
        return switch (time) {
            case "ns" -> value / 1e3;
            case "us", "\u00b5s" -> value;
            case "ms" -> value * 1e3;
            case "s" -> value * 1e6;
            case "min" -> value * 60e6;
            default -> Double.NaN;
        };
    }

    /**
     * A rate per second, from a JMH unit such as {@code ops/s}, {@code ops/ms} or {@code
     * ops/us}; NaN for other units.
     */
    public static double toPerSecond(double value, String unit) {
        String u = unit.toLowerCase(Locale.ROOT);
        int slash = u.indexOf('/');
        if (slash < 0) {
            return Double.NaN;
        }
        return switch (u.substring(slash + 1)) {
            case "s" -> value;
            case "ms" -> value * 1e3;
            case "us", "\u00b5s" -> value * 1e6;
            case "ns" -> value * 1e9;
            case "min" -> value / 60;
            default -> Double.NaN;
        };
    }
}
