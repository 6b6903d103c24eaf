package dev.ipcbench.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import org.HdrHistogram.Histogram;

/**
 * {@value #FILE}: the open-loop benchmark's results, one entry per transport, wait strategy, size
 * and offered rate, with the settings of the sweep. {@code run} writes it and {@code report} and
 * {@code compare} read it through {@link ResultsFolder}, with these very types. All times are in
 * nanoseconds, rates in messages per second.
 *
 * @param format {@value #FORMAT}
 * @param settings how the sweeps ran
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OpenLoopFile(String format, Settings settings, List<Entry> entries) {

    /** The file's name in a results folder. */
    public static final String FILE = "openloop.json";

    /** The format's name and version. */
    public static final String FORMAT = "ipcbench-openloop/1";

    public OpenLoopFile {
        entries = entries == null ? List.of() : List.copyOf(entries);
    }

    /**
     * How the sweeps ran (also in {@code environment.json}).
     *
     * @param mode {@code quick} or {@code full}
     * @param rates the rates offered, ascending, {@code max} last
     * @param p99BoundNs the saturation bound: a rate whose p99 is over it is saturated
     * @param durationMs how long each rate is measured at least...
     * @param minMessages ...extended until this many replies have come back...
     * @param maxDurationMs ...but never longer than this
     * @param lagLimitMs how far the sender may fall behind its schedule before the rate is given up
     * @param maxInFlight how many messages the {@code max} rate keeps in flight
     * @param shortfallPercent a rate whose achieved rate is short of the offered one by more than
     *     this is saturated
     * @param stall the peer stall of a developer check ({@code 10 ms every 200 ms}); {@code null} in
     *     every real run
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Settings(
            String mode,
            List<String> rates,
            long p99BoundNs,
            long warmupMs,
            long durationMs,
            long minMessages,
            long maxDurationMs,
            long lagLimitMs,
            int maxInFlight,
            double shortfallPercent,
            String stall) {

        public Settings {
            rates = rates == null ? List.of() : List.copyOf(rates);
        }
    }

    /**
     * One rate of one sweep. A failed rate has {@code error} and no figures.
     *
     * @param rate the offered rate as written ({@code 10k}, {@code max})
     * @param offeredPerSecond the offered rate, {@code null} for {@code max}
     * @param achievedPerSecond replies per second over the span from the schedule's start to the last
     *     reply
     * @param messages replies measured (every message sent was received and checked)
     * @param seconds that span
     * @param p50Ns percentiles of the latency from each message's due time (for {@code max}: its send
     *     time) to its reply's arrival; likewise {@code p90Ns} to {@code maxNs}
     * @param sendLagP50Ns how late the sender sent, from the due time (the load generator's own
     *     lateness, already inside the latency); {@code null} for {@code max}
     * @param keptUp whether the transport kept up: the achieved rate within the shortfall of the
     *     offered one and the sender never further behind than the lag limit; a rate not kept up ends
     *     the sweep
     * @param saturated whether this rate is past what the transport sustains: not kept up, or p99
     *     over the bound
     * @param saturation why, {@code null} when not saturated
     * @param cpuSelfNsPerMessage CPU time (user + system) of the benchmark process per reply, its
     *     load generator included; {@code null} when unknown
     * @param cpuPeerNsPerMessage the peer process's; {@code null} for the in-process baseline
     * @param cpuSelfPercent the benchmark process's CPU time over the wall time, in % of one core
     * @param cpuPeerPercent the peer's
     * @param histogram the latency histogram, HdrHistogram's compressed encoding in base64
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(
            String transport,
            @JsonProperty("wait") String waitStrategy,
            long size,
            String placement,
            String rate,
            Long offeredPerSecond,
            Double achievedPerSecond,
            Long messages,
            Double seconds,
            Double meanNs,
            Long p50Ns,
            Long p90Ns,
            Long p99Ns,
            Long p999Ns,
            Long p9999Ns,
            Long maxNs,
            Long sendLagP50Ns,
            Long sendLagP99Ns,
            Long sendLagMaxNs,
            boolean keptUp,
            boolean saturated,
            String saturation,
            Double cpuSelfNsPerMessage,
            Double cpuPeerNsPerMessage,
            Double cpuSelfPercent,
            Double cpuPeerPercent,
            String histogram,
            String error) {

        /** The row of tables this entry belongs to. */
        @JsonIgnore
        public Row row() {
            return Row.of(transport, waitStrategy);
        }

        /** Whether this is the {@code max} rate. */
        @JsonIgnore
        public boolean isMax() {
            return offeredPerSecond == null;
        }

        /** Whether the rate was measured (no error). */
        @JsonIgnore
        public boolean measured() {
            return error == null && p50Ns != null;
        }

        /** The latency histogram, decoded; empty when there is none. */
        public Optional<Histogram> decodeHistogram() {
            return histogram == null ? Optional.empty() : Optional.of(decode(histogram));
        }

        /** The key {@code compare} matches entries by: transport, wait, size, rate. */
        @JsonIgnore
        public String key() {
            return row().label() + " " + size + " " + rate;
        }
    }

    /** A histogram as HdrHistogram encodes it: compressed, then base64. */
    public static String encode(Histogram h) {
        ByteBuffer b = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int n = h.encodeIntoCompressedByteBuffer(b, Deflater.BEST_COMPRESSION);
        byte[] bytes = new byte[n];
        b.flip();
        b.get(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /**
     * Decodes {@link #encode}'s text.
     *
     * @throws IllegalArgumentException when it is not such a histogram
     */
    public static Histogram decode(String base64) {
        try {
            return Histogram.decodeFromCompressedByteBuffer(
                    ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
        } catch (DataFormatException | RuntimeException e) {
            throw new IllegalArgumentException("not an encoded HdrHistogram: " + e.getMessage(), e);
        }
    }

    /** The entries of one size, in file order. */
    public List<Entry> atSize(long size) {
        return entries.stream().filter(e -> e.size() == size).toList();
    }

    /** The sizes, ascending. */
    public List<Long> sizes() {
        return entries.stream().map(Entry::size).distinct().sorted().toList();
    }

    /** The rows (transport and wait) at {@code size}, in file order. */
    public List<Row> rows(long size) {
        List<Row> rows = new ArrayList<>();
        for (Entry e : atSize(size)) {
            if (!rows.contains(e.row())) {
                rows.add(e.row());
            }
        }
        return rows;
    }

    /** The rate labels at {@code size}, by offered rate, {@code max} last. */
    public List<String> rates(long size) {
        return atSize(size).stream()
                .sorted(Comparator.comparingLong(e -> e.isMax() ? Long.MAX_VALUE : e.offeredPerSecond()))
                .map(Entry::rate)
                .distinct()
                .toList();
    }

    /** The entry of a row, size and rate. */
    public Optional<Entry> find(Row row, long size, String rate) {
        return entries.stream()
                .filter(e ->
                        e.size() == size && e.rate().equals(rate) && e.row().equals(row))
                .findFirst();
    }

    /**
     * The saturation rate of a row at {@code size}: the highest offered rate that was measured, kept
     * up and had its p99 within the bound. Empty when none was.
     */
    public Optional<Entry> sustained(Row row, long size) {
        return atSize(size).stream()
                .filter(e -> e.row().equals(row) && !e.isMax() && e.measured() && !e.saturated())
                .max(Comparator.comparingLong(Entry::offeredPerSecond));
    }

    /** The offered rates of a row at {@code size} that were kept up but had their p99 over the bound. */
    public List<Entry> overBound(Row row, long size) {
        return atSize(size).stream()
                .filter(e -> e.row().equals(row) && !e.isMax() && e.measured() && e.keptUp() && e.saturated())
                .toList();
    }

    /** The first rate of a row at {@code size} the transport did not keep up with, when the sweep reached one. */
    public Optional<Entry> notKeptUp(Row row, long size) {
        return atSize(size).stream()
                .filter(e -> e.row().equals(row) && !e.isMax() && e.measured() && !e.keptUp())
                .findFirst();
    }

    /** This file with {@code more} entries after its own. */
    public OpenLoopFile plus(List<Entry> more) {
        List<Entry> all = new ArrayList<>(entries);
        all.addAll(more);
        return new OpenLoopFile(format, settings, all);
    }

    /** The file beside a {@code jmh.json}, when there is one. */
    public static Optional<OpenLoopFile> beside(Path jmhJson) throws ResultsException {
        Path parent = jmhJson.toAbsolutePath().getParent();
        Path file = parent == null ? null : parent.resolve(FILE);
        if (file == null || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        OpenLoopFile f = ResultsFolder.readJson(file, OpenLoopFile.class, "an open-loop results file");
        if (f.format() == null || !f.format().startsWith("ipcbench-openloop/")) {
            throw new ResultsException(file, "not an open-loop results file: format is " + f.format());
        }
        return Optional.of(f);
    }
}
