package dev.ipcbench.report;

import dev.ipcbench.transport.Sizes;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.text.TextUtils;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.Range;
import org.jfree.data.general.DatasetUtils;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * Draws a run's charts with JFreeChart, each as SVG (text kept as text) and PNG: round-trip latency
 * vs message size (p50 with a bar up to p99), delivered throughput vs size, the latency
 * percentiles at 64 B, and, per size, the open loop's latency and CPU vs offered rate. Sizes read in B, KiB and MiB like the tables; the machine, JDK, settings and
 * placement are written under each chart; colours follow {@link SeriesStyle}. A chart without any
 * figure is not drawn, and an earlier file of its name is deleted. Runs headless.
 */
public final class Charts {

    /** Round-trip latency vs message size. */
    public static final String LATENCY = "latency-vs-size";

    /** Delivered MB/s vs message size. */
    public static final String THROUGHPUT = "throughput-vs-size";

    /** Round-trip latency percentiles at 64 B. */
    public static final String PERCENTILES = "latency-percentiles-64B";

    static final long PERCENTILE_SIZE = 64;

    private static final double[] SPREAD = {50.0, 90.0, 99.0, 99.9, 99.99, 100.0};
    private static final String[] SPREAD_LABELS = {"p50", "p90", "p99", "p99.9", "p99.99", "max"};

    private static final int WIDTH = 960;
    private static final int HEIGHT = 620;
    private static final Font CAPTION = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    private Charts() {}

    /** One chart written as {@code <name>.svg} and {@code <name>.png}. */
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

    /** What {@link #write} drew, and why any chart was not drawn. */
    public record Drawn(List<Chart> charts, List<String> notDrawn) {
        public Drawn {
            charts = List.copyOf(charts);
            notDrawn = List.copyOf(notDrawn);
        }
    }

    /**
     * Draws every chart that has a figure into {@code dir}, replacing files of the same names.
     *
     * @throws IOException when a file cannot be written
     */
    public static Drawn write(ResultsFolder results, Path dir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        TextUtils.setUseDrawRotatedStringWorkaround(false); // rotated labels as SVG text, not outlines
        Figures f = new Figures(results);
        List<String> caption = RunFacts.of(results).caption();
        Files.createDirectories(dir);
        List<Chart> drawn = new ArrayList<>();
        List<String> notDrawn = new ArrayList<>();

        boolean sampled = f.any(Figures.ROUND_TRIP, Figures.SAMPLE);
        Chart latency = new Chart(
                LATENCY,
                "Round-trip latency vs message size",
                sampled
                        ? "Median round trip (p50, jmh.json's primaryMetric.scorePercentiles of the SampleTime results)"
                                + " per message size, with a bar up to p99; log-log, one line per transport."
                        : "Mean round trip (primaryMetric.score) per message size, with a bar of JMH's error; "
                                + "log-log, one line per transport.");
        YIntervalSeriesCollection lat = new YIntervalSeriesCollection();
        List<Row> latRows = new ArrayList<>();
        for (Row row : f.rows(Figures.ROUND_TRIP)) {
            YIntervalSeries s = new YIntervalSeries(row.label());
            for (long size : f.sizes()) {
                double mid = sampled ? f.percentile(row, size, 50.0) : f.roundTripMean(row, size);
                double high = sampled ? f.percentile(row, size, 99.0) : mid + f.roundTripError(row, size);
                double low = sampled ? mid : mid - f.roundTripError(row, size);
                if (mid > 0 && Double.isFinite(mid)) {
                    s.add(
                            log2(size),
                            log10(mid),
                            log10(low > 0 ? low : mid),
                            log10(Double.isFinite(high) ? high : mid));
                }
            }
            if (s.getItemCount() > 0) {
                lat.addSeries(s);
                latRows.add(row);
            }
        }
        XYErrorRenderer errors = errorBars();
        draw(
                dir,
                latency,
                lat,
                latRows,
                errors,
                sizeAxis(),
                valueAxis("round trip (\u00b5s, log scale)"),
                caption,
                drawn,
                notDrawn,
                "no round-trip results.");

        Chart throughput = new Chart(
                THROUGHPUT,
                "Throughput vs message size",
                "Delivered MB/s (MB = 10^6 bytes, from jmh.json's secondaryMetrics[\"deliveredBytes\"] or "
                        + "[\"bytes\"]) per message size, log-log, one line per transport.");
        XYSeriesCollection tp = new XYSeriesCollection();
        List<Row> tpRows = new ArrayList<>();
        for (Row row : f.rows(Figures.THROUGHPUT)) {
            XYSeries s = new XYSeries(row.label(), false);
            for (long size : f.sizes()) {
                double v = f.megabytes(row, size);
                if (v > 0 && Double.isFinite(v)) {
                    s.add(log2(size), log10(v));
                }
            }
            if (s.getItemCount() > 0) {
                tp.addSeries(s);
                tpRows.add(row);
            }
        }
        draw(
                dir,
                throughput,
                tp,
                tpRows,
                new XYLineAndShapeRenderer(),
                sizeAxis(),
                valueAxis("delivered MB/s (log scale)"),
                caption,
                drawn,
                notDrawn,
                "no throughput results with a delivered-bytes counter.");

        Chart spread = new Chart(
                PERCENTILES,
                "Round-trip latency percentiles at " + Sizes.format(PERCENTILE_SIZE),
                "SampleTime percentiles (jmh.json's primaryMetric.scorePercentiles) of the round trip at "
                        + Sizes.format(PERCENTILE_SIZE) + ", log scale, one line per transport.");
        XYSeriesCollection pc = new XYSeriesCollection();
        List<Row> pcRows = new ArrayList<>();
        for (Row row : f.rows(Figures.ROUND_TRIP)) {
            XYSeries s = new XYSeries(row.label(), false);
            for (int p = 0; p < SPREAD.length; p++) {
                double v = f.percentile(row, PERCENTILE_SIZE, SPREAD[p]);
                if (v > 0 && Double.isFinite(v)) {
                    s.add(p, log10(v));
                }
            }
            if (s.getItemCount() > 0) {
                pc.addSeries(s);
                pcRows.add(row);
            }
        }
        SymbolAxis percentiles = new SymbolAxis("percentile", SPREAD_LABELS);
        draw(
                dir,
                spread,
                pc,
                pcRows,
                new XYLineAndShapeRenderer(),
                percentiles,
                valueAxis("round trip (\u00b5s, log scale)"),
                caption,
                drawn,
                notDrawn,
                "no SampleTime round-trip results at " + Sizes.format(PERCENTILE_SIZE) + ".");
        if (f.openLoop().isPresent()) {
            OpenLoopFile o = f.openLoop().get();
            List<String> openLoopCaption = RunFacts.of(results).caption(openLoopSettings(o.settings()));
            for (long size : o.sizes()) {
                openLoop(dir, o, size, openLoopCaption, drawn, notDrawn);
            }
        }
        return new Drawn(drawn, notDrawn);
    }

    private static String openLoopSettings(OpenLoopFile.Settings s) {
        if (s == null) {
            return "open loop, settings unknown";
        }
        return "open loop " + s.mode() + ": each rate " + s.durationMs() + " ms (at least "
                + String.format(java.util.Locale.ROOT, "%,d", s.minMessages()) + " replies, at most "
                + s.maxDurationMs()
                + " ms), p99 bound " + Formats.micros(s.p99BoundNs() / 1e3) + " \u00b5s"
                + (s.stall() == null ? "" : " \u00b7 PEER STALLED " + s.stall());
    }

    /** The open loop's file names for a size: {@code openloop-latency-vs-rate-64B}. */
    public static String openLoopName(String what, long size) {
        return "openloop-" + what + "-vs-rate-" + size + "B";
    }

    /**
     * The open-loop charts of one size: latency (p50 with a bar up to p99) and CPU of both processes
     * (% of one core) against the offered rate, log-log; under them the open loop's settings.
     */
    private static void openLoop(
            Path dir, OpenLoopFile o, long size, List<String> caption, List<Chart> drawn, List<String> notDrawn)
            throws IOException {
        String at = Sizes.format(size);
        Chart latency = new Chart(
                openLoopName("latency", size),
                "Open loop: latency vs offered rate at " + at,
                "Median latency from each message's due time to its reply (openloop.json's p50Ns) per offered rate, "
                        + "with a bar up to p99 (p99Ns); log-log, one line per transport; a line stops at the first rate "
                        + "not kept up (max, which has no offered rate, is in the tables).");
        YIntervalSeriesCollection lat = new YIntervalSeriesCollection();
        XYSeriesCollection cpu = new XYSeriesCollection();
        List<Row> latRows = new ArrayList<>();
        List<Row> cpuRows = new ArrayList<>();
        for (Row row : o.rows(size)) {
            YIntervalSeries s = new YIntervalSeries(row.label());
            XYSeries c = new XYSeries(row.label(), false);
            for (String rate : o.rates(size)) {
                OpenLoopFile.Entry e = o.find(row, size, rate).orElse(null);
                if (e == null || !e.measured() || e.isMax()) {
                    continue; // max has no offered rate: it is in the tables
                }
                double x = e.offeredPerSecond();
                if (!(x > 0)) {
                    continue;
                }
                double p50 = e.p50Ns() / 1e3;
                double p99 = e.p99Ns() / 1e3;
                if (p50 > 0) {
                    s.add(log10(x), log10(p50), log10(p50), log10(Math.max(p50, p99)));
                }
                if (e.cpuSelfPercent() != null) {
                    double total = e.cpuSelfPercent() + (e.cpuPeerPercent() == null ? 0 : e.cpuPeerPercent());
                    if (total > 0) {
                        c.add(log10(x), log10(total));
                    }
                }
            }
            if (s.getItemCount() > 0) {
                lat.addSeries(s);
                latRows.add(row);
            }
            if (c.getItemCount() > 0) {
                cpu.addSeries(c);
                cpuRows.add(row);
            }
        }
        XYErrorRenderer errors = errorBars();
        draw(
                dir,
                latency,
                lat,
                latRows,
                errors,
                rateAxis(),
                valueAxis("latency from the due time (\u00b5s, log scale)"),
                caption,
                drawn,
                notDrawn,
                "no open-loop results at " + at + ".");
        Chart cost = new Chart(
                openLoopName("cpu", size),
                "Open loop: CPU vs offered rate at " + at,
                "CPU time of both processes together, the benchmark process (its load generator included) and the "
                        + "peer, in % of one core (openloop.json's cpuSelfPercent + cpuPeerPercent) per offered rate; "
                        + "log-log, one line per transport.");
        draw(
                dir,
                cost,
                cpu,
                cpuRows,
                new XYLineAndShapeRenderer(),
                rateAxis(),
                valueAxis("CPU, both processes (% of one core, log scale)"),
                caption,
                drawn,
                notDrawn,
                "no open-loop CPU figures at " + at + ".");
    }

    /** Offered rates as log10, labelled 1k, 10k, 1M. */
    private static NumberAxis rateAxis() {
        NumberAxis axis = new NumberAxis("offered rate, messages/s (log scale)");
        axis.setTickUnit(new NumberTickUnit(1, new RateFormat()));
        return axis;
    }

    private static void draw(
            Path dir,
            Chart what,
            XYDataset data,
            List<Row> rows,
            XYLineAndShapeRenderer renderer,
            ValueAxis x,
            ValueAxis y,
            List<String> caption,
            List<Chart> drawn,
            List<String> notDrawn,
            String why)
            throws IOException {
        if (data.getSeriesCount() == 0) {
            notDrawn.add(what.title() + ": " + why);
            Files.deleteIfExists(dir.resolve(what.svg()));
            Files.deleteIfExists(dir.resolve(what.png()));
            return;
        }
        SeriesStyle styles = new SeriesStyle();
        for (int i = 0; i < data.getSeriesCount(); i++) {
            SeriesStyle.Look look = styles.next(rows.get(i));
            renderer.setSeriesPaint(i, look.color());
            renderer.setSeriesShape(i, look.shape());
            renderer.setSeriesStroke(i, look.stroke());
            renderer.setSeriesShapesVisible(i, true);
            renderer.setSeriesLinesVisible(i, true);
        }
        if (x instanceof NumberAxis n && !(x instanceof SymbolAxis)) {
            fit(n, DatasetUtils.findDomainBounds(data));
        }
        fit((NumberAxis) y, DatasetUtils.findRangeBounds(data, true));
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        JFreeChart chart = new JFreeChart(what.title(), new Font(Font.SANS_SERIF, Font.BOLD, 16), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getLegend().setPosition(RectangleEdge.RIGHT);
        for (int i = caption.size() - 1; i >= 0; i--) {
            String line = caption.get(i);
            TextTitle t = new TextTitle(line, CAPTION);
            t.setPosition(RectangleEdge.BOTTOM);
            t.setHorizontalAlignment(HorizontalAlignment.LEFT);
            t.setPaint(new Color(0x444444));
            chart.addSubtitle(t);
        }
        SVGGraphics2D svg = new SVGGraphics2D(WIDTH, HEIGHT);
        svg.setGeomDoubleConverter(v -> oneDecimal(v));
        svg.setTransformDoubleConverter(v -> oneDecimal(v));
        chart.draw(svg, new Rectangle(WIDTH, HEIGHT));
        ResultsFolder.writeFile(dir.resolve(what.svg()), svg.getSVGDocument().getBytes(StandardCharsets.UTF_8));
        ResultsFolder.writeFile(
                dir.resolve(what.png()), ChartUtils.encodeAsPNG(chart.createBufferedImage(WIDTH, HEIGHT)));
        drawn.add(what);
    }

    /** Coordinates with one decimal (a tenth of a pixel), which keeps an SVG to tens of KB. */
    private static String oneDecimal(double v) {
        double r = Math.rint(v * 10) / 10;
        return r == Math.rint(r) ? Long.toString((long) r) : Double.toString(r);
    }

    private static double log2(long size) {
        return Math.log(size) / Math.log(2);
    }

    private static double log10(double v) {
        return Math.log10(v);
    }

    /**
     * Data are drawn as logarithms on linear axes (tick labels then stay plain text in the SVG):
     * sizes as log2, values as log10, each axis labelled with the value itself.
     */
    private static NumberAxis sizeAxis() {
        NumberAxis axis = new NumberAxis("message size (log scale)");
        axis.setTickUnit(new NumberTickUnit(2, new SizeFormat()));
        return axis;
    }

    private static NumberAxis valueAxis(String label) {
        NumberAxis axis = new NumberAxis(label);
        axis.setTickUnit(new NumberTickUnit(1, new PowerOfTenFormat()));
        return axis;
    }

    /** Widens an axis to whole steps of its tick unit around the data. */
    private static void fit(NumberAxis axis, Range data) {
        double step = axis.getTickUnit().getSize();
        double low = Math.floor(data.getLowerBound() / step) * step;
        double high = Math.ceil(data.getUpperBound() / step) * step;
        axis.setRange(low == high ? low - step / 2 : low - step / 4, low == high ? high + step / 2 : high + step / 4);
    }

    /** Tick labels of an axis whose values are logarithms. */
    private abstract static class LabelFormat extends NumberFormat {
        abstract String label(double exponent);

        @Override
        public StringBuffer format(double exponent, StringBuffer toAppendTo, FieldPosition pos) {
            return toAppendTo.append(label(exponent));
        }

        @Override
        public StringBuffer format(long exponent, StringBuffer toAppendTo, FieldPosition pos) {
            return toAppendTo.append(label(exponent));
        }

        @Override
        public Number parse(String source, ParsePosition parsePosition) {
            throw new UnsupportedOperationException("labels only");
        }
    }

    /** log10 ticks labelled with the value: {@code 0.1}, {@code 1}, {@code 1,000}. */
    private static final class PowerOfTenFormat extends LabelFormat {
        private final DecimalFormat plain = new DecimalFormat("#,##0.####");

        @Override
        String label(double exponent) {
            return plain.format(Math.pow(10, Math.rint(exponent)));
        }
    }

    /** log10 ticks labelled as rates: {@code 100}, {@code 1k}, {@code 10M}. */
    private static final class RateFormat extends LabelFormat {
        @Override
        String label(double exponent) {
            long e = Math.round(exponent);
            if (e < 0 || e > 12) {
                return "";
            }
            String[] units = {"", "k", "M", "G"};
            long unit = Math.min(e / 3, 3);
            long mantissa = (long) Math.pow(10, e - 3 * unit);
            return mantissa + units[(int) unit];
        }
    }

    /** log2 ticks labelled as the tables write sizes: {@code 64 B}, {@code 1 KiB}, {@code 1 MiB}. */
    private static final class SizeFormat extends LabelFormat {
        @Override
        String label(double exponent) {
            long e = Math.round(exponent);
            return e >= 0 && e < 63 ? Sizes.format(1L << e) : "";
        }
    }

    /** Vertical bars from p50 to p99 (or the error), capped, the same in every chart. */
    private static XYErrorRenderer errorBars() {
        XYErrorRenderer errors = new XYErrorRenderer();
        errors.setDrawXError(false);
        errors.setCapLength(6);
        errors.setErrorStroke(new BasicStroke(1.2f));
        return errors;
    }
}
