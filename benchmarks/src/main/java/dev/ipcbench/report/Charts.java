package dev.ipcbench.report;

import dev.ipcbench.transport.Sizes;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.ChartEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws a run's charts with XChart, each as SVG (for the README) and PNG: round-trip latency vs
 * message size (log-log), delivered throughput vs size (log-log), and the round-trip latency
 * percentile spread at 64 B. One series per transport and wait strategy; a combination without a
 * figure is left out of its series, and a series without any figure is left out; a chart without
 * any figure is not drawn (and an earlier file of its name is deleted). Runs headless.
 */
public final class Charts {

    /** Round-trip mean latency vs message size. */
    public static final String LATENCY = "latency-vs-size";

    /** Delivered MB/s vs message size. */
    public static final String THROUGHPUT = "throughput-vs-size";

    /** Round-trip latency percentiles at 64 B. */
    public static final String PERCENTILES = "latency-percentiles-64B";

    /** The size of the percentile chart. */
    static final long PERCENTILE_SIZE = 64;

    /** The percentiles drawn, with their axis labels. */
    private static final double[] SPREAD = {50.0, 90.0, 99.0, 99.9, 99.99, 100.0};

    private static final String[] SPREAD_LABELS = {"p50", "p90", "p99", "p99.9", "p99.99", "max"};

    private static final int WIDTH = 960;
    private static final int HEIGHT = 600;

    /** Distinct colours for up to 16 series (then repeated with other markers). */
    private static final Color[] COLORS = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
        new Color(0xbcbd22), new Color(0x17becf), new Color(0x393b79), new Color(0xad494a),
        new Color(0x637939), new Color(0x843c39), new Color(0x5254a3), new Color(0x000000)
    };

    private static final Marker[] MARKERS = {
        SeriesMarkers.CIRCLE,
        SeriesMarkers.SQUARE,
        SeriesMarkers.DIAMOND,
        SeriesMarkers.TRIANGLE_UP,
        SeriesMarkers.TRIANGLE_DOWN,
        SeriesMarkers.CROSS,
        SeriesMarkers.PLUS
    };

    private Charts() {}

    /**
     * One chart written as {@code <name>.svg} and {@code <name>.png}.
     *
     * @param name the file name without extension
     * @param description one sentence saying what is drawn and where it comes from
     */
    public record Chart(String name, String title, String description) {
        /** The SVG file's name. */
        public String svg() {
            return name + ".svg";
        }

        /** The PNG file's name. */
        public String png() {
            return name + ".png";
        }
    }

    /**
     * What {@link #write} drew, and why any chart was not drawn.
     */
    public record Drawn(List<Chart> charts, List<String> notDrawn) {
        public Drawn {
            charts = List.copyOf(charts);
            notDrawn = List.copyOf(notDrawn);
        }
    }

    /**
     * Draws every chart that has at least one figure into {@code dir} (created if need be),
     * replacing files of the same names.
     *
     * @throws IOException when a file cannot be written
     */
    public static Drawn write(ResultSet results, Path dir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        ReportData d = new ReportData(results);
        Files.createDirectories(dir);
        List<Chart> drawn = new ArrayList<>();
        List<String> notDrawn = new ArrayList<>();

        Chart latency = new Chart(
                LATENCY,
                "Round-trip latency vs message size",
                "Mean round-trip time (the table's mean, from jmh.json's primaryMetric.score) per message size, "
                        + "log-log, one line per transport.");
        XYChart lc = sizeChart(latency.title(), "mean round trip (\u00b5s)");
        if (addSizeSeries(lc, d, d.roundTripRows, d::roundTripMean)) {
            save(lc, dir, latency);
            drawn.add(latency);
        } else {
            notDrawn.add(latency.title() + ": no round-trip results.");
            removeStale(dir, latency);
        }

        Chart throughput = new Chart(
                THROUGHPUT,
                "Throughput vs message size",
                "Delivered MB/s (MB = 10^6 bytes, from jmh.json's secondaryMetrics[\"bytes\"]) per message size, "
                        + "log-log, one line per transport.");
        XYChart tc = sizeChart(throughput.title(), "delivered MB/s");
        if (addSizeSeries(tc, d, d.throughputRows, d::megabytes)) {
            save(tc, dir, throughput);
            drawn.add(throughput);
        } else {
            notDrawn.add(throughput.title() + ": no throughput results with a bytes counter.");
            removeStale(dir, throughput);
        }

        Chart spread = new Chart(
                PERCENTILES,
                "Round-trip latency percentiles at " + Sizes.format(PERCENTILE_SIZE),
                "SampleTime percentiles (jmh.json's primaryMetric.scorePercentiles) of the round trip at "
                        + Sizes.format(PERCENTILE_SIZE) + ", log scale, one line per transport.");
        CategoryChart pc = percentileChart(spread.title(), d);
        if (pc != null) {
            save(pc, dir, spread);
            drawn.add(spread);
        } else {
            notDrawn.add(
                    spread.title() + ": no SampleTime round-trip results at " + Sizes.format(PERCENTILE_SIZE) + ".");
            removeStale(dir, spread);
        }
        return new Drawn(drawn, notDrawn);
    }

    private interface Figure {
        double at(SummaryTable.Row row, long size);
    }

    private static XYChart sizeChart(String title, String yTitle) {
        XYChart chart = new XYChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title(title)
                .xAxisTitle("message size (log scale; kB = 10^3 bytes)")
                .yAxisTitle(yTitle + ", log scale")
                .build();
        style(chart.getStyler());
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setXAxisTickLabelsFormattingFunction(Charts::sizeLabel);
        chart.getStyler().setYAxisTickLabelsFormattingFunction(Charts::numberLabel);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        return chart;
    }

    /** Adds one series per row with the row's positive figures; true when any series was added. */
    private static boolean addSizeSeries(XYChart chart, ReportData d, List<SummaryTable.Row> rows, Figure figure) {
        int i = 0;
        boolean any = false;
        for (SummaryTable.Row row : rows) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (long size : d.sizes) {
                double v = figure.at(row, size);
                if (v > 0 && Double.isFinite(v) && size > 0) {
                    x.add((double) size);
                    y.add(v);
                }
            }
            if (!x.isEmpty()) {
                XYSeries s = chart.addSeries(row.label(), x, y);
                paint(s, i);
                any = true;
            }
            i++;
        }
        return any;
    }

    private static CategoryChart percentileChart(String title, ReportData d) {
        CategoryChart chart = new CategoryChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title(title)
                .xAxisTitle("percentile")
                .yAxisTitle("round trip (\u00b5s), log scale")
                .build();
        style(chart.getStyler());
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setYAxisTickLabelsFormattingFunction(Charts::numberLabel);
        chart.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
        chart.getStyler().setOverlapped(true);
        int i = 0;
        boolean any = false;
        for (SummaryTable.Row row : d.roundTripRows) {
            List<String> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            boolean some = false;
            for (int p = 0; p < SPREAD.length; p++) {
                double v = d.percentile(row, PERCENTILE_SIZE, SPREAD[p]);
                x.add(SPREAD_LABELS[p]);
                if (v > 0 && Double.isFinite(v)) {
                    y.add(v);
                    some = true;
                } else {
                    y.add(null);
                }
            }
            if (some) {
                CategorySeries s = chart.addSeries(row.label(), x, y);
                s.setMarker(MARKERS[i % MARKERS.length]);
                s.setMarkerColor(COLORS[i % COLORS.length]);
                s.setLineColor(COLORS[i % COLORS.length]);
                s.setLineStyle(stroke(i));
                any = true;
            }
            i++;
        }
        return any ? chart : null;
    }

    private static void paint(XYSeries s, int i) {
        s.setMarker(MARKERS[i % MARKERS.length]);
        s.setMarkerColor(COLORS[i % COLORS.length]);
        s.setLineColor(COLORS[i % COLORS.length]);
        s.setLineStyle(stroke(i));
    }

    /** Solid lines for the first 16 series, dashed after. */
    private static BasicStroke stroke(int i) {
        return i < COLORS.length
                ? new BasicStroke(1.6f)
                : new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);
    }

    private static void style(AxesChartStyler styler) {
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderVisible(true);
        styler.setPlotGridLinesColor(new Color(0xdddddd));
        styler.setLegendBorderColor(new Color(0xcccccc));
        styler.setMarkerSize(7);
        styler.setAntiAlias(true);
    }

    /** Tick labels on the size axis: {@code 64 B}, {@code 1 KiB} at powers of two, {@code 100 B}, {@code 10 kB} at decades. */
    private static String sizeLabel(Double bytes) {
        long b = Math.round(bytes);
        if (b > 0 && Math.abs(bytes - b) < 1e-6 && Long.bitCount(b) == 1) {
            return Sizes.format(b);
        }
        if (b >= 1_000_000_000L && b % 1_000_000_000L == 0) {
            return b / 1_000_000_000L + " GB";
        }
        if (b >= 1_000_000 && b % 1_000_000 == 0) {
            return b / 1_000_000 + " MB";
        }
        if (b >= 1000 && b % 1000 == 0) {
            return b / 1000 + " kB";
        }
        return numberLabel(bytes) + " B";
    }

    private static String numberLabel(Double v) {
        double a = Math.abs(v);
        if (a >= 1e6) {
            return String.format(Locale.ROOT, "%.0e", v).replace("e+0", "e").replace("e+", "e");
        }
        if (a >= 1 || a == 0) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    /** Deletes an earlier report's files of a chart not drawn now, so none is left out of date. */
    private static void removeStale(Path dir, Chart what) throws IOException {
        Files.deleteIfExists(dir.resolve(what.svg()));
        Files.deleteIfExists(dir.resolve(what.png()));
    }

    private static void save(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, Path dir, Chart what)
            throws IOException {
        // ChartEncoder hands "svg" to VectorGraphicsEncoder (VectorGraphics2D) and "png" to ImageIO.
        try (OutputStream out = Files.newOutputStream(dir.resolve(what.svg()))) {
            ChartEncoder.saveChart(chart, out, "svg");
        }
        try (OutputStream out = Files.newOutputStream(dir.resolve(what.png()))) {
            ChartEncoder.saveChart(chart, out, "png");
        }
    }
}
