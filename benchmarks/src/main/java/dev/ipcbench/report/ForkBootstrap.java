package dev.ipcbench.report;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A hierarchical (cluster) bootstrap over JMH's two levels: each resample draws a side's forks with
 * replacement, then within each drawn fork its iterations with replacement, and takes the mean over
 * forks of the mean over iterations. So the interval carries the variation between forks, which
 * pooling iterations would hide, and the variation within them. The two sides are resampled
 * independently; the interval of B/A is the percentile interval of the resampled ratios. A fixed
 * seed makes the output reproducible.
 *
 * <p>With few forks the interval is too narrow rather than too wide: a bootstrap cannot show more
 * fork-to-fork variation than the forks it has. Verdicts come from the rank test, not from it.
 */
final class ForkBootstrap {

    /** Resamples per interval. */
    static final int RESAMPLES = 4000;

    private ForkBootstrap() {}

    /**
     * Intervals at {@code level}: of A's center, B's center, and B/A. Each side's own interval is drawn
     * with {@code seed} alone, so equal data give equal intervals; for the ratio B is drawn again from
     * a stream of its own, independent of A's.
     *
     * @param a A's values, per fork, per iteration; forks with no values are not allowed
     * @param seed the random seed
     */
    static Intervals of(double[][] a, double[][] b, double level, long seed) {
        double[] ra = resamples(a, new SplittableRandom(seed));
        double[] rb = resamples(b, new SplittableRandom(seed));
        double[] rb2 = resamples(b, new SplittableRandom(seed).split());
        double[] ratio = new double[RESAMPLES];
        for (int i = 0; i < RESAMPLES; i++) {
            ratio[i] = rb2[i] / ra[i];
        }
        return new Intervals(interval(ra, level), interval(rb, level), interval(ratio, level));
    }

    private static double[] resamples(double[][] forks, SplittableRandom random) {
        double[] r = new double[RESAMPLES];
        for (int i = 0; i < RESAMPLES; i++) {
            r[i] = resample(forks, random);
        }
        return r;
    }

    /** The center of one side: the mean over forks of each fork's mean over its iterations. */
    static double center(double[][] forks) {
        double sum = 0;
        for (double[] f : forks) {
            sum += mean(f);
        }
        return sum / forks.length;
    }

    static double mean(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s / values.length;
    }

    private static double resample(double[][] forks, SplittableRandom random) {
        double sum = 0;
        for (int i = 0; i < forks.length; i++) {
            double[] fork = forks[random.nextInt(forks.length)];
            double s = 0;
            for (int j = 0; j < fork.length; j++) {
                s += fork[random.nextInt(fork.length)];
            }
            sum += s / fork.length;
        }
        return sum / forks.length;
    }

    private static double[] interval(double[] values, double level) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double tail = (1 - level) / 2;
        return new double[] {quantile(sorted, tail), quantile(sorted, 1 - tail)};
    }

    private static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }

    /** The intervals as {@code {low, high}} pairs. */
    record Intervals(double[] a, double[] b, double[] ratio) {}
}
