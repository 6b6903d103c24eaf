package dev.ipcbench.report;

import dev.ipcbench.transport.Sizes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The open-loop tables of a run, per message size, shared by the report (Markdown) and the summary
 * {@code run} prints (text): the saturation rate of each transport, latency p50 / p99 and the tail
 * per offered rate, the rate achieved, CPU per message and in % of a core of both processes, and
 * the sender's own lateness. Rows are transport and wait strategy, columns the offered rates; a
 * rate above the first one not kept up was not measured.
 */
public final class OpenLoopTables {

    /** Marks a saturated rate. */
    public static final String SATURATED = "\u26a0";

    /** What a rate the sweep did not reach shows. */
    public static final String NOT_REACHED = "\u2014";

    private OpenLoopTables() {}

    /** The tables of one size, each with a title and where its figures come from. */
    public static List<ResultTables.Table> of(OpenLoopFile file, long size) {
        List<ResultTables.Table> tables = new ArrayList<>();
        String at = " at " + Sizes.format(size);
        String from = "From " + OpenLoopFile.FILE + ": ";
        tables.add(table(
                "Saturation" + at + ": the highest rate sustained with p99 within " + bound(file)
                        + ", and the capacity",
                saturation(file, size),
                from + "a rate is kept up when its achieved rate is within "
                        + Formats.plain(settingsShortfall(file)) + "% of the offered one and the sender never fell "
                        + "further behind its schedule than the lag limit (`keptUp`); it is sustained when, besides, "
                        + "its `p99Ns` is within the bound (`saturated` false). The sweep ends at the first rate not "
                        + "kept up; a rate only over the bound does not end it. `max` sends as fast as "
                        + inFlight(file) + " messages in flight allow (its latency is from each message's send: "
                        + "Little's law makes it about " + inFlight(file) + " / rate)."));
        tables.add(table(
                "Latency p50 / p99" + at + " (\u00b5s, from each message's due time to its reply)",
                grid(file, size, e -> Formats.micros(e.p50Ns() / 1e3) + " / " + Formats.micros(e.p99Ns() / 1e3)),
                from + "`p50Ns`, `p99Ns` in \u00b5s. " + SATURATED
                        + " marks a saturated rate (not kept up, or p99 over " + "the bound); " + NOT_REACHED
                        + " a rate above one not kept up, not measured."));
        tables.add(table(
                "Tail p99.9 / p99.99 / max" + at + " (\u00b5s)",
                grid(
                        file,
                        size,
                        e -> Formats.micros(e.p999Ns() / 1e3) + " / " + Formats.micros(e.p9999Ns() / 1e3) + " / "
                                + Formats.micros(e.maxNs() / 1e3)),
                from + "`p999Ns`, `p9999Ns`, `maxNs`; the replies each stands on are in the next table."));
        tables.add(table(
                "Achieved rate" + at + " (messages/s, and the replies measured)",
                grid(
                        file,
                        size,
                        e -> Formats.rate(e.achievedPerSecond()) + String.format(Locale.ROOT, " (%,d)", e.messages())),
                from + "`achievedPerSecond` (replies over the time from the schedule's start to the last reply) "
                        + "and `messages`. k = 10^3, M = 10^6."));
        tables.add(table(
                "CPU per message" + at + " (\u00b5s: benchmark process + peer process)",
                grid(
                        file,
                        size,
                        e -> cpu(
                                micros(e.cpuSelfNsPerMessage()), micros(e.cpuPeerNsPerMessage()), Formats::micros, "")),
                from + "`cpuSelfNsPerMessage` + `cpuPeerNsPerMessage` in \u00b5s: user + system CPU time of each "
                        + "whole process over the rate, divided by the replies; the benchmark process includes its load "
                        + "generator (the sending and receiving threads). Read in 10 ms steps: figures of short "
                        + "runs at low rates are coarse."));
        tables.add(table(
                "CPU" + at + " (% of one core: benchmark process + peer process)",
                grid(file, size, e -> cpu(e.cpuSelfPercent(), e.cpuPeerPercent(), OpenLoopTables::percent, "%")),
                from + "`cpuSelfPercent` + `cpuPeerPercent`: CPU time over wall time. 100% is one core busy; a "
                        + "busy-spinning side costs about 100% at any rate."));
        tables.add(table(
                "Send lag p50 / p99" + at + " (\u00b5s: how late the sender sent)",
                grid(
                        file,
                        size,
                        e -> e.sendLagP50Ns() == null
                                ? "no schedule"
                                : Formats.micros(e.sendLagP50Ns() / 1e3) + " / "
                                        + Formats.micros(e.sendLagP99Ns() / 1e3)),
                from + "`sendLagP50Ns`, `sendLagP99Ns`: from a message's due time to its send. This lateness is "
                        + "already in the latency above: at low rates it is mostly the time a sleeping sender takes "
                        + "to wake up, near saturation the backlog."));
        return tables;
    }

    /**
     * The sweeps the machine gave reason to doubt, one sentence each: other processes or the
     * hypervisor took more of the CPUs than {@link NoiseFlags} allows a JMH run (from {@code
     * environment.json}'s load of each open-loop group).
     */
    public static List<String> doubts(Optional<EnvironmentFile> environment) {
        List<String> doubts = new ArrayList<>();
        for (EnvironmentFile.Load l : environment.map(EnvironmentFile::load).orElse(List.of())) {
            if (!"OpenLoop".equals(l.benchmark())) {
                continue;
            }
            String row = Row.of(l.transport(), l.waitStrategy()).label();
            if (l.othersCpu() > NoiseFlags.OTHERS_CPU) {
                doubts.add(String.format(
                        Locale.ROOT,
                        "%s: other processes used %.0f%% of the CPUs during its sweeps",
                        row,
                        100 * l.othersCpu()));
            }
            if (l.steal() > NoiseFlags.STEAL) {
                doubts.add(String.format(
                        Locale.ROOT,
                        "%s: the hypervisor took %.0f%% of the CPUs during its sweeps (steal time)",
                        row,
                        100 * l.steal()));
            }
        }
        return doubts;
    }

    /** The tables the terminal summary shows for one size. */
    public static List<ResultTables.Table> summary(OpenLoopFile file, long size) {
        List<ResultTables.Table> all = of(file, size);
        return List.of(all.get(0), all.get(1), all.get(5));
    }

    private static ResultTables.Table table(String title, Grid grid, String source) {
        return new ResultTables.Table("OpenLoop", title, grid, source, true);
    }

    private static String bound(OpenLoopFile f) {
        return f.settings() == null
                ? "the bound"
                : "the " + Formats.micros(f.settings().p99BoundNs() / 1e3) + " \u00b5s bound";
    }

    private static double settingsShortfall(OpenLoopFile f) {
        return f.settings() == null ? 5 : f.settings().shortfallPercent();
    }

    private static String inFlight(OpenLoopFile f) {
        return f.settings() == null
                ? "a window of"
                : Integer.toString(f.settings().maxInFlight());
    }

    private static String percent(double p) {
        return p >= 10 ? String.format(Locale.ROOT, "%.0f", p) : String.format(Locale.ROOT, "%.1f", p);
    }

    private static Double micros(Double nanos) {
        return nanos == null ? null : nanos / 1e3;
    }

    private static String cpu(Double self, Double peer, java.util.function.DoubleFunction<String> f, String unit) {
        if (self == null) {
            return Figures.MISSING;
        }
        if (peer == null) {
            return f.apply(self) + unit + " (self only)";
        }
        return f.apply(self + peer) + unit + " (" + f.apply(self) + " + " + f.apply(peer) + ")";
    }

    /** Rows × rates; saturated cells marked, rates not reached shown as {@value #NOT_REACHED}. */
    static Grid grid(OpenLoopFile file, long size, Function<OpenLoopFile.Entry, String> cell) {
        List<String> rates = file.rates(size);
        List<String> header = new ArrayList<>();
        header.add("transport");
        rates.forEach(r -> header.add(r + ("max".equals(r) ? "" : "/s")));
        List<List<String>> lines = new ArrayList<>();
        for (Row row : file.rows(size)) {
            List<String> line = new ArrayList<>();
            line.add(row.label());
            for (String rate : rates) {
                Optional<OpenLoopFile.Entry> e = file.find(row, size, rate);
                if (e.isEmpty()) {
                    line.add(NOT_REACHED);
                } else if (!e.get().measured()) {
                    line.add("failed");
                } else {
                    line.add(cell.apply(e.get()) + (e.get().saturated() ? " " + SATURATED : ""));
                }
            }
            lines.add(line);
        }
        return Grid.of(header, 1, lines);
    }

    /**
     * The headline: per row, the highest rate sustained (kept up, p99 within the bound), the rates
     * kept up but over the bound, the first rate not kept up and why, and the capacity.
     */
    static Grid saturation(OpenLoopFile file, long size) {
        List<List<String>> lines = new ArrayList<>();
        for (Row row : file.rows(size)) {
            Optional<OpenLoopFile.Entry> sustained = file.sustained(row, size);
            Optional<OpenLoopFile.Entry> behind = file.notKeptUp(row, size);
            List<OpenLoopFile.Entry> over = file.overBound(row, size);
            Optional<OpenLoopFile.Entry> max = file.find(row, size, "max");
            long highest = file.atSize(size).stream()
                    .filter(e -> e.row().equals(row) && !e.isMax() && e.measured())
                    .mapToLong(OpenLoopFile.Entry::offeredPerSecond)
                    .max()
                    .orElse(-1);
            String sustains = sustained
                    .map(e -> e.rate() + "/s" + (e.offeredPerSecond() == highest ? " (the highest tried)" : ""))
                    .orElse("none");
            lines.add(List.of(
                    row.label(),
                    sustains,
                    String.join(
                            ", ",
                            over.stream()
                                    .map(e -> e.rate() + "/s (p99 " + Formats.micros(e.p99Ns() / 1e3) + ")")
                                    .toList()),
                    behind.map(e -> e.rate() + "/s: " + e.saturation()).orElse("kept up with every rate"),
                    max.filter(OpenLoopFile.Entry::measured)
                            .map(e -> Formats.rate(e.achievedPerSecond()) + " (p50 "
                                    + Formats.micros(e.p50Ns() / 1e3) + ", p99 " + Formats.micros(e.p99Ns() / 1e3)
                                    + " \u00b5s)")
                            .orElse(Figures.MISSING)));
        }
        return new Grid(
                List.of(
                        "transport",
                        "sustains",
                        "kept up, p99 over the bound (\u00b5s)",
                        "not kept up",
                        "max: messages/s (latency)"),
                new boolean[] {false, true, false, false, true},
                lines);
    }
}
