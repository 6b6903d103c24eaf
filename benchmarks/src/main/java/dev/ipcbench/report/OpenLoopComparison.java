package dev.ipcbench.report;

import dev.ipcbench.transport.Sizes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The open-loop results of two runs side by side, for {@code compare}: entries matched by transport,
 * wait strategy, size and offered rate ({@code max} with {@code max}), with p50 and p99 of both and
 * their change, and whether each side was saturated. Each side is one sweep of one run, so there is
 * no sample of runs to test: the changes carry no significance, and a reader should repeat a run
 * before trusting a small one. Entries in only one run are listed apart.
 *
 * @param settingsDiffer what differs between the two runs' open-loop settings, empty when nothing
 */
public record OpenLoopComparison(
        Optional<OpenLoopFile> a,
        Optional<OpenLoopFile> b,
        List<Row> rows,
        List<String> onlyA,
        List<String> onlyB,
        List<String> settingsDiffer) {

    /** One matched rate. */
    public record Row(String transport, long size, String rate, OpenLoopFile.Entry a, OpenLoopFile.Entry b) {

        /** (B - A) / A of p50, in percent; positive means B is slower. */
        public double p50Change() {
            return change(a.p50Ns(), b.p50Ns());
        }

        /** (B - A) / A of p99, in percent; positive means B is slower. */
        public double p99Change() {
            return change(a.p99Ns(), b.p99Ns());
        }

        private static double change(Long a, Long b) {
            return a == null || b == null || a == 0 ? Double.NaN : 100.0 * (b - a) / a;
        }
    }

    /** Matches the open-loop entries of two runs; both sides may have none. */
    public static OpenLoopComparison of(ResultsFolder runA, ResultsFolder runB) throws ResultsException {
        Optional<OpenLoopFile> fa = OpenLoopFile.beside(runA.jmhJson());
        Optional<OpenLoopFile> fb = OpenLoopFile.beside(runB.jmhJson());
        Map<String, OpenLoopFile.Entry> ia = index(fa);
        Map<String, OpenLoopFile.Entry> ib = index(fb);
        List<Row> rows = new ArrayList<>();
        List<String> onlyA = new ArrayList<>();
        for (Map.Entry<String, OpenLoopFile.Entry> e : ia.entrySet()) {
            OpenLoopFile.Entry other = ib.get(e.getKey());
            if (other == null) {
                onlyA.add(describe(e.getValue()));
            } else {
                OpenLoopFile.Entry x = e.getValue();
                rows.add(new Row(x.row().label(), x.size(), x.rate(), x, other));
            }
        }
        List<String> onlyB = ib.entrySet().stream()
                .filter(e -> !ia.containsKey(e.getKey()))
                .map(e -> describe(e.getValue()))
                .toList();
        return new OpenLoopComparison(fa, fb, rows, onlyA, onlyB, differences(fa, fb));
    }

    private static Map<String, OpenLoopFile.Entry> index(Optional<OpenLoopFile> f) {
        Map<String, OpenLoopFile.Entry> byKey = new LinkedHashMap<>();
        f.ifPresent(file -> file.entries().stream()
                .filter(OpenLoopFile.Entry::measured)
                .forEach(e -> byKey.putIfAbsent(e.key(), e)));
        return byKey;
    }

    private static String describe(OpenLoopFile.Entry e) {
        return e.row().label() + " " + Sizes.format(e.size()) + " at " + e.rate()
                + ("max".equals(e.rate()) ? "" : "/s");
    }

    private static List<String> differences(Optional<OpenLoopFile> fa, Optional<OpenLoopFile> fb) {
        List<String> d = new ArrayList<>();
        if (fa.isEmpty()
                || fb.isEmpty()
                || fa.get().settings() == null
                || fb.get().settings() == null) {
            return d;
        }
        OpenLoopFile.Settings a = fa.get().settings();
        OpenLoopFile.Settings b = fb.get().settings();
        if (!a.mode().equals(b.mode()) || a.durationMs() != b.durationMs() || a.minMessages() != b.minMessages()) {
            d.add("durations: A " + a.mode() + " (" + a.durationMs() + " ms a rate), B " + b.mode() + " ("
                    + b.durationMs() + " ms a rate)");
        }
        if (a.p99BoundNs() != b.p99BoundNs()) {
            d.add("p99 bound: A " + a.p99BoundNs() + " ns, B " + b.p99BoundNs() + " ns");
        }
        if (!java.util.Objects.equals(a.stall(), b.stall())) {
            d.add("peer stall (a developer check): A " + (a.stall() == null ? "none" : a.stall()) + ", B "
                    + (b.stall() == null ? "none" : b.stall()));
        }
        return d;
    }

    /** Whether either run has open-loop results. */
    public boolean any() {
        return a.isPresent() || b.isPresent();
    }

    /** The section for {@code compare}'s output: Markdown or plain text. */
    public String render(boolean markdown) {
        if (!any()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        String title = "Latency under load (open loop)";
        if (markdown) {
            sb.append("\n## ").append(title).append("\n\n");
        } else {
            sb.append('\n')
                    .append(title)
                    .append('\n')
                    .append("-".repeat(title.length()))
                    .append("\n\n");
        }
        if (a.isEmpty() || b.isEmpty()) {
            sb.append("Only ")
                    .append(a.isPresent() ? "A" : "B")
                    .append(" has open-loop results (" + OpenLoopFile.FILE + "); nothing to match.\n");
            return sb.toString();
        }
        sb.append("Matched by transport, wait strategy, size and offered rate; latency from each message's due time, "
                + "\u00b5s. Change is (B - A) / A: positive means B is slower. Each side is a single run (one sweep), "
                + "so no significance test is possible: repeat a run before trusting a small change. "
                + OpenLoopTables.SATURATED + " marks a rate saturated in that run.\n");
        for (String d : settingsDiffer) {
            sb.append(markdown ? "\n> **The runs differ:** " : "\nThe runs differ: ")
                    .append(d)
                    .append('\n');
        }
        sb.append('\n');
        List<List<String>> lines = new ArrayList<>();
        for (Row r : rows) {
            lines.add(List.of(
                    r.transport(),
                    Sizes.format(r.size()),
                    r.rate() + ("max".equals(r.rate()) ? "" : "/s"),
                    micros(r.a().p50Ns()) + mark(r.a()),
                    micros(r.b().p50Ns()) + mark(r.b()),
                    Formats.signedPercent(r.p50Change()),
                    micros(r.a().p99Ns()),
                    micros(r.b().p99Ns()),
                    Formats.signedPercent(r.p99Change())));
        }
        Grid grid = new Grid(
                List.of("transport", "size", "rate", "A p50", "B p50", "p50 change", "A p99", "B p99", "p99 change"),
                new boolean[] {false, true, true, true, true, true, true, true, true},
                lines);
        sb.append(markdown ? grid.markdown() : grid.text());
        if (!onlyA.isEmpty()) {
            sb.append("\nOnly in A: ").append(String.join(", ", onlyA)).append('\n');
        }
        if (!onlyB.isEmpty()) {
            sb.append("\nOnly in B: ").append(String.join(", ", onlyB)).append('\n');
        }
        return sb.toString();
    }

    private static String micros(Long ns) {
        return ns == null ? Figures.MISSING : Formats.micros(ns / 1e3);
    }

    private static String mark(OpenLoopFile.Entry e) {
        return e.saturated() ? " " + OpenLoopTables.SATURATED : "";
    }
}
