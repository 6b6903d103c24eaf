package dev.ipcbench.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.inference.TTest;

/**
 * Two runs compared result by result, independent of how the comparison is shown. Results match
 * when their benchmark method, mode and every parameter (but those ignored) are equal. The unit of
 * replication is the JMH fork, never the iteration: each fork is summarised by the mean of its
 * measurement iterations' values (the score, or for SampleTime the iteration histogram's mean, p50
 * or p99, each a row), a rank test on those fork summaries gives the verdict, and a hierarchical
 * bootstrap (forks, then iterations within forks) gives the interval of the change. With too few
 * forks for the test ever to reach significance the row says so instead of "no change". Machine,
 * JDK and setting differences that can change results are listed, and a regression gate says
 * whether B may pass.
 */
public final class Comparison {

    /** The default significance level. */
    public static final double DEFAULT_ALPHA = 0.05;

    /** The test applied to the fork summaries. */
    public enum Test {
        /** Mann-Whitney U, exact for small samples: no assumption about the shape of fork-to-fork variation. */
        U("Mann-Whitney U test (exact, two-sided)"),
        /** Welch's t-test: assumes fork summaries vary normally; works from 2 forks a side. */
        WELCH("Welch's t-test (two-sided)");

        private final String label;

        Test(String label) {
            this.label = label;
        }

        /** The test's name as printed. */
        public String label() {
            return label;
        }

        /** The two-sided p-value of fork summaries {@code a} against {@code b}; NaN when it cannot be computed. */
        double pValue(double[] a, double[] b) {
            return this == U ? MannWhitney.pValue(a, b) : welch(a, b);
        }

        /** The smallest p-value the test can give with these numbers of forks. */
        public double smallestP(int forksA, int forksB) {
            if (this == U) {
                return MannWhitney.smallestP(forksA, forksB);
            }
            return forksA >= 2 && forksB >= 2 ? 0 : 1;
        }

        /** The fewest forks, the same on both sides, with which the test can reach p < alpha. */
        public int fewestForks(double alpha) {
            return this == U ? MannWhitney.fewestPerSide(alpha) : 2;
        }
    }

    /** What is compared of a result: its score's mean, or a percentile of its SampleTime histograms. */
    public enum Statistic {
        MEAN("mean", Double.NaN),
        P50("p50", 50),
        P99("p99", 99);

        private final String label;
        private final double percentile;

        Statistic(String label, double percentile) {
            this.label = label;
            this.percentile = percentile;
        }

        /** The statistic as printed. */
        public String label() {
            return label;
        }

        /** This statistic of one iteration's histogram ({@code [value, count]} pairs, ascending). */
        double of(List<double[]> histogram) {
            return this == MEAN
                    ? ForkData.histogramMean(histogram)
                    : ForkData.histogramPercentile(histogram, percentile);
        }
    }

    /** What a comparison concludes for one row. */
    public enum Verdict {
        /** B is significantly better: less time per operation, or more operations per time. */
        FASTER("faster"),
        /** B is significantly worse. */
        SLOWER("slower"),
        /** The test does not reject equality at the chosen alpha. */
        NO_CHANGE("~"),
        /** Too few forks for the test ever to reach p < alpha: no verdict can be given. */
        TOO_FEW("~ too few forks"),
        /** The two scores have units that cannot be converted into each other. */
        INCOMPARABLE("units differ");

        private final String label;

        Verdict(String label) {
            this.label = label;
        }

        /** The verdict as printed. */
        public String label() {
            return label;
        }

        /** Whether the test found a difference. */
        public boolean significant() {
            return this == FASTER || this == SLOWER;
        }
    }

    /**
     * How to compare.
     *
     * @param alpha the significance level, between 0 and 1 exclusive; intervals are at 1 - alpha
     * @param ignoredParams parameters left out when results are matched (for example {@code wait}, to
     *     compare {@code shm (spin)} in A with {@code shm (park)} in B)
     */
    public record Options(double alpha, Test test, Set<String> ignoredParams) {

        public Options {
            if (!(alpha > 0 && alpha < 1)) {
                throw new IllegalArgumentException("alpha must be between 0 and 1, not " + alpha);
            }
            Objects.requireNonNull(test, "test");
            ignoredParams =
                    Collections.unmodifiableSortedSet(new TreeSet<>(ignoredParams == null ? Set.of() : ignoredParams));
        }

        /** The defaults: alpha 0.05, the U test, every parameter matched. */
        public static Options defaults() {
            return new Options(DEFAULT_ALPHA, Test.U, Set.of());
        }

        /** These options at another alpha. */
        public Options withAlpha(double a) {
            return new Options(a, test, ignoredParams);
        }
    }

    /**
     * One side of a row.
     *
     * @param center the mean over forks of each fork's mean over its iterations (JMH's score when the
     *     forks have equal iterations); the JMH score when there are no per-iteration data
     * @param low the interval's lower end, NaN with fewer than 2 forks
     * @param forks how many forks had values
     * @param iterations how many iterations, over all forks
     */
    public record Estimate(double center, double low, double high, int forks, int iterations) {

        /** The interval's half-width in percent of the center (the larger side), NaN when unknown. */
        public double spreadPercent() {
            if (!Double.isFinite(low) || !Double.isFinite(high) || center == 0) {
                return Double.NaN;
            }
            return Math.max(high - center, center - low) / Math.abs(center) * 100;
        }
    }

    /**
     * One statistic of one result present in both runs.
     *
     * @param unit A's unit; B's values are converted into it
     * @param higherIsBetter whether a higher value is better (throughput) or worse (time per op)
     * @param ratio B's center / A's center
     * @param ratioLow the lower end of the bootstrap interval of the ratio, NaN when unknown
     * @param pValue the test's two-sided p-value on the fork summaries, NaN when not tested
     * @param smallestP the smallest p-value the test could have given with these forks
     */
    public record Row(
            JmhResult a,
            JmhResult b,
            Map<String, String> params,
            Statistic statistic,
            String unit,
            boolean higherIsBetter,
            Estimate estimateA,
            Estimate estimateB,
            double ratio,
            double ratioLow,
            double ratioHigh,
            double pValue,
            double smallestP,
            Verdict verdict) {

        /** How much the metric grew from A to B, in percent of A: positive when B's number is larger. */
        public double change() {
            return (ratio - 1) * 100;
        }

        /** The lower end of the change's interval, in percent, NaN when unknown. */
        public double changeLow() {
            return (ratioLow - 1) * 100;
        }

        /** The upper end of the change's interval, in percent, NaN when unknown. */
        public double changeHigh() {
            return (ratioHigh - 1) * 100;
        }

        /** The forks of both sides as {@code 5+5}. */
        public String forks() {
            return estimateA.forks() + "+" + estimateB.forks();
        }

        /** Whether B is significantly slower than A and its metric moved by more than {@code percent} percent of A. */
        public boolean regression(double percent) {
            return verdict == Verdict.SLOWER && Math.abs(change()) > percent;
        }

        /** Whether the gate cannot judge this row (too few forks, or units that do not convert). */
        public boolean unjudged() {
            return verdict == Verdict.TOO_FEW || verdict == Verdict.INCOMPARABLE;
        }
    }

    /** A fact that differs between the runs. */
    public record Difference(String what, String a, String b) {}

    /**
     * The geometric mean of B/A over the matched results of one benchmark and mode (their means).
     *
     * @param higherIsBetter whether a ratio above 1 is better (throughput)
     */
    public record Geomean(String benchmark, String mode, boolean higherIsBetter, int results, double ratio) {}

    /**
     * The regression gate's answer.
     *
     * @param percent the threshold
     * @param regressions rows significantly slower by more than the threshold
     * @param unjudged rows the test cannot judge
     * @param reasons why the gate fails; empty when it passes
     */
    public record Gate(double percent, List<Row> regressions, List<Row> unjudged, List<String> reasons) {

        /** Whether B passes. */
        public boolean passed() {
            return reasons.isEmpty();
        }
    }

    private final ResultsFolder a;
    private final ResultsFolder b;
    private final Options options;
    private final List<Row> rows;
    private final List<JmhResult> onlyA;
    private final List<JmhResult> onlyB;
    private final List<Difference> differences;
    private final List<String> notes;

    private Comparison(
            ResultsFolder a,
            ResultsFolder b,
            Options options,
            List<Row> rows,
            List<JmhResult> onlyA,
            List<JmhResult> onlyB,
            List<Difference> differences,
            List<String> notes) {
        this.a = a;
        this.b = b;
        this.options = options;
        this.rows = List.copyOf(rows);
        this.onlyA = List.copyOf(onlyA);
        this.onlyB = List.copyOf(onlyB);
        this.differences = List.copyOf(differences);
        this.notes = List.copyOf(notes);
    }

    /** Compares run B against run A with the default test, every parameter matched, at {@code alpha}. */
    public static Comparison of(ResultsFolder a, ResultsFolder b, double alpha) {
        return of(a, b, Options.defaults().withAlpha(alpha));
    }

    /** Compares run B against run A. */
    public static Comparison of(ResultsFolder a, ResultsFolder b, Options options) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        Objects.requireNonNull(options, "options");
        List<String> notes = new ArrayList<>();
        Map<JmhResult.Key, JmhResult> byKeyA = index(a, "A", options.ignoredParams(), notes);
        Map<JmhResult.Key, JmhResult> byKeyB = index(b, "B", options.ignoredParams(), notes);
        List<Row> rows = new ArrayList<>();
        List<JmhResult> onlyA = new ArrayList<>();
        byKeyA.forEach((key, ra) -> {
            JmhResult rb = byKeyB.get(key);
            if (rb == null) {
                onlyA.add(ra);
            } else {
                rows.addAll(compare(ra, rb, options));
            }
        });
        List<JmhResult> onlyB = byKeyB.entrySet().stream()
                .filter(e -> !byKeyA.containsKey(e.getKey()))
                .map(Map.Entry::getValue)
                .toList();
        List<Difference> differences = RunDifferences.of(a, b, notes);
        return new Comparison(a, b, options, rows, onlyA, onlyB, differences, notes);
    }

    private static JmhResult.Key key(JmhResult r, Set<String> ignored) {
        SortedMap<String, String> params = new TreeMap<>(r.params());
        params.keySet().removeAll(ignored);
        return new JmhResult.Key(r.benchmark(), r.mode(), params);
    }

    private static Map<JmhResult.Key, JmhResult> index(
            ResultsFolder rs, String side, Set<String> ignored, List<String> notes) {
        Map<JmhResult.Key, JmhResult> map = new LinkedHashMap<>();
        int duplicates = 0;
        for (JmhResult r : rs.results()) {
            if (map.putIfAbsent(key(r, ignored), r) != null) {
                duplicates++;
            }
        }
        if (duplicates > 0) {
            notes.add(side + " holds " + duplicates + " result(s) with the same benchmark, mode and parameters"
                    + (ignored.isEmpty() ? "" : " (but " + String.join(", ", ignored) + ")")
                    + " as an earlier one; only the first of each is compared.");
        }
        return map;
    }

    /** Compares two results of the same benchmark, mode and parameters: a row per statistic. */
    static List<Row> compare(JmhResult ra, JmhResult rb, Options options) {
        List<Row> list = new ArrayList<>();
        for (Statistic s : ForkData.statistics(ra)) {
            if (ForkData.statistics(rb).contains(s)) {
                list.add(compare(ra, rb, s, options));
            }
        }
        return list;
    }

    private static Row compare(JmhResult ra, JmhResult rb, Statistic statistic, Options options) {
        String unit = ra.primaryMetric().scoreUnit();
        boolean higher = higherIsBetter(ra.mode(), unit);
        double factor = factor(rb.primaryMetric().scoreUnit(), unit);
        boolean comparable = !Double.isNaN(factor);
        double scale = comparable ? factor : 1;
        double[][] fa = ForkData.of(ra, statistic, 1);
        double[][] fb = ForkData.of(rb, statistic, scale);
        double level = 1 - options.alpha();
        Estimate ea = new Estimate(
                fa.length == 0 ? ra.primaryMetric().value() : ForkBootstrap.center(fa),
                Double.NaN,
                Double.NaN,
                fa.length,
                iterations(fa));
        Estimate eb = new Estimate(
                fb.length == 0 ? rb.primaryMetric().value() * scale : ForkBootstrap.center(fb),
                Double.NaN,
                Double.NaN,
                fb.length,
                iterations(fb));
        double ratioLow = Double.NaN;
        double ratioHigh = Double.NaN;
        if (comparable && fa.length > 0 && fb.length > 0) {
            ForkBootstrap.Intervals in = ForkBootstrap.of(fa, fb, level, seed(ra, statistic));
            if (fa.length >= 2) {
                ea = new Estimate(ea.center(), in.a()[0], in.a()[1], ea.forks(), ea.iterations());
            }
            if (fb.length >= 2) {
                eb = new Estimate(eb.center(), in.b()[0], in.b()[1], eb.forks(), eb.iterations());
            }
            if (fa.length >= 2 && fb.length >= 2) {
                ratioLow = in.ratio()[0];
                ratioHigh = in.ratio()[1];
            }
        }
        double p = Double.NaN;
        double smallest = options.test().smallestP(fa.length, fb.length);
        Verdict verdict;
        if (!comparable) {
            verdict = Verdict.INCOMPARABLE;
        } else {
            p = fa.length == 0 || fb.length == 0 ? Double.NaN : options.test().pValue(summaries(fa), summaries(fb));
            if (smallest >= options.alpha() || Double.isNaN(p)) {
                verdict = Verdict.TOO_FEW;
            } else if (p < options.alpha() && eb.center() != ea.center()) {
                boolean better = higher == eb.center() > ea.center();
                verdict = better ? Verdict.FASTER : Verdict.SLOWER;
            } else {
                verdict = Verdict.NO_CHANGE;
            }
        }
        return new Row(
                ra,
                rb,
                shownParams(ra, rb),
                statistic,
                unit,
                higher,
                ea,
                eb,
                comparable ? eb.center() / ea.center() : Double.NaN,
                ratioLow,
                ratioHigh,
                p,
                smallest,
                verdict);
    }

    /** The parameters as shown: A's, with {@code a→b} where an ignored parameter differs. */
    private static Map<String, String> shownParams(JmhResult ra, JmhResult rb) {
        Map<String, String> shown = new LinkedHashMap<>(ra.params());
        rb.params().forEach((k, vb) -> {
            String va = shown.get(k);
            if (va == null) {
                shown.put(k, "(none)\u2192" + vb);
            } else if (!va.equals(vb)) {
                shown.put(k, va + "\u2192" + vb);
            }
        });
        ra.params().forEach((k, va) -> {
            if (!rb.params().containsKey(k)) {
                shown.put(k, va + "\u2192(none)");
            }
        });
        return Collections.unmodifiableMap(shown);
    }

    /** Each fork's mean over its iterations. */
    private static double[] summaries(double[][] forks) {
        double[] s = new double[forks.length];
        for (int i = 0; i < forks.length; i++) {
            s[i] = ForkBootstrap.mean(forks[i]);
        }
        return s;
    }

    private static int iterations(double[][] forks) {
        int n = 0;
        for (double[] f : forks) {
            n += f.length;
        }
        return n;
    }

    /** A seed of its own for every result and statistic, so a row's interval does not depend on the others. */
    private static long seed(JmhResult r, Statistic s) {
        String text = r.benchmark() + '\u0000' + r.mode() + '\u0000' + new TreeMap<>(r.params()) + '\u0000' + s;
        long h = 0x1bcbe9c4L;
        for (int i = 0; i < text.length(); i++) {
            h = h * 1_000_003L + text.charAt(i);
        }
        return h;
    }

    /**
     * Whether a higher score is better: true for throughput ({@code ops/s}, mode {@code thrpt}),
     * false for time per operation ({@code us/op}, modes {@code avgt}, {@code sample}, {@code ss}).
     */
    public static boolean higherIsBetter(String mode, String unit) {
        String u = unit.toLowerCase(Locale.ROOT);
        if (u.endsWith("/op")) {
            return false;
        }
        return u.startsWith("ops/") || "thrpt".equals(mode);
    }

    /** The factor that converts a score in {@code from} into {@code to}; NaN when they do not convert. */
    static double factor(String from, String to) {
        if (from.equals(to)) {
            return 1;
        }
        double time = Units.toMicros(1, from) / Units.toMicros(1, to);
        if (!Double.isNaN(time) && from.endsWith("/op") && to.endsWith("/op")) {
            return time;
        }
        String fa = from.substring(0, Math.max(0, from.indexOf('/')));
        String ta = to.substring(0, Math.max(0, to.indexOf('/')));
        if (!fa.equals(ta)) {
            return Double.NaN;
        }
        return Units.toPerSecond(1, from) / Units.toPerSecond(1, to);
    }

    /**
     * Welch's two-sided p-value; NaN with fewer than 2 values on a side. With no spread on either side
     * the values decide alone: 1 when their means are equal, 0 when not.
     */
    static double welch(double[] x, double[] y) {
        if (x.length < 2 || y.length < 2) {
            return Double.NaN;
        }
        if (StatUtils.variance(x) == 0 && StatUtils.variance(y) == 0) {
            return StatUtils.mean(x) == StatUtils.mean(y) ? 1.0 : 0.0;
        }
        try {
            return new TTest().tTest(x, y);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    // ---- accessors ----------------------------------------------------------------------------

    /** Run A, the reference. */
    public ResultsFolder a() {
        return a;
    }

    /** Run B, compared against A. */
    public ResultsFolder b() {
        return b;
    }

    /** How the runs were compared. */
    public Options options() {
        return options;
    }

    /** The significance level of the verdicts. */
    public double alpha() {
        return options.alpha();
    }

    /** One row per statistic of every result in both runs, in A's order. */
    public List<Row> rows() {
        return rows;
    }

    /** Results only A has, in A's order. */
    public List<JmhResult> onlyA() {
        return onlyA;
    }

    /** Results only B has, in B's order. */
    public List<JmhResult> onlyB() {
        return onlyB;
    }

    /** Machine, JDK and JMH-setting facts that differ between the runs in a way that can change results. */
    public List<Difference> differences() {
        return differences;
    }

    /** Remarks on the inputs (machine unknown, duplicate results, an unfinished run). */
    public List<String> notes() {
        return notes;
    }

    /** The rows significantly slower by more than {@code percent} percent. */
    public List<Row> regressions(double percent) {
        return rows.stream().filter(r -> r.regression(percent)).toList();
    }

    /** How many rows have {@code verdict}. */
    public long count(Verdict verdict) {
        return rows.stream().filter(r -> r.verdict() == verdict).count();
    }

    /**
     * One warning per combination of fork counts too small for the test: {@code n=1+1 forks (6
     * rows): too few for ...}, naming the forks needed.
     */
    public List<String> tooFewWarnings() {
        Map<String, List<Row>> byForks = new LinkedHashMap<>();
        for (Row r : rows) {
            if (r.verdict() == Verdict.TOO_FEW) {
                byForks.computeIfAbsent(r.forks(), k -> new ArrayList<>()).add(r);
            }
        }
        List<String> list = new ArrayList<>();
        int needed = options.test().fewestForks(options.alpha());
        byForks.forEach((forks, group) -> {
            Row r = group.get(0);
            String why;
            if (r.estimateA().forks() == 0 || r.estimateB().forks() == 0) {
                why = "no per-iteration data (rawData or rawDataHistogram) on a side, so no test";
            } else if (options.test() == Test.U) {
                why = "too few for the " + options.test().label() + " to reach p < "
                        + Formats.plain(options.alpha()) + ": the smallest p it can give is "
                        + String.format(Locale.ROOT, "%.3f", r.smallestP());
            } else {
                why = "too few for " + options.test().label() + ", which needs 2 forks on each side";
            }
            list.add("n=" + forks + " forks (" + group.size() + (group.size() == 1 ? " row" : " rows") + "): " + why
                    + ". Run at least " + needed + " forks on each side (JMH option -f " + needed
                    + " after -- with ipcbench run" + (needed > 3 ? "; --full runs 3" : "") + ")"
                    + (options.test() == Test.U ? ", or compare with --test welch (2 or more forks a side)." : "."));
        });
        return list;
    }

    /**
     * The regression gate: B fails when nothing was compared, when a row cannot be judged (too few
     * forks for the test, or units that do not convert), or when a row is significantly slower by
     * more than {@code percent} percent of A.
     */
    public Gate gate(double percent) {
        List<String> reasons = new ArrayList<>();
        if (rows.isEmpty()) {
            reasons.add("nothing compared: no result has the same benchmark, mode and parameters in both runs ("
                    + onlyA.size() + " only in A, " + onlyB.size() + " only in B); a gate that compares nothing "
                    + "cannot pass");
        }
        List<Row> unjudged = rows.stream().filter(Row::unjudged).toList();
        if (!unjudged.isEmpty()) {
            reasons.add(unjudged.size() + " of " + rows.size() + " comparisons cannot be judged ("
                    + (unjudged.stream().anyMatch(r -> r.verdict() == Verdict.TOO_FEW)
                            ? "too few forks for the test"
                            : "units that do not convert")
                    + "), so the gate cannot tell whether they regressed");
        }
        List<Row> regressions = regressions(percent);
        if (!regressions.isEmpty()) {
            reasons.add(regressions.size() + (regressions.size() == 1 ? " comparison is" : " comparisons are")
                    + " significantly slower by more than " + Formats.plain(percent) + "%");
        }
        return new Gate(percent, regressions, unjudged, reasons);
    }

    /** The geometric mean of B/A per benchmark and mode, over the mean rows with a positive ratio. */
    public List<Geomean> geomeans() {
        Map<List<String>, List<Row>> groups = new LinkedHashMap<>();
        for (Row r : rows) {
            if (r.statistic() == Statistic.MEAN && r.ratio() > 0 && Double.isFinite(r.ratio())) {
                groups.computeIfAbsent(List.of(r.a().simpleName(), r.a().mode()), k -> new ArrayList<>())
                        .add(r);
            }
        }
        List<Geomean> list = new ArrayList<>();
        groups.forEach((k, group) -> list.add(new Geomean(
                k.get(0),
                k.get(1),
                group.get(0).higherIsBetter(),
                group.size(),
                Math.exp(group.stream()
                        .mapToDouble(r -> Math.log(r.ratio()))
                        .average()
                        .orElse(0)))));
        return list;
    }
}
