package dev.ipcbench.report;

import dev.ipcbench.transport.Sizes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A {@link Comparison} as Markdown or plain text, every table a {@link Grid}: the two runs and how
 * they differ, the method, one line per result and statistic (A and B with their interval, the
 * change as +x% when the number grew, its interval, p with the forks, the verdict: faster, slower or
 * {@code ~}), a warning when forks are too few for the test, geometric means, the results only one
 * run has, and optionally the regression gate.
 */
public final class ComparisonView {

    /** The output formats. */
    public enum Format {
        MARKDOWN,
        TEXT
    }

    /** How many rows the gate lists that it could not judge. */
    private static final int LISTED = 10;

    private ComparisonView() {}

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
        Grid grid = new Grid(header, right == null ? new boolean[header.size()] : right, rows);
        return md ? grid.markdown() : grid.text();
    }

    private static String code(boolean md, String s) {
        return md ? "`" + s + "`" : s;
    }

    private static String bold(boolean md, String s) {
        return md ? "**" + s + "**" : s;
    }

    // ---- runs ---------------------------------------------------------------------------------

    private static void runs(StringBuilder sb, boolean md, Comparison c) {
        RunFacts a = RunFacts.of(c.a());
        RunFacts b = RunFacts.of(c.b());
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of(
                "results",
                code(md, c.a().source().toString()),
                code(md, c.b().source().toString())));
        rows.add(List.of(
                "benchmarks",
                Integer.toString(c.a().results().size()),
                Integer.toString(c.b().results().size())));
        addFact(rows, "date", a.date(), b.date());
        addFact(rows, "host", a.host(), b.host());
        addFact(rows, "CPU", a.cpu(), b.cpu());
        addFact(rows, "JDK", a.jdk(), b.jdk());
        addFact(rows, "JMH", a.jmh(), b.jmh());
        addFact(rows, "placement", a.placement(), b.placement());
        addFact(rows, "git commit", a.git(), b.git());
        if (!md) {
            rows.replaceAll(r -> r.stream().map(cell -> cell.replace("`", "")).toList());
        }
        sb.append(table(md, List.of("", "A", "B"), null, rows));
    }

    private static void addFact(List<List<String>> rows, String what, String a, String b) {
        if (a != null || b != null) {
            rows.add(List.of(what, a == null ? "unknown" : a, b == null ? "unknown" : b));
        }
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
        Comparison.Options o = c.options();
        String level = Formats.plain((1 - o.alpha()) * 100) + "%";
        sb.append('\n')
                .append(bold(md, "Method."))
                .append(" Results match on benchmark, mode and every parameter")
                .append(
                        o.ignoredParams().isEmpty()
                                ? ""
                                : " but "
                                        + String.join(
                                                ", ",
                                                o.ignoredParams().stream()
                                                        .map(p -> code(md, p))
                                                        .toList())
                                        + " (ignored: a\u2192b shows A's and B's values)")
                .append(". The unit of replication is the JMH fork; iterations within a fork are not independent "
                        + "samples. Each fork is summarised by the mean of its measurement iterations' values: the "
                        + "score (")
                .append(code(md, "rawData"))
                .append(") in avgt, thrpt and ss; the mean, p50 and p99 of each iteration's histogram (")
                .append(code(md, "rawDataHistogram"))
                .append(
                        ") in sample, a row each. A and B are the mean of their forks' summaries \u00b1 the half-width of "
                                + "its ")
                .append(level)
                .append(" interval. Change is B / A - 1: + when the number grew, - when it fell; the verdict says "
                        + "whether that is faster or slower. Its ")
                .append(level)
                .append(" interval comes from a hierarchical bootstrap (forks resampled, then iterations within each "
                        + "fork; ")
                .append(ForkBootstrap.RESAMPLES)
                .append(" resamples, fixed seed). p is the ")
                .append(o.test().label())
                .append(" on the fork summaries, with n the forks of A+B: \"faster\" or \"slower\" when p < ")
                .append(Formats.plain(o.alpha()))
                .append(", \"~\" (no significant change) otherwise, and \"~ too few forks\" when the test could not "
                        + "reach p < ")
                .append(Formats.plain(o.alpha()))
                .append(" with that many forks whatever the data. Intervals need 2 forks a side.\n");
    }

    // ---- results ------------------------------------------------------------------------------

    private static void results(StringBuilder sb, boolean md, Comparison c) {
        heading(sb, md, 2, "Results: " + c.rows().size() + " compared, " + summary(c));
        if (c.rows().isEmpty()) {
            sb.append("Nothing compared: no result has the same benchmark, mode and parameters in both runs.\n");
            return;
        }
        List<List<String>> lines = new ArrayList<>();
        for (Comparison.Row r : c.rows()) {
            String verdict = r.verdict().label();
            if (r.verdict().significant()) {
                verdict = bold(md, verdict);
            }
            boolean incomparable = r.verdict() == Comparison.Verdict.INCOMPARABLE;
            lines.add(List.of(
                    r.a().simpleName(),
                    measure(r),
                    params(r.params()),
                    r.unit(),
                    estimate(r.estimateA()),
                    estimate(r.estimateB())
                            + (incomparable ? " " + r.b().primaryMetric().scoreUnit() : ""),
                    change(r.change()),
                    interval(r),
                    Formats.pValue(r.pValue()),
                    r.forks(),
                    verdict));
        }
        sb.append(table(
                md,
                List.of(
                        "benchmark",
                        "mode",
                        "params",
                        "unit",
                        "A",
                        "B",
                        "change",
                        "interval of change",
                        "p",
                        "forks",
                        "verdict"),
                new boolean[] {false, false, false, false, true, true, true, true, true, true, false},
                lines));

        List<String> warnings = c.tooFewWarnings();
        if (!warnings.isEmpty()) {
            sb.append('\n')
                    .append(md ? "> " : "")
                    .append(bold(md, "WARNING: too few forks."))
                    .append('\n');
            if (md) {
                sb.append(">\n");
            }
            warnings.forEach(w -> sb.append(md ? "> - " : "  - ").append(w).append('\n'));
        }

        List<Comparison.Geomean> geo = c.geomeans();
        if (!geo.isEmpty()) {
            heading(sb, md, 3, "Geometric mean of B/A");
            List<List<String>> g = new ArrayList<>();
            for (Comparison.Geomean m : geo) {
                double change = (m.ratio() - 1) * 100;
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
            sb.append(
                    "\nA summary of the means across parameters (+ when the numbers grew), not a test: the verdicts above are per result.\n");
        }
    }

    /** The verdicts counted: {@code 1 slower, 0 faster, 7 ~, 2 ~ too few forks}. */
    static String summary(Comparison c) {
        long incomparable = c.count(Comparison.Verdict.INCOMPARABLE);
        return c.count(Comparison.Verdict.SLOWER) + " slower, " + c.count(Comparison.Verdict.FASTER) + " faster, "
                + c.count(Comparison.Verdict.NO_CHANGE) + " ~ (no significant change), "
                + c.count(Comparison.Verdict.TOO_FEW) + " ~ too few forks"
                + (incomparable > 0 ? ", " + incomparable + " with units that differ" : "");
    }

    /** The mode, with the statistic for SampleTime: {@code avgt}, {@code sample p99}. */
    static String measure(Comparison.Row r) {
        return r.a().mode().equals("sample") || r.statistic() != Comparison.Statistic.MEAN
                ? r.a().mode() + " " + r.statistic().label()
                : r.a().mode();
    }

    private static String estimate(Comparison.Estimate e) {
        double spread = e.spreadPercent();
        return Formats.number(e.center()) + (Double.isNaN(spread) ? "" : " \u00b1 " + percent(spread));
    }

    private static String percent(double pct) {
        return (pct >= 10 ? String.format(Locale.ROOT, "%.0f", pct) : String.format(Locale.ROOT, "%.1f", pct)) + "%";
    }

    private static String interval(Comparison.Row r) {
        if (Double.isNaN(r.ratioLow()) || Double.isNaN(r.ratioHigh())) {
            return Figures.MISSING;
        }
        return change(r.changeLow()) + " to " + change(r.changeHigh());
    }

    /** A change in percent, signed: {@code +12.3%}, {@code -0.4%}, {@code +28791%}. */
    static String change(double pct) {
        if (Double.isNaN(pct)) {
            return Figures.MISSING;
        }
        return String.format(Locale.ROOT, Math.abs(pct) >= 1000 ? "%+.0f%%" : "%+.1f%%", pct);
    }

    private static String score(double score, double error) {
        return Formats.number(score) + (Double.isFinite(error) ? " \u00b1 " + Formats.number(error) : "");
    }

    /** The parameters of a result condensed, as {@link #params(Map)}. */
    static String params(JmhResult r) {
        return params(r.params());
    }

    /**
     * The parameters condensed: {@code shm (spin), 64 B, cross} for ipcbench's transport, wait,
     * size and placement, then any other parameter as {@code name=value}; an ignored parameter that
     * differs reads {@code spin→park}.
     */
    static String params(Map<String, String> p) {
        List<String> parts = new ArrayList<>();
        String transport = p.get("transport");
        String wait = p.get("wait");
        if (transport != null) {
            parts.add(Row.of(transport, wait).label());
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
            JmhResult.Metric m = r.primaryMetric();
            lines.add(List.of(r.simpleName(), r.mode(), params(r), score(m.value(), m.error()), m.scoreUnit()));
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
        Comparison.Gate gate = c.gate(percent);
        if (gate.passed()) {
            sb.append("Passed: ")
                    .append(c.rows().size())
                    .append(" compared, none significantly slower by more than ")
                    .append(pct)
                    .append(" (")
                    .append(summary(c))
                    .append(").\n");
        } else {
            sb.append(bold(md, "FAILED")).append(":\n\n");
            gate.reasons().forEach(r -> sb.append("- ").append(r).append('\n'));
            if (!gate.regressions().isEmpty()) {
                sb.append("\nSlower by more than ").append(pct).append(":\n\n");
                gate.regressions()
                        .forEach(r -> sb.append("- ").append(describe(r)).append('\n'));
            }
            if (!gate.unjudged().isEmpty()) {
                sb.append("\nNot judged (see the warning under the results):\n\n");
                gate.unjudged().stream()
                        .limit(LISTED)
                        .forEach(r -> sb.append("- ").append(describe(r)).append('\n'));
                if (gate.unjudged().size() > LISTED) {
                    sb.append("- and ").append(gate.unjudged().size() - LISTED).append(" more\n");
                }
            }
        }
        if (!c.onlyA().isEmpty()) {
            sb.append('\n')
                    .append(c.onlyA().size())
                    .append(c.onlyA().size() == 1 ? " result of A is" : " results of A are")
                    .append(" not in B and could not be checked (see \"Only in A\").\n");
        }
    }

    /**
     * One row in a line: {@code RoundTrip avgt tcp, 64 B, cross: +12.0% (slower; 61.2 -> 68.5 us/op,
     * p=0.008 n=5+5)}.
     */
    public static String describe(Comparison.Row r) {
        return r.a().simpleName() + " " + measure(r) + " " + params(r.params()) + ": "
                + change(r.change()) + " (" + r.verdict().label() + "; "
                + Formats.number(r.estimateA().center()) + " -> "
                + Formats.number(r.estimateB().center()) + " "
                + r.unit() + ", p" + (Double.isNaN(r.pValue()) || r.pValue() < 0.001 ? " " : "=")
                + Formats.pValue(r.pValue()) + " n=" + r.forks() + ")";
    }
}
