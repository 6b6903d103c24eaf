package dev.ipcbench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Shape;
import java.awt.Stroke;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jfree.chart.plot.DefaultDrawingSupplier;

/**
 * The colour, marker and line of each chart series. A transport has the same colour and marker in
 * every chart of every run; its wait strategies are shades of that colour (the same shade for the
 * same strategy every time) with their own dash. Within one chart no two series share a colour: a
 * shade already taken, or a transport not in the table below, gets the next free colour of a
 * reserve palette.
 */
final class SeriesStyle {

    /** A series' look. */
    record Look(Color color, Shape shape, Stroke stroke) {}

    private record Base(int rgb, int shape) {}

    private static final Map<String, Base> TRANSPORTS = Map.ofEntries(
            Map.entry("inproc", new Base(0x000000, 1)),
            Map.entry("tcp", new Base(0x1f77b4, 0)),
            Map.entry("udp", new Base(0xff7f0e, 2)),
            Map.entry("uds", new Base(0x2ca02c, 3)),
            Map.entry("uds-junix", new Base(0x17becf, 5)),
            Map.entry("uds-dgram", new Base(0x9467bd, 4)),
            Map.entry("uds-seqpacket", new Base(0xe377c2, 7)),
            Map.entry("fifo", new Base(0x8c564b, 6)),
            Map.entry("pipe", new Base(0xbcbd22, 9)),
            Map.entry("mmap", new Base(0xd62728, 8)),
            Map.entry("shm", new Base(0x3b3eac, 2)));

    /** Wait strategies in shade order: the first two keep the transport's colour as it is. */
    private static final List<String> WAITS = List.of("default", "spin", "backoff", "yield", "park");

    private static final double[] SHADES = {0, 0, -0.4, 0.4, 0.6};

    private static final int[] RESERVE = {
        0x637939, 0xad494a, 0x8c6d31, 0x6b6ecf, 0x843c39, 0x7b4173, 0x5254a3, 0xbd9e39, 0x9c9ede, 0x31a354
    };

    private static final Shape[] SHAPES = DefaultDrawingSupplier.createStandardSeriesShapes();

    private final Set<Color> used = new HashSet<>();
    private int reserve;

    /** The look of the next series of a chart, for {@code row}. */
    Look next(Row row) {
        Base base = TRANSPORTS.get(row.transport());
        int wait = Math.max(0, WAITS.indexOf(row.waitStrategy()));
        Color color = base == null ? null : shade(new Color(base.rgb()), SHADES[wait]);
        if (color == null || !row.other().isEmpty() || used.contains(color)) {
            color = reserveColor();
        }
        used.add(color);
        Shape shape = SHAPES[base == null ? used.size() % SHAPES.length : base.shape()];
        Stroke stroke = wait < 2
                ? new BasicStroke(1.8f)
                : new BasicStroke(1.8f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {7f, 4f}, 0f);
        return new Look(color, shape, stroke);
    }

    private Color reserveColor() {
        while (reserve < RESERVE.length) {
            Color c = new Color(RESERVE[reserve++]);
            if (!used.contains(c)) {
                return c;
            }
        }
        // More series than colours: make a new one, distinct from every colour used.
        Color c;
        do {
            c = Color.getHSBColor((reserve++ * 0.618034f) % 1f, 0.7f, 0.75f);
        } while (used.contains(c));
        return c;
    }

    /** {@code c} mixed with black (negative) or white (positive) by {@code amount}. */
    private static Color shade(Color c, double amount) {
        int target = amount < 0 ? 0 : 255;
        double a = Math.abs(amount);
        return new Color(
                (int) Math.round(c.getRed() + (target - c.getRed()) * a),
                (int) Math.round(c.getGreen() + (target - c.getGreen()) * a),
                (int) Math.round(c.getBlue() + (target - c.getBlue()) * a));
    }
}
