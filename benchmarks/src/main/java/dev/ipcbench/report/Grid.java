package dev.ipcbench.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A table: a header, rows of text cells, and which columns are right-aligned (numbers). Every
 * table ipcbench prints is one, rendered as Markdown ({@link #markdown()}) or as aligned plain text
 * ({@link #text()}).
 */
public record Grid(List<String> header, boolean[] right, List<List<String>> rows) {

    public Grid {
        header = List.copyOf(header);
        right = Arrays.copyOf(right, header.size());
        rows = rows.stream()
                .map(r -> r.stream().map(c -> c == null ? "" : c).toList())
                .toList();
    }

    /** A grid whose first {@code left} columns are left-aligned and the rest right-aligned. */
    public static Grid of(List<String> header, int left, List<List<String>> rows) {
        boolean[] right = new boolean[header.size()];
        Arrays.fill(right, left, right.length, true);
        return new Grid(header, right, rows);
    }

    /** Whether the grid has no rows. */
    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** A Markdown table: pipes, {@code ---:} under right-aligned columns, {@code |} in cells escaped. */
    public String markdown() {
        StringBuilder sb = new StringBuilder();
        markdownLine(sb, header);
        List<String> rule = new ArrayList<>();
        for (boolean r : right) {
            rule.add(r ? "---:" : ":---");
        }
        markdownLine(sb, rule);
        rows.forEach(r -> markdownLine(sb, r.stream().map(Grid::escape).toList()));
        return sb.toString();
    }

    private static void markdownLine(StringBuilder sb, List<String> cells) {
        sb.append('|');
        cells.forEach(c -> sb.append(' ').append(c).append(" |"));
        sb.append('\n');
    }

    private static String escape(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }

    /** Plain text: columns two spaces apart, padded to the widest cell, a dashed rule under the header. */
    public String text() {
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
        textLine(sb, header, widths);
        textLine(sb, Arrays.stream(widths).mapToObj("-"::repeat).toList(), widths);
        rows.forEach(r -> textLine(sb, r, widths));
        return sb.toString();
    }

    private void textLine(StringBuilder sb, List<String> cells, int[] widths) {
        StringBuilder l = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            String pad = " ".repeat(Math.max(0, widths[i] - length(c)));
            l.append(i > 0 ? "  " : "").append(right[i] ? pad + c : c + pad);
        }
        sb.append(l.toString().stripTrailing()).append('\n');
    }

    private static int length(String s) {
        return s.codePointCount(0, s.length());
    }
}
