package dev.ipcbench.report;

import dev.ipcbench.transport.Sizes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A {@link Comparison} as Markdown or plain text, every table a {@link Grid}: the two runs and how they differ, the
 * method (test, alpha, samples), one line per benchmark with both scores, B/A, the change, the
 * p-values and the verdict, geometric means, the results only one run has, and optionally the
 * regression check.
 */
public final class ComparisonView {

    /** The output formats. */
    public enum Format {
        MARKDOWN,
        TEXT
    }

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
        Set<String> sources = new LinkedHashSet<>();
        for (Comparison.Row r : c.rows()) {
            String s = r.a().samplesSource();
            if (s != null) {
                sources.add(s);
            }
        }
        List<String> used = new ArrayList<>();
        if (sources.contains("rawData")) {
            used.add("per-iteration scores from " + code(md, "primaryMetric.rawData") + " (avgt, thrpt, ss)");
        }
        if (sources.contains("rawDataHistogram")) {
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
                            + (incomparable ? " " + r.b().primaryMetric().scoreUnit() : ""),
                    r.unit(),
                    Double.isNaN(r.ratio()) ? Figures.MISSING : String.format(Locale.ROOT, "%.3f", r.ratio()),
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
            return Figures.MISSING;
        }
        if (change == 0) {
            return Formats.signedPercent(0).replace("+", "\u00b1");
        }
        return Formats.signedPercent(change) + (change > 0 ? " faster" : " slower");
    }

    /** A change that the test did not confirm: the number only, with no word that claims a direction. */
    static String pointChange(double change) {
        return Double.isNaN(change) ? Figures.MISSING : Formats.signedPercent(change);
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
