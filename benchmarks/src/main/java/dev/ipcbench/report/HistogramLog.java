package dev.ipcbench.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.HdrHistogram.HistogramLogReader;
import org.HdrHistogram.HistogramLogWriter;

/**
 * The SampleTime histograms of a {@code jmh.json} ({@code primaryMetric.rawDataHistogram}) kept
 * beside it in HdrHistogram's log format: one compressed histogram per result, fork and iteration,
 * tagged {@code r<result>.f<fork>.i<iteration>} (the result's index in the JSON array), values in
 * nanoseconds. A result moves there only when the move is exact: every value converts to whole
 * nanoseconds and back to the very same double, and each lands on its own HdrHistogram bucket;
 * otherwise its histograms stay in the JSON. So reading gives the JSON JMH wrote, bit for bit.
 */
final class HistogramLog {

    /** Suffix of the log beside a JMH JSON file: {@code jmh.json} has {@code jmh-histograms.hlog}. */
    static final String SUFFIX = "-histograms.hlog";

    private static final int SIGNIFICANT_DIGITS = 3;
    private static final Pattern TAG = Pattern.compile("r(\\d+)\\.f(\\d+)\\.i(\\d+)");

    private HistogramLog() {}

    /** The log that belongs beside {@code jmhJson}. */
    static Path beside(Path jmhJson) {
        String name = jmhJson.getFileName().toString();
        String stem = name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
        return jmhJson.resolveSibling(stem + SUFFIX);
    }

    /**
     * Writes the histograms of {@code results} that move exactly to {@code out}.
     *
     * @return the results, those whose histograms were written now without them
     */
    static List<JmhResult> write(List<JmhResult> results, OutputStream out) {
        PrintStream ps = new PrintStream(out, false, StandardCharsets.US_ASCII);
        HistogramLogWriter writer = new HistogramLogWriter(ps);
        writer.outputComment("SampleTime histograms of jmh.json (primaryMetric.rawDataHistogram), in ns;"
                + " tag r<result index>.f<fork>.i<iteration>");
        writer.outputLegend();
        List<JmhResult> rest = new ArrayList<>();
        for (int r = 0; r < results.size(); r++) {
            JmhResult result = results.get(r);
            List<List<List<double[]>>> forks = result.primaryMetric().rawDataHistogram();
            double nanos = result.primaryMetric().scoreUnit() == null
                    ? Double.NaN
                    : Units.nanosPerUnit(result.primaryMetric().scoreUnit());
            List<Histogram> encoded = forks == null || Double.isNaN(nanos) ? null : encode(r, forks, nanos);
            if (encoded == null) {
                rest.add(result);
                continue;
            }
            encoded.forEach(h -> writer.outputIntervalHistogram(h));
            rest.add(result.withHistograms(null));
        }
        ps.flush();
        return rest;
    }

    /** The histograms of one result, or {@code null} when a value would not come back exactly. */
    private static List<Histogram> encode(int result, List<List<List<double[]>>> forks, double nanos) {
        List<Histogram> list = new ArrayList<>();
        for (int f = 0; f < forks.size(); f++) {
            for (int i = 0; i < forks.get(f).size(); i++) {
                Histogram h = new Histogram(SIGNIFICANT_DIGITS);
                long previous = -1;
                for (double[] pair : forks.get(f).get(i)) {
                    long n = Math.round(pair[0] * nanos);
                    long count = (long) pair[1];
                    if (n < 0 || value(n, nanos) != pair[0] || count != pair[1] || count < 1) {
                        return null;
                    }
                    if (n <= previous) {
                        return null; // not ascending: two values could share a bucket
                    }
                    previous = n;
                    h.recordValueWithCount(n, count);
                    if (h.lowestEquivalentValue(n) != n) {
                        return null;
                    }
                }
                h.setTag("r" + result + ".f" + f + ".i" + i);
                h.setStartTimeStamp(1000L * i);
                h.setEndTimeStamp(1000L * (i + 1));
                list.add(h);
            }
        }
        return list;
    }

    /** A value in nanoseconds in the unit, computed as JMH computes it. */
    private static double value(long n, double nanos) {
        return n * (1.0 / nanos);
    }

    /**
     * Puts the histograms of {@code log} back into {@code results}.
     *
     * @throws IOException when the log cannot be read
     * @throws IllegalArgumentException when a tag names no SampleTime result without histograms
     */
    static List<JmhResult> read(List<JmhResult> results, InputStream log) throws IOException {
        Map<Integer, TreeMap<Integer, TreeMap<Integer, Histogram>>> byResult = new TreeMap<>();
        HistogramLogReader reader = new HistogramLogReader(log);
        EncodableHistogram e;
        while ((e = reader.nextIntervalHistogram()) != null) {
            Matcher m = TAG.matcher(String.valueOf(e.getTag()));
            if (!(e instanceof Histogram h) || !m.matches()) {
                throw new IllegalArgumentException(
                        "a histogram without a tag r<result>.f<fork>.i<iteration>: " + e.getTag());
            }
            byResult.computeIfAbsent(Integer.parseInt(m.group(1)), k -> new TreeMap<>())
                    .computeIfAbsent(Integer.parseInt(m.group(2)), k -> new TreeMap<>())
                    .put(Integer.parseInt(m.group(3)), h);
        }
        List<JmhResult> merged = new ArrayList<>(results);
        for (var entry : byResult.entrySet()) {
            int r = entry.getKey();
            if (r >= results.size() || results.get(r).primaryMetric().rawDataHistogram() != null) {
                throw new IllegalArgumentException(
                        "histograms for result " + r + ", which does not exist or already has histograms");
            }
            double nanos = Units.nanosPerUnit(results.get(r).primaryMetric().scoreUnit());
            List<List<List<double[]>>> forks = new ArrayList<>();
            for (TreeMap<Integer, Histogram> iterations : entry.getValue().values()) {
                List<List<double[]>> fork = new ArrayList<>();
                for (Histogram h : iterations.values()) {
                    List<double[]> pairs = new ArrayList<>();
                    for (HistogramIterationValue v : h.recordedValues()) {
                        long n = h.lowestEquivalentValue(v.getValueIteratedTo());
                        pairs.add(new double[] {value(n, nanos), v.getCountAtValueIteratedTo()});
                    }
                    fork.add(pairs);
                }
                forks.add(fork);
            }
            merged.set(r, results.get(r).withHistograms(forks));
        }
        return merged;
    }
}
