package dev.ipcbench.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The results a run has reason to doubt, and why. A result is flagged when
 *
 * <ul>
 *   <li>{@code iterations}: its measurement iterations disagree (coefficient of variation over
 *       {@value #ITERATION_CV}; per-iteration medians for SampleTime, so that a few outliers do not
 *       count twice);
 *   <li>{@code forks}: its forks disagree (the slowest fork's central value more than {@value
 *       #FORK_RATIO} times the fastest's);
 *   <li>{@code mean}: its mean is more than {@value #MEAN_OVER_MEDIAN} times its median (a few slow
 *       operations decide the mean: rank by the median);
 *   <li>{@code error}: JMH's 99.9 % error is more than {@value #ERROR_SHARE} of the score;
 *   <li>{@code busy} / {@code steal}: while it ran, other processes used more than {@value
 *       #OTHERS_CPU} of the CPUs, or the hypervisor took more than {@value #STEAL} of them;
 *   <li>{@code regime}: the native reference of its mechanism measured at the start and at the end
 *       of the run differs by more than {@value #REGIME_RATIO} times: the machine changed its speed
 *       during the run (cross-core wake-ups on virtual machines drift between regimes).
 * </ul>
 *
 * Thresholds are set so that a quiet two-CPU virtual machine raises few flags and a loaded one
 * raises many; they are guides, not tests.
 */
public final class NoiseFlags {

    static final double ITERATION_CV = 0.15;
    static final double FORK_RATIO = 1.25;
    static final double MEAN_OVER_MEDIAN = 2.0;
    static final double ERROR_SHARE = 0.5;
    static final double OTHERS_CPU = 0.10;
    static final double STEAL = 0.05;
    static final double REGIME_RATIO = 1.35;

    /** What to do about flagged results, for the end of a run and the report. */
    public static final String ADVICE = "To trust them: measure on a quieter machine (nothing else running, no "
            + "noisy neighbours), with more forks (--full, or -- -f 5), and compare medians, not means.";

    private NoiseFlags() {}

    /** Every flag of the results in {@code f}. */
    public static List<EnvironmentFile.Flag> of(Figures f) {
        List<EnvironmentFile.Flag> flags = new ArrayList<>();
        List<EnvironmentFile.Load> load =
                f.results().environment().map(EnvironmentFile::load).orElse(List.of());
        for (JmhResult r : f.measured()) {
            perResult(r, flags);
            load.stream()
                    .filter(l -> r.simpleName().equals(l.benchmark())
                            && r.param("transport").equals(l.transport())
                            && Row.of(l.transport(), l.waitStrategy())
                                    .waitStrategy()
                                    .equals(r.row().waitStrategy()))
                    .findFirst()
                    .ifPresent(l -> busy(r, l, flags));
        }
        f.nativeReference().ifPresent(n -> regime(f, n, flags));
        return flags;
    }

    private static void perResult(JmhResult r, List<EnvironmentFile.Flag> flags) {
        double[] iterations = centralValues(r);
        if (iterations.length >= 3) {
            double cv = cv(iterations);
            if (cv > ITERATION_CV) {
                flags.add(flag(
                        "iterations",
                        r,
                        String.format(
                                Locale.ROOT,
                                "its %d measurement iterations vary by %.0f%% (coefficient of variation)",
                                iterations.length,
                                100 * cv)));
            }
        }
        double[] forks = forkValues(r);
        if (forks.length >= 2) {
            double min = Arrays.stream(forks).min().orElse(Double.NaN);
            double max = Arrays.stream(forks).max().orElse(Double.NaN);
            if (min > 0 && max / min > FORK_RATIO) {
                flags.add(flag(
                        "forks",
                        r,
                        String.format(
                                Locale.ROOT,
                                "its %d forks disagree: from %s to %s %s",
                                forks.length,
                                Formats.number(min),
                                Formats.number(max),
                                r.primaryMetric().scoreUnit())));
            }
        }
        double p50 = r.primaryMetric().percentile(50.0);
        double mean = r.primaryMetric().value();
        if (Figures.SAMPLE.equals(r.mode()) && p50 > 0 && mean / p50 > MEAN_OVER_MEDIAN) {
            flags.add(flag(
                    "mean",
                    r,
                    String.format(
                            Locale.ROOT,
                            "its mean %s is %.1f times its median %s %s: a few slow operations decide the mean",
                            Formats.number(mean),
                            mean / p50,
                            Formats.number(p50),
                            r.primaryMetric().scoreUnit())));
        }
        double error = r.primaryMetric().error();
        if (Double.isFinite(error) && mean > 0 && error / mean > ERROR_SHARE) {
            flags.add(flag(
                    "error",
                    r,
                    String.format(Locale.ROOT, "JMH's 99.9%% error is %.0f%% of the score", 100 * error / mean)));
        }
    }

    private static void busy(JmhResult r, EnvironmentFile.Load l, List<EnvironmentFile.Flag> flags) {
        if (l.othersCpu() > OTHERS_CPU) {
            flags.add(flag(
                    "busy",
                    r,
                    String.format(
                            Locale.ROOT,
                            "other processes used %.0f%% of the CPUs while it ran (load average %.2f before, %.2f after)",
                            100 * l.othersCpu(),
                            l.loadBefore(),
                            l.loadAfter())));
        }
        if (l.steal() > STEAL) {
            flags.add(flag(
                    "steal",
                    r,
                    String.format(
                            Locale.ROOT,
                            "the hypervisor took %.0f%% of the CPUs while it ran (steal time)",
                            100 * l.steal())));
        }
    }

    /** Java results whose mechanism's C reference changed between the start and the end of the run. */
    private static void regime(Figures f, NativeFile n, List<EnvironmentFile.Flag> flags) {
        for (JmhResult r : f.measured()) {
            Optional<Figures.Reference> ref = f.reference(r);
            if (ref.isEmpty() || !ref.get().changed()) {
                continue;
            }
            Figures.Reference c = ref.get();
            flags.add(flag(
                    "regime",
                    r,
                    String.format(
                            Locale.ROOT,
                            "the C reference of its mechanism (%s) measured %s at the start of the run and %s at the end: "
                                    + "the machine changed its speed while the run went on",
                            c.mech(),
                            Formats.number(c.start()),
                            Formats.number(c.end()))));
        }
    }

    private static EnvironmentFile.Flag flag(String kind, JmhResult r, String reason) {
        return new EnvironmentFile.Flag(
                kind, r.simpleName(), r.mode(), r.param("transport"), r.row().waitStrategy(), r.size(), reason);
    }

    /**
     * One value per measurement iteration: JMH's raw scores, or for SampleTime each iteration's
     * median.
     */
    static double[] centralValues(JmhResult r) {
        List<List<List<double[]>>> histograms = r.primaryMetric().rawDataHistogram();
        if (histograms != null) {
            List<Double> medians = new ArrayList<>();
            histograms.forEach(fork -> fork.forEach(it -> {
                double m = median(it);
                if (Double.isFinite(m)) {
                    medians.add(m);
                }
            }));
            return medians.stream().mapToDouble(Double::doubleValue).toArray();
        }
        return r.samples();
    }

    /** One central value per fork: the mean of its iterations' values (medians for SampleTime). */
    static double[] forkValues(JmhResult r) {
        List<Double> values = new ArrayList<>();
        List<List<List<double[]>>> histograms = r.primaryMetric().rawDataHistogram();
        if (histograms != null) {
            for (List<List<double[]>> fork : histograms) {
                double[] m = fork.stream()
                        .mapToDouble(NoiseFlags::median)
                        .filter(Double::isFinite)
                        .toArray();
                if (m.length > 0) {
                    values.add(Arrays.stream(m).average().orElse(Double.NaN));
                }
            }
        } else if (r.primaryMetric().rawData() != null) {
            for (List<Double> fork : r.primaryMetric().rawData()) {
                double[] v = fork.stream()
                        .filter(x -> x != null && Double.isFinite(x))
                        .mapToDouble(Double::doubleValue)
                        .toArray();
                if (v.length > 0) {
                    values.add(Arrays.stream(v).average().orElse(Double.NaN));
                }
            }
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The median of a histogram of ascending {@code [value, count]} pairs, NaN when empty. */
    static double median(List<double[]> pairs) {
        double count = 0;
        for (double[] vc : pairs) {
            count += vc.length == 2 ? vc[1] : 0;
        }
        double half = count / 2;
        double seen = 0;
        for (double[] vc : pairs) {
            if (vc.length != 2) {
                continue;
            }
            seen += vc[1];
            if (seen >= half && count > 0) {
                return vc[0];
            }
        }
        return Double.NaN;
    }

    private static double cv(double[] v) {
        double mean = Arrays.stream(v).average().orElse(Double.NaN);
        double var = Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / (v.length - 1);
        return mean == 0 ? Double.NaN : Math.sqrt(var) / Math.abs(mean);
    }
}
