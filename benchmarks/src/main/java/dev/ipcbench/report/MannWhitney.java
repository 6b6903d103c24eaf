package dev.ipcbench.report;

import java.util.Arrays;
import java.util.Comparator;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.util.CombinatoricsUtils;

/**
 * The Mann-Whitney U test (Wilcoxon rank-sum), two-sided. Exact for up to {@value #EXACT_LIMIT}
 * values in all: the p-value counts, among every way of splitting the pooled values into groups of
 * the two sizes, those whose rank sum lies at least as far from its expectation as the one observed;
 * tied values share their mean rank, and the count is made with those very ranks, so ties are
 * exact too. Beyond that, the normal approximation with the tie correction.
 */
final class MannWhitney {

    /** The most values (both samples) the exact distribution is counted for. */
    static final int EXACT_LIMIT = 60;

    private MannWhitney() {}

    /** The two-sided p-value of x against y; NaN when a sample is empty. */
    static double pValue(double[] x, double[] y) {
        int n1 = x.length;
        int n2 = y.length;
        if (n1 == 0 || n2 == 0) {
            return Double.NaN;
        }
        int n = n1 + n2;
        double[] all = new double[n];
        System.arraycopy(x, 0, all, 0, n1);
        System.arraycopy(y, 0, all, n1, n2);
        Integer[] order = new Integer[n];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble(i -> all[i]));
        // Doubled mid-ranks, so that ties (rank 2.5) stay whole numbers (5).
        int[] doubled = new int[n];
        double tieTerm = 0;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j + 1 < n && all[order[j + 1]] == all[order[i]]) {
                j++;
            }
            int rank2 = i + j + 2;
            for (int k = i; k <= j; k++) {
                doubled[order[k]] = rank2;
            }
            double t = j - i + 1;
            tieTerm += t * t * t - t;
            i = j + 1;
        }
        long observed = 0;
        for (int i = 0; i < n1; i++) {
            observed += doubled[i];
        }
        long expected = (long) n1 * (n + 1);
        if (n <= EXACT_LIMIT) {
            return exact(doubled, n1, Math.abs(observed - expected), expected);
        }
        double u = observed / 2.0 - n1 * (n1 + 1) / 2.0;
        double mu = n1 * (double) n2 / 2;
        double variance = n1 * (double) n2 / 12 * ((n + 1) - tieTerm / ((double) n * (n - 1)));
        if (variance <= 0) {
            return 1;
        }
        double z = Math.max(0, Math.abs(u - mu) - 0.5) / Math.sqrt(variance);
        return Math.min(1, 2 * new NormalDistribution().cumulativeProbability(-z));
    }

    /** P(|S - expected| >= distance) for S the sum of n1 of the doubled ranks drawn without order. */
    private static double exact(int[] doubled, int n1, long distance, long expected) {
        int max = Arrays.stream(doubled).sum();
        // ways[j][s]: how many sets of j ranks seen so far sum to s.
        double[][] ways = new double[n1 + 1][max + 1];
        ways[0][0] = 1;
        int seen = 0;
        for (int r : doubled) {
            seen += r;
            for (int j = n1; j >= 1; j--) {
                double[] to = ways[j];
                double[] from = ways[j - 1];
                for (int s = seen; s >= r; s--) {
                    to[s] += from[s - r];
                }
            }
        }
        double total = 0;
        double extreme = 0;
        for (int s = 0; s <= max; s++) {
            double w = ways[n1][s];
            total += w;
            if (Math.abs(s - expected) >= distance) {
                extreme += w;
            }
        }
        return Math.min(1, extreme / total);
    }

    /**
     * The smallest two-sided p-value the test can give with samples of these sizes (when no value
     * is tied): the two most extreme splits out of all of them. 1 when a sample is empty.
     */
    static double smallestP(int n1, int n2) {
        if (n1 <= 0 || n2 <= 0) {
            return 1;
        }
        return Math.min(1, 2 / CombinatoricsUtils.binomialCoefficientDouble(n1 + n2, n1));
    }

    /** The fewest values per sample, the same on both sides, with which the test can give p < alpha. */
    static int fewestPerSide(double alpha) {
        int k = 1;
        while (smallestP(k, k) >= alpha && k < 1000) {
            k++;
        }
        return k;
    }
}
