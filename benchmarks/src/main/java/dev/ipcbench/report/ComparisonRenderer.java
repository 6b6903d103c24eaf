package dev.ipcbench.report;

import dev.ipcbench.transport.Sizes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Renders a {@link Comparison} as Markdown or plain text: the two runs and how they differ, the
 * method (test, alpha, samples), one line per benchmark with both scores, B/A, the change, the
 * p-values and the verdict, geometric means, the results only one run has, and optionally the
 * regression check.
 */
public final class ComparisonRenderer {

    /** The output formats. */
    public enum Format {
        MARKDOWN,
        TEXT
    }

    private static final String DEFAULT_WAIT = "default";

    private ComparisonRenderer() {}

    /**
     * The comparison as text.
     *
     * @param failOnRegression the threshold of the regression check in percent, or {@code null}
     *     for no check
     */
    public static String render(Comparison c, Format format, Double failOnRegression) {
        boolean md = format == Format.MARKDOWN;
        StringBuilder sb = new StringBuilder();
        heading(sb, md, 1, "ipcbench compare");
        runs(sb, md, c);
        differences(sb, md, c);
        method(sb, md, c);
        results(sb, md, c);
        only(sb, md, "Only in A", c.onlyA());
        only(sb, md, "Only in B", c.onlyB());
        if (failOnRegression != null) {
            regressionCheck(sb, md, c, failOnRegression);
        }
        return sb.toString();
    }

    private static void heading(StringBuilder sb, boolean md, int level, String text) {
        if (sb.length() > 0) {
            sb.append('\n');
        }
        if (md) {
            sb.append("#".repeat(level)).append(' ').append(text).append("\n\n");
        } else {
            sb.append(text)
                    .append('\n')
                    .append((level == 1 ? "=" : "-").repeat(text.length()))
                    .append("\n\n");
        }
    }

    private static String table(boolean md, List<String> header, boolean[] right, List<List<String>> rows) {
        return md ? Tables.markdown(header, right, rows) : Tables.text(header, right, rows);
    }

    private static String code(boolean md, String s) {
        return md ? "`" + s + "`" : s;
    }

    private static String bold(boolean md, String s) {
        return md ? "**" + s + "**" : s;
    }

    // ---- runs ---------------------------------------------------------------------------------

    private static void runs(StringBuilder sb, boolean md, Comparison c) {
        ResultSet a = c.a();
        ResultSet b = c.b();
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of(
                "results", code(md, a.source().toString()), code(md, b.source().toString())));
        rows.add(List.of(
                "benchmarks",
                Integer.toString(a.results().size()),
                Integer.toString(b.results().size())));
        addFact(rows, "date", a.env("date"), b.env("date"));
        addFact(rows, "host", a.env("host"), b.env("host"));
        addFact(rows, "CPU", cpu(a), cpu(b));
        addFact(rows, "JDK", jdk(a), jdk(b));
        addFact(rows, "JMH", jmh(a), jmh(b));
        addFact(rows, "git commit", git(a), git(b));
        sb.append(table(md, List.of("", "A", "B"), null, rows));
    }

    private static void addFact(List<List<String>> rows, String what, String a, String b) {
        if (a != null || b != null) {
            rows.add(List.of(what, a == null ? "unknown" : a, b == null ? "unknown" : b));
        }
    }

    private static String cpu(ResultSet rs) {
        String model = rs.env("cpu", "model");
        String n = rs.env("cpu", "availableProcessors");
        if (model == null && n == null) {
            return null;
        }
        return (model == null ? "model unknown" : model) + (n == null ? "" : ", " + n + " processors");
    }

    private static String jdk(ResultSet rs) {
        String version = MarkdownReport.distinct(rs, "jdkVersion");
        String vm = MarkdownReport.distinct(rs, "vmVersion");
        String vendor = rs.env("jdk", "vendor");
        if (version == null && vm == null) {
            return null;
        }
        return (vendor == null ? "" : vendor + " ")
                + (version == null ? "" : version)
                + (vm == null ? "" : " (" + vm + ")");
    }

    private static String jmh(ResultSet rs) {
        String version = MarkdownReport.distinct(rs, "jmhVersion");
        String forks = MarkdownReport.distinct(rs, "forks");
        if (version == null && forks == null) {
            return null;
        }
        return (version == null ? "" : version + ": ") + (forks == null ? "?" : forks) + " fork(s), "
                + orQ(MarkdownReport.distinct(rs, "warmupIterations")) + " \u00d7 "
                + orQ(MarkdownReport.distinct(rs, "warmupTime")) + " warm-up, "
                + orQ(MarkdownReport.distinct(rs, "measurementIterations")) + " \u00d7 "
                + orQ(MarkdownReport.distinct(rs, "measurementTime")) + " measurement";
    }

    private static String orQ(String s) {
        return s == null ? "?" : s;
    }

    private static String git(ResultSet rs) {
        String commit = rs.env("git", "commit");
        if (commit == null) {
            return null;
        }
        String shortCommit = commit.length() > 12 ? commit.substring(0, 12) : commit;
        return shortCommit + (Boolean.TRUE.equals(rs.envValue("git", "dirty")) ? " (dirty)" : "");
    }

    private static void differences(StringBuilder sb, boolean md, Comparison c) {
        List<String> lines = new ArrayList<>();
        for (Comparison.Difference d : c.differences()) {
            lines.add(d.what() + ": A " + code(md, String.valueOf(d.a())) + ", B " + code(md, String.valueOf(d.b())));
        }
        sb.append('\n');
        if (!lines.isEmpty()) {
            String prefix = md ? "> " : "  ";
            sb.append(md ? "> " : "")
                    .append(bold(md, "WARNING: the runs differ in:"))
                    .append('\n');
            if (md) {
                sb.append(">\n");
            }
            lines.forEach(l -> sb.append(prefix).append("- ").append(l).append('\n'));
            if (md) {
                sb.append(">\n");
            }
            sb.append(md ? "> " : "")
                    .append("A different machine, JDK or setting changes results as much as a code change does; "
                            + "read the verdicts with that in mind.\n");
        } else if (c.a().environment().isPresent() && c.b().environment().isPresent()) {
            sb.append("Same machine, JDK, placement and JMH settings (as recorded in environment.json and the JMH "
                    + "JSON).\n");
        } else {
            sb.append("Same JDK and JMH settings (as recorded in the JMH JSON).\n");
        }
        for (String n : c.notes()) {
            sb.append('\n')
                    .append(md ? "> " : "")
                    .append(bold(md, "Note:"))
                    .append(' ')
                    .append(n)
                    .append('\n');
        }
    }

    private static void method(StringBuilder sb, boolean md, Comparison c) {
        Set<String> sources = new LinkedHashSet<>();
        for (Comparison.Row r : c.rows()) {
            String s = r.a().samplesSource();
            if (s != null) {
                sources.add(s);
            }
        }
        List<String> used = new ArrayList<>();
        if (sources.contains(JmhResult.RAW_DATA)) {
            used.add("per-iteration scores from " + code(md, "primaryMetric.rawData") + " (avgt, thrpt, ss)");
        }
        if (sources.contains(JmhResult.RAW_DATA_HISTOGRAM)) {
            used.add("per-iteration means from " + code(md, "primaryMetric.rawDataHistogram")
                    + " (sample: sum of value \u00d7 count / sum of count per iteration)");
        }
        sb.append('\n')
                .append(bold(md, "Method."))
                .append(" Results match on benchmark, mode and all parameters. " + "Verdicts come from ")
                .append(Comparison.TEST)
                .append(" at alpha = ")
                .append(Formats.plain(c.alpha()))
                .append(": \"faster\" or \"slower\" when p < alpha, \"no significant change\" otherwise, \"not enough "
                        + "data\" with fewer than ")
                .append(Comparison.MIN_SAMPLES)
                .append(" samples on a side. Samples: ")
                .append(used.isEmpty() ? "none" : String.join("; ", used))
                .append("; iterations of all forks pooled. p (M-W) is the Mann-Whitney U p-value, for reference only. "
                        + "B/A divides JMH's primary scores; change is (B - A) / A, signed so that + is better "
                        + "(less time per operation, or more operations per second). \u00b1 is JMH's 99.9% confidence "
                        + "half-width.\n");
    }

    // ---- results ------------------------------------------------------------------------------

    private static void results(StringBuilder sb, boolean md, Comparison c) {
        heading(
                sb,
                md,
                2,
                "Results: " + c.rows().size() + " compared, " + c.count(Comparison.Verdict.FASTER)
                        + " faster, " + c.count(Comparison.Verdict.SLOWER) + " slower, "
                        + c.count(Comparison.Verdict.NO_CHANGE) + " no significant change"
                        + other(c));
        if (c.rows().isEmpty()) {
            sb.append("No benchmark is in both runs.\n");
            return;
        }
        List<List<String>> lines = new ArrayList<>();
        for (Comparison.Row r : c.rows()) {
            String verdict = r.verdict().label();
            if (r.verdict() == Comparison.Verdict.FASTER || r.verdict() == Comparison.Verdict.SLOWER) {
                verdict = bold(md, verdict);
            }
            boolean incomparable = r.verdict() == Comparison.Verdict.INCOMPARABLE;
            lines.add(List.of(
                    r.a().simpleName(),
                    r.a().mode(),
                    params(r.a()),
                    score(r.scoreA(), r.errorA()),
                    score(r.scoreB(), r.errorB())
                            + (incomparable
                                    ? " " + r.b().measurement().primary().unit()
                                    : ""),
                    r.unit(),
                    Double.isNaN(r.ratio()) ? SummaryTable.MISSING : String.format(Locale.ROOT, "%.3f", r.ratio()),
                    r.verdict() == Comparison.Verdict.FASTER || r.verdict() == Comparison.Verdict.SLOWER
                            ? change(r.change())
                            : pointChange(r.change()),
                    Formats.pValue(r.pValue()),
                    Formats.pValue(r.mannWhitneyP()),
                    r.samplesA() + "/" + r.samplesB(),
                    verdict));
        }
        sb.append(table(
                md,
                List.of(
                        "benchmark",
                        "mode",
                        "params",
                        "A",
                        "B",
                        "unit",
                        "B/A",
                        "change",
                        "p",
                        "p (M-W)",
                        "n A/B",
                        "verdict"),
                new boolean[] {false, false, false, true, true, false, true, true, true, true, true, false},
                lines));

        List<Comparison.Geomean> geo = c.geomeans();
        if (!geo.isEmpty()) {
            heading(sb, md, 3, "Geometric mean of B/A");
            List<List<String>> g = new ArrayList<>();
            for (Comparison.Geomean m : geo) {
                double change = (m.ratio() - 1) * 100 * (m.higherIsBetter() ? 1 : -1);
                g.add(List.of(
                        m.benchmark(),
                        m.mode(),
                        Integer.toString(m.results()),
                        String.format(Locale.ROOT, "%.3f", m.ratio()),
                        change(change)));
            }
            sb.append(table(
                    md,
                    List.of("benchmark", "mode", "results", "geomean B/A", "change"),
                    new boolean[] {false, false, true, true, true},
                    g));
            sb.append("\nA summary across parameters, not a test: the verdicts above are per benchmark.\n");
        }
    }

    private static String other(Comparison c) {
        long notEnough = c.count(Comparison.Verdict.NOT_ENOUGH_DATA);
        long incomparable = c.count(Comparison.Verdict.INCOMPARABLE);
        return (notEnough > 0 ? ", " + notEnough + " not enough data" : "")
                + (incomparable > 0 ? ", " + incomparable + " with units that differ" : "");
    }

    /** The change as {@code +25.0% faster} or {@code -10.0% slower}. */
    static String change(double change) {
        if (Double.isNaN(change)) {
            return SummaryTable.MISSING;
        }
        if (change == 0) {
            return Formats.signedPercent(0).replace("+", "\u00b1");
        }
        return Formats.signedPercent(change) + (change > 0 ? " faster" : " slower");
    }

    /** A change that the test did not confirm: the number only, with no word that claims a direction. */
    static String pointChange(double change) {
        return Double.isNaN(change) ? SummaryTable.MISSING : Formats.signedPercent(change);
    }

    private static String score(double score, double error) {
        return Formats.number(score) + (Double.isFinite(error) ? " \u00b1 " + Formats.number(error) : "");
    }

    /**
     * The parameters condensed: {@code shm (spin), 64 B, cross} for ipcbench's transport, wait,
     * size and placement, then any other parameter as {@code name=value}.
     */
    static String params(JmhResult r) {
        List<String> parts = new ArrayList<>();
        Map<String, String> p = r.params();
        String transport = p.get("transport");
        String wait = p.get("wait");
        if (transport != null) {
            parts.add(wait == null || DEFAULT_WAIT.equals(wait) ? transport : transport + " (" + wait + ")");
        } else if (wait != null) {
            parts.add("wait=" + wait);
        }
        String size = p.get("size");
        if (size != null) {
            try {
                parts.add(Sizes.format(Long.parseLong(size.trim())));
            } catch (NumberFormatException e) {
                parts.add("size=" + size);
            }
        }
        String placement = p.get("placement");
        if (placement != null) {
            parts.add(placement);
        }
        p.forEach((k, v) -> {
            if (!Set.of("transport", "wait", "size", "placement").contains(k)) {
                parts.add(k + "=" + v);
            }
        });
        return parts.isEmpty() ? "-" : String.join(", ", parts);
    }

    private static void only(StringBuilder sb, boolean md, String title, List<JmhResult> results) {
        heading(sb, md, 2, title + " (" + results.size() + ")");
        if (results.isEmpty()) {
            sb.append("None.\n");
            return;
        }
        List<List<String>> lines = new ArrayList<>();
        for (JmhResult r : results) {
            Measurement.Metric m = r.measurement().primary();
            lines.add(List.of(r.simpleName(), r.mode(), params(r), score(m.score(), m.error()), m.unit()));
        }
        sb.append(table(
                md,
                List.of("benchmark", "mode", "params", "score", "unit"),
                new boolean[] {false, false, false, true, false},
                lines));
    }

    private static void regressionCheck(StringBuilder sb, boolean md, Comparison c, double percent) {
        String pct = Formats.plain(percent) + "%";
        heading(sb, md, 2, "Regression check: significantly slower by more than " + pct);
        List<Comparison.Row> regressions = c.regressions(percent);
        if (regressions.isEmpty()) {
            sb.append("Passed: no benchmark is significantly slower by more than ")
                    .append(pct)
                    .append(".\n");
            return;
        }
        sb.append(bold(md, "FAILED"))
                .append(": ")
                .append(regressions.size())
                .append(regressions.size() == 1 ? " benchmark is" : " benchmarks are")
                .append(" significantly slower by more than ")
                .append(pct)
                .append(":\n\n");
        for (Comparison.Row r : regressions) {
            sb.append("- ").append(describe(r)).append('\n');
        }
    }

    /** One row in a line: {@code RoundTrip sample tcp, 64 B, cross: -12.0% slower (p <0.001)}. */
    public static String describe(Comparison.Row r) {
        return r.a().simpleName() + " " + r.a().mode() + " " + params(r.a()) + ": " + change(r.change())
                + " (" + Formats.number(r.scoreA()) + " -> " + Formats.number(r.scoreB()) + " " + r.unit()
                + ", p " + Formats.pValue(r.pValue()) + ")";
    }
}
