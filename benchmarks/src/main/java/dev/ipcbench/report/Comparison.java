package dev.ipcbench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;
import org.apache.commons.math3.stat.inference.TTest;

/**
 * Two runs compared benchmark by benchmark, independent of how the result is shown. Results match
 * when their benchmark method, mode and every parameter are equal; for each match it gives the
 * ratio B/A of JMH's primary scores, the change in the direction that is better for the metric
 * (lower time per operation, higher throughput), and a verdict from Welch's two-sided t-test on
 * JMH's per-iteration samples at a stated alpha. Results present in only one run, and differences
 * between the runs' machines, JDKs and JMH settings, are listed.
 */
public final class Comparison {

    /** The default significance level. */
    public static final double DEFAULT_ALPHA = 0.05;

    /** The test the verdicts come from. */
    public static final String TEST = "Welch's two-sided t-test";

    /** The fewest samples on each side for a test. */
    public static final int MIN_SAMPLES = 2;

    /** What a comparison concludes for one benchmark. */
    public enum Verdict {
        /** B is significantly better: less time per operation, or more operations per time. */
        FASTER("faster"),
        /** B is significantly worse. */
        SLOWER("slower"),
        /** The test does not reject equality at the chosen alpha. */
        NO_CHANGE("no significant change"),
        /** Fewer than {@value #MIN_SAMPLES} samples on a side: no test, no verdict. */
        NOT_ENOUGH_DATA("not enough data"),
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
    }

    /**
     * One benchmark present in both runs.
     *
     * @param unit A's unit; B's score, error and samples are converted into it
     * @param higherIsBetter whether a higher score is better (throughput) or worse (time per op)
     * @param ratio B's score / A's score
     * @param change (B - A) / A in percent, signed so that positive is better
     * @param meanA the mean of A's samples (the test's view of A), NaN without samples
     * @param pValue Welch's two-sided p-value, NaN when not tested
     * @param mannWhitneyP the Mann-Whitney U two-sided p-value, for reference; NaN when not computed
     */
    public record Row(
            JmhResult a,
            JmhResult b,
            String unit,
            boolean higherIsBetter,
            double scoreA,
            double errorA,
            double scoreB,
            double errorB,
            int samplesA,
            int samplesB,
            double meanA,
            double meanB,
            double ratio,
            double change,
            double pValue,
            double mannWhitneyP,
            Verdict verdict) {

        /** Whether B is significantly slower than A by more than {@code percent} percent of A. */
        public boolean regression(double percent) {
            return verdict == Verdict.SLOWER && -change > percent;
        }
    }

    /** A fact that differs between the runs. */
    public record Difference(String what, String a, String b) {}

    /**
     * The geometric mean of B/A over the matched results of one benchmark and mode.
     *
     * @param higherIsBetter whether a ratio above 1 is better (throughput)
     */
    public record Geomean(String benchmark, String mode, boolean higherIsBetter, int results, double ratio) {}

    private final ResultsFolder a;
    private final ResultsFolder b;
    private final double alpha;
    private final List<Row> rows;
    private final List<JmhResult> onlyA;
    private final List<JmhResult> onlyB;
    private final List<Difference> differences;
    private final List<String> notes;

    private Comparison(
            ResultsFolder a,
            ResultsFolder b,
            double alpha,
            List<Row> rows,
            List<JmhResult> onlyA,
            List<JmhResult> onlyB,
            List<Difference> differences,
            List<String> notes) {
        this.a = a;
        this.b = b;
        this.alpha = alpha;
        this.rows = List.copyOf(rows);
        this.onlyA = List.copyOf(onlyA);
        this.onlyB = List.copyOf(onlyB);
        this.differences = List.copyOf(differences);
        this.notes = List.copyOf(notes);
    }

    /**
     * Compares run B against run A.
     *
     * @param alpha the significance level, between 0 and 1 exclusive
     */
    public static Comparison of(ResultsFolder a, ResultsFolder b, double alpha) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be between 0 and 1, not " + alpha);
        }
        List<String> notes = new ArrayList<>();
        Map<JmhResult.Key, JmhResult> byKeyA = index(a, "A", notes);
        Map<JmhResult.Key, JmhResult> byKeyB = index(b, "B", notes);
        List<Row> rows = new ArrayList<>();
        List<JmhResult> onlyA = new ArrayList<>();
        for (JmhResult ra : byKeyA.values()) {
            JmhResult rb = byKeyB.get(ra.key());
            if (rb == null) {
                onlyA.add(ra);
            } else {
                rows.add(compare(ra, rb, alpha));
            }
        }
        List<JmhResult> onlyB = byKeyB.values().stream()
                .filter(r -> !byKeyA.containsKey(r.key()))
                .toList();
        List<Difference> differences = differences(a, b, notes);
        return new Comparison(a, b, alpha, rows, onlyA, onlyB, differences, notes);
    }

    private static Map<JmhResult.Key, JmhResult> index(ResultsFolder rs, String side, List<String> notes) {
        Map<JmhResult.Key, JmhResult> map = new LinkedHashMap<>();
        int duplicates = 0;
        for (JmhResult r : rs.results()) {
            if (map.putIfAbsent(r.key(), r) != null) {
                duplicates++;
            }
        }
        if (duplicates > 0) {
            notes.add(side + " holds " + duplicates + " result(s) with the same benchmark, mode and parameters as an "
                    + "earlier one; only the first of each is compared.");
        }
        return map;
    }

    /** Compares two results of the same benchmark, mode and parameters. */
    static Row compare(JmhResult ra, JmhResult rb, double alpha) {
        JmhResult.Metric pa = ra.primaryMetric();
        JmhResult.Metric pb = rb.primaryMetric();
        String unit = pa.scoreUnit();
        boolean higher = higherIsBetter(ra.mode(), unit);
        double factor = factor(pb.scoreUnit(), unit);
        boolean comparable = !Double.isNaN(factor);
        double scale = comparable ? factor : 1;
        double[] sa = ra.samples();
        double[] sb = rb.samples();
        for (int i = 0; i < sb.length; i++) {
            sb[i] *= scale;
        }
        double scoreB = pb.value() * scale;
        double meanA = mean(sa);
        double meanB = mean(sb);
        double p = Double.NaN;
        double mw = Double.NaN;
        Verdict verdict;
        if (!comparable) {
            verdict = Verdict.INCOMPARABLE;
        } else if (sa.length < MIN_SAMPLES || sb.length < MIN_SAMPLES) {
            verdict = Verdict.NOT_ENOUGH_DATA;
        } else {
            p = welch(sa, sb);
            mw = mannWhitney(sa, sb);
            if (Double.isNaN(p)) {
                verdict = Verdict.NOT_ENOUGH_DATA;
            } else if (p < alpha) {
                boolean better = higher ? meanB > meanA : meanB < meanA;
                verdict = better ? Verdict.FASTER : Verdict.SLOWER;
            } else {
                verdict = Verdict.NO_CHANGE;
            }
        }
        return new Row(
                ra,
                rb,
                unit,
                higher,
                pa.value(),
                pa.error(),
                scoreB,
                pb.error() * scale,
                sa.length,
                sb.length,
                meanA,
                meanB,
                comparable ? scoreB / pa.value() : Double.NaN,
                comparable ? (scoreB - pa.value()) / pa.value() * 100 * (higher ? 1 : -1) : Double.NaN,
                p,
                mw,
                verdict);
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
     * Welch's two-sided p-value. With no spread on either side the samples decide alone: 1 when
     * their means are equal, 0 when not.
     */
    static double welch(double[] x, double[] y) {
        if (StatUtils.variance(x) == 0 && StatUtils.variance(y) == 0) {
            return StatUtils.mean(x) == StatUtils.mean(y) ? 1.0 : 0.0;
        }
        try {
            return new TTest().tTest(x, y);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    /** The Mann-Whitney U two-sided p-value (normal approximation), NaN when it cannot be computed. */
    static double mannWhitney(double[] x, double[] y) {
        try {
            double p = new MannWhitneyUTest().mannWhitneyUTest(x, y);
            return Double.isFinite(p) ? Math.min(1.0, p) : Double.NaN;
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    private static double mean(double[] v) {
        return v.length == 0 ? Double.NaN : StatUtils.mean(v);
    }

    // ---- differences between the runs --------------------------------------------------------

    /** A fact of environment.json compared when both runs have one. */
    private record Fact(String label, Function<EnvironmentFile, Object> value) {}

    private static final List<Fact> MACHINE = List.of(
            new Fact("host", EnvironmentFile::host),
            new Fact("CPU model", e -> e.cpu() == null ? null : e.cpu().model()),
            new Fact("CPU count", e -> e.cpu() == null ? null : e.cpu().availableProcessors()),
            new Fact(
                    "memory (bytes)",
                    e -> e.memory() == null ? null : e.memory().totalBytes()),
            new Fact("kernel", EnvironmentFile::kernel),
            new Fact("OS", e -> e.os() == null ? null : e.os().prettyName()),
            new Fact("JDK vendor", e -> e.jdk() == null ? null : e.jdk().vendor()),
            new Fact(
                    "placement",
                    e -> e.placement() == null ? null : e.placement().applied()),
            new Fact(
                    "benchmark CPU",
                    e -> e.placement() == null ? null : e.placement().benchmarkCpu()),
            new Fact(
                    "peer CPU",
                    e -> e.placement() == null ? null : e.placement().peerCpu()),
            new Fact(
                    "settings (quick or full)",
                    e -> e.jmh() == null ? null : e.jmh().mode()),
            new Fact("JMH options", e -> e.jmh() == null ? null : e.jmh().options()));

    /** Facts JMH records with every result, compared always. */
    private static final String[][] JMH_FACTS = {
        {"JDK version", "jdkVersion"},
        {"JVM", "vmName"},
        {"JVM version", "vmVersion"},
        {"JVM arguments", "jvmArgs"},
        {"JMH version", "jmhVersion"},
        {"forks", "forks"},
        {"threads", "threads"},
        {"warm-up iterations", "warmupIterations"},
        {"warm-up time", "warmupTime"},
        {"measurement iterations", "measurementIterations"},
        {"measurement time", "measurementTime"},
    };

    private static List<Difference> differences(ResultsFolder a, ResultsFolder b, List<String> notes) {
        List<Difference> list = new ArrayList<>();
        boolean envA = a.environment().isPresent();
        boolean envB = b.environment().isPresent();
        if (envA && envB) {
            for (Fact fact : MACHINE) {
                String va = Objects.toString(fact.value().apply(a.environment().get()), null);
                String vb = Objects.toString(fact.value().apply(b.environment().get()), null);
                if (!Objects.equals(va, vb)) {
                    list.add(new Difference(fact.label(), va, vb));
                }
            }
        } else {
            if (!envA) {
                notes.add("A: machine unknown (no environment.json); only the JDK and JMH settings recorded in its "
                        + "JMH JSON are compared.");
            }
            if (!envB) {
                notes.add("B: machine unknown (no environment.json); only the JDK and JMH settings recorded in its "
                        + "JMH JSON are compared.");
            }
        }
        for (String[] fact : JMH_FACTS) {
            String va = RunFacts.distinct(a, fact[1]);
            String vb = RunFacts.distinct(b, fact[1]);
            if (!Objects.equals(va, vb)) {
                list.add(new Difference(fact[0], va, vb));
            }
        }
        return list;
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

    /** The significance level of the verdicts. */
    public double alpha() {
        return alpha;
    }

    /** The benchmarks in both runs, in A's order. */
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

    /** Machine, JDK and JMH-setting facts that differ between the runs. */
    public List<Difference> differences() {
        return differences;
    }

    /** Remarks on the inputs (machine unknown, duplicate results). */
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

    /** The geometric mean of B/A per benchmark and mode, over rows with a positive ratio. */
    public List<Geomean> geomeans() {
        Map<List<String>, List<Row>> groups = new LinkedHashMap<>();
        for (Row r : rows) {
            if (r.ratio() > 0 && Double.isFinite(r.ratio())) {
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
