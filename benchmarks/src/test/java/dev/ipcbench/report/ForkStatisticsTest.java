package dev.ipcbench.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;
import org.junit.jupiter.api.Test;

/** The statistics behind {@code compare}: the exact rank test, the fork bootstrap, histogram figures. */
class ForkStatisticsTest {

    @Test
    void theExactRankTestCountsEverySplit() {
        // Complete separation: 2 of the C(8, 4) = 70 splits are this extreme.
        assertEquals(2.0 / 70, MannWhitney.pValue(new double[] {1, 2, 3, 4}, new double[] {5, 6, 7, 8}), 1e-12);
        assertEquals(2.0 / 20, MannWhitney.pValue(new double[] {3, 2, 1}, new double[] {6, 4, 5}), 1e-12);
        // One swap from complete separation: 2 splits as extreme on each side.
        assertEquals(4.0 / 70, MannWhitney.pValue(new double[] {1, 2, 3, 5}, new double[] {4, 6, 7, 8}), 1e-12);
        assertEquals(1.0, MannWhitney.pValue(new double[] {1, 2, 3}, new double[] {1, 2, 3}), 1e-12);
        assertEquals(1.0, MannWhitney.pValue(new double[] {7}, new double[] {9}), 1e-12);
        assertTrue(Double.isNaN(MannWhitney.pValue(new double[0], new double[] {1})));
    }

    @Test
    void tiesAreCountedWithTheirMidRanks() {
        // All values equal: every split has the same rank sum.
        assertEquals(1.0, MannWhitney.pValue(new double[] {5, 5, 5}, new double[] {5, 5, 5, 5}), 1e-12);
        // x = {1, 2, 2}, y = {2, 3, 3}: mid-ranks 1, 3, 3 | 3, 5.5, 5.5, against every split listed.
        double p = MannWhitney.pValue(new double[] {1, 2, 2}, new double[] {2, 3, 3});
        assertEquals(bruteForce(new double[] {1, 2, 2}, new double[] {2, 3, 3}), p, 1e-12);
    }

    @Test
    void theExactTestAgreesWithBruteForceAndWithTheNormalApproximationWhenLarge() {
        SplittableRandom random = new SplittableRandom(7);
        for (int round = 0; round < 20; round++) {
            double[] x =
                    random.doubles(3 + round % 5).map(v -> Math.round(v * 10)).toArray();
            double[] y = random.doubles(4 + round % 4)
                    .map(v -> Math.round(v * 10) + 2)
                    .toArray();
            assertEquals(bruteForce(x, y), MannWhitney.pValue(x, y), 1e-12, "round " + round);
        }
        double[] x = random.doubles(25).toArray();
        double[] y = random.doubles(25).map(v -> v + 0.3).toArray();
        double exact = MannWhitney.pValue(x, y);
        double normal = new MannWhitneyUTest().mannWhitneyUTest(x, y);
        assertEquals(normal, exact, 0.01);
    }

    /** The two-sided p-value by listing every split of the pooled values. */
    private static double bruteForce(double[] x, double[] y) {
        int n = x.length + y.length;
        double[] all = new double[n];
        System.arraycopy(x, 0, all, 0, x.length);
        System.arraycopy(y, 0, all, x.length, y.length);
        double[] rank = new double[n];
        for (int i = 0; i < n; i++) {
            double below = 0;
            double equal = 0;
            for (double v : all) {
                below += v < all[i] ? 1 : 0;
                equal += v == all[i] ? 1 : 0;
            }
            rank[i] = below + (equal + 1) / 2;
        }
        double expected = x.length * (n + 1) / 2.0;
        double observed = 0;
        for (int i = 0; i < x.length; i++) {
            observed += rank[i];
        }
        double distance = Math.abs(observed - expected);
        int extreme = 0;
        int total = 0;
        for (int mask = 0; mask < 1 << n; mask++) {
            if (Integer.bitCount(mask) != x.length) {
                continue;
            }
            double sum = 0;
            for (int i = 0; i < n; i++) {
                if ((mask & 1 << i) != 0) {
                    sum += rank[i];
                }
            }
            total++;
            extreme += Math.abs(sum - expected) >= distance - 1e-9 ? 1 : 0;
        }
        return (double) extreme / total;
    }

    @Test
    void theSmallestPDecidesWhenForksAreTooFew() {
        assertEquals(1.0, MannWhitney.smallestP(1, 1));
        assertEquals(1.0 / 3, MannWhitney.smallestP(2, 2), 1e-12);
        assertEquals(0.1, MannWhitney.smallestP(3, 3), 1e-12);
        assertEquals(2.0 / 70, MannWhitney.smallestP(4, 4), 1e-12);
        assertEquals(2.0 / 35, MannWhitney.smallestP(3, 4), 1e-12);
        assertEquals(1.0, MannWhitney.smallestP(0, 5));
        assertEquals(4, MannWhitney.fewestPerSide(0.05));
        assertEquals(5, MannWhitney.fewestPerSide(0.01));
        assertEquals(4, Comparison.Test.U.fewestForks(0.05));
        assertEquals(2, Comparison.Test.WELCH.fewestForks(0.05));
        assertEquals(1.0, Comparison.Test.WELCH.smallestP(1, 5));
        assertEquals(0.0, Comparison.Test.WELCH.smallestP(2, 2));
    }

    @Test
    void theBootstrapIsReproducibleAndCoversTheCenter() {
        double[][] a = {{10, 11, 10.5}, {12, 12.5, 11.5}, {9, 9.5, 10}, {10, 10, 10.2}};
        double[][] b = {{20, 21}, {22, 19}, {21, 20.5}};

        ForkBootstrap.Intervals one = ForkBootstrap.of(a, b, 0.95, 42);
        ForkBootstrap.Intervals two = ForkBootstrap.of(a, b, 0.95, 42);

        assertArrayEquals(one.ratio(), two.ratio());
        assertArrayEquals(one.a(), two.a());
        double ca = ForkBootstrap.center(a);
        double cb = ForkBootstrap.center(b);
        assertTrue(one.a()[0] < ca && ca < one.a()[1]);
        assertTrue(one.b()[0] < cb && cb < one.b()[1]);
        assertTrue(one.ratio()[0] < cb / ca && cb / ca < one.ratio()[1]);
        assertTrue(one.ratio()[0] > 1.5, "a doubling stays a doubling: " + one.ratio()[0]);
        // Equal data, equal intervals for each side; the ratio still carries both sides' uncertainty.
        ForkBootstrap.Intervals self = ForkBootstrap.of(a, a, 0.95, 42);
        assertArrayEquals(self.a(), self.b());
        assertTrue(self.ratio()[0] < 1 && self.ratio()[1] > 1);
    }

    @Test
    void forkVariationWidensTheIntervalWhereIterationsAloneWouldNot() {
        // Tight iterations, forks far apart: pooling would call this precise; the forks say it is not.
        double[][] spread = {{10, 10.01, 9.99}, {14, 14.01, 13.99}, {10, 10.02, 9.98}, {14, 14, 14.01}};
        double[][] tight = {{12, 12.01, 11.99}, {12, 12.01, 11.99}, {12, 12.02, 11.98}, {12, 12, 12.01}};
        ForkBootstrap.Intervals in = ForkBootstrap.of(spread, tight, 0.95, 1);
        assertTrue(in.a()[1] - in.a()[0] > 1, "between-fork variation in the interval");
        assertTrue(in.b()[1] - in.b()[0] < 0.05);
    }

    @Test
    void histogramFiguresFollowTheCounts() {
        List<double[]> h =
                List.of(new double[] {1, 50}, new double[] {2, 40}, new double[] {10, 9}, new double[] {100, 1});
        assertEquals(1, ForkData.histogramPercentile(h, 50));
        assertEquals(2, ForkData.histogramPercentile(h, 51));
        assertEquals(10, ForkData.histogramPercentile(h, 99));
        assertEquals(100, ForkData.histogramPercentile(h, 99.5));
        assertEquals((50 + 80 + 90 + 100) / 100.0, ForkData.histogramMean(h), 1e-12);
        assertTrue(Double.isNaN(ForkData.histogramPercentile(List.of(), 50)));
    }
}
