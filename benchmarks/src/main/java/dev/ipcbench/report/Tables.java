package dev.ipcbench.report;

import java.util.ArrayList;
import java.util.List;

/** Tables as Markdown (pipes, numbers right-aligned) or as aligned plain text. */
final class Tables {

    private Tables() {}

    /**
     * A Markdown table.
     *
     * @param right for each column, whether it is right-aligned
     */
    static String markdown(List<String> header, boolean[] right, List<List<String>> rows) {
        StringBuilder sb = new StringBuilder();
        line(sb, header);
        List<String> rule = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            rule.add(right != null && i < right.length && right[i] ? "---:" : ":---");
        }
        sb.append('|');
        rule.forEach(r -> sb.append(' ').append(r).append(" |"));
        sb.append('\n');
        rows.forEach(r -> line(sb, r));
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells) {
        sb.append('|');
        for (String c : cells) {
            sb.append(' ').append(escape(c)).append(" |");
        }
        sb.append('\n');
    }

    /** A cell's text with Markdown table syntax made harmless. */
    static String escape(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
    }

    /**
     * A plain-text table: columns separated by two spaces, padded to the widest cell, a dashed
     * rule under the header.
     */
    static String text(List<String> header, boolean[] right, List<List<String>> rows) {
        int[] widths = new int[header.size()];
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        for (List<String> r : all) {
            for (int i = 0; i < r.size() && i < widths.length; i++) {
                widths[i] = Math.max(widths[i], length(r.get(i)));
            }
        }
        StringBuilder sb = new StringBuilder();
        textLine(sb, header, widths, right);
        List<String> rule = new ArrayList<>();
        for (int w : widths) {
            rule.add("-".repeat(w));
        }
        textLine(sb, rule, widths, null);
        rows.forEach(r -> textLine(sb, r, widths, right));
        return sb.toString();
    }

    private static void textLine(StringBuilder sb, List<String> cells, int[] widths, boolean[] right) {
        StringBuilder l = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i) == null ? "" : cells.get(i);
            String pad = " ".repeat(Math.max(0, widths[i] - length(c)));
            if (i > 0) {
                l.append("  ");
            }
            boolean r = right != null && i < right.length && right[i];
            l.append(r ? pad + c : c + pad);
        }
        sb.append(l.toString().stripTrailing()).append('\n');
    }

    private static int length(String s) {
        return s == null ? 0 : s.codePointCount(0, s.length());
    }
}
