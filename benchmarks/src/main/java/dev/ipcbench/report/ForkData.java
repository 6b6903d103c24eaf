package dev.ipcbench.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A result's measurements arranged as JMH made them: one array per fork, one value per measurement
 * iteration. For {@code avgt}, {@code thrpt} and {@code ss} the value is the iteration's score
 * ({@code primaryMetric.rawData}); for {@code sample} it is the mean, p50 or p99 of the iteration's
 * histogram ({@code primaryMetric.rawDataHistogram}, put back from {@code jmh-histograms.hlog} by
 * {@link ResultsFolder}). Forks without a usable value are left out.
 */
final class ForkData {

    private ForkData() {}

    /** The statistics a result can be compared on: the mean always, percentiles when it has histograms. */
    static List<Comparison.Statistic> statistics(JmhResult r) {
        if (r.primaryMetric().rawData() == null && r.primaryMetric().rawDataHistogram() != null) {
            return List.of(Comparison.Statistic.MEAN, Comparison.Statistic.P50, Comparison.Statistic.P99);
        }
        return List.of(Comparison.Statistic.MEAN);
    }

    /** The values of {@code statistic}, per fork and iteration, multiplied by {@code scale}. */
    static double[][] of(JmhResult r, Comparison.Statistic statistic, double scale) {
        JmhResult.Metric m = r.primaryMetric();
        List<double[]> forks = new ArrayList<>();
        if (m.rawData() != null) {
            if (statistic == Comparison.Statistic.MEAN) {
                for (List<Double> fork : m.rawData()) {
                    forks.add(
                            fork == null
                                    ? new double[0]
                                    : fork.stream()
                                            .filter(v -> v != null && Double.isFinite(v))
                                            .mapToDouble(v -> v * scale)
                                            .toArray());
                }
            }
        } else if (m.rawDataHistogram() != null) {
            for (List<List<double[]>> fork : m.rawDataHistogram()) {
                List<Double> values = new ArrayList<>();
                for (List<double[]> iteration : fork == null ? List.<List<double[]>>of() : fork) {
                    double v = statistic.of(iteration);
                    if (Double.isFinite(v)) {
                        values.add(v * scale);
                    }
                }
                forks.add(values.stream().mapToDouble(Double::doubleValue).toArray());
            }
        }
        return forks.stream().filter(f -> f.length > 0).toArray(double[][]::new);
    }

    /** The mean of a histogram given as {@code [value, count]} pairs; NaN when it is empty. */
    static double histogramMean(List<double[]> pairs) {
        double sum = 0;
        double count = 0;
        for (double[] vc : pairs) {
            if (vc.length == 2 && vc[1] > 0) {
                sum += vc[0] * vc[1];
                count += vc[1];
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    /**
     * A percentile (0 to 100) of a histogram given as {@code [value, count]} pairs in ascending
     * order: the smallest value with at least that share of the counts at or below it; NaN when
     * it is empty.
     */
    static double histogramPercentile(List<double[]> pairs, double percentile) {
        double count = 0;
        for (double[] vc : pairs) {
            if (vc.length == 2 && vc[1] > 0) {
                count += vc[1];
            }
        }
        if (count == 0) {
            return Double.NaN;
        }
        double rank = Math.max(1, Math.ceil(percentile / 100 * count));
        double seen = 0;
        double last = Double.NaN;
        for (double[] vc : pairs) {
            if (vc.length == 2 && vc[1] > 0) {
                seen += vc[1];
                last = vc[0];
                if (seen >= rank) {
                    return vc[0];
                }
            }
        }
        return last;
    }
}
