package dev.ipcbench.cli;

import dev.ipcbench.bench.Combinations;
import dev.ipcbench.bench.OpenLoopMain;
import dev.ipcbench.os.Placement;
import dev.ipcbench.report.EnvironmentFile;
import dev.ipcbench.transport.Sizes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What {@code ipcbench run} will measure, validated before anything runs: the groups of valid
 * combinations (one JMH run each), and the combinations skipped with their reasons.
 *
 * <p>The baseline {@value Combinations#BASELINE} is always first. Wait strategies apply only to the
 * transports that have them, except the baseline, which always runs with its default.
 */
public final class RunPlan {

    /** The message sizes measured when none are given. */
    public static final List<Long> DEFAULT_SIZES = List.of(64L, 1024L, 32768L, 1048576L);

    /** The wait strategies swept for transports that have them, when none are given. */
    public static final List<String> DEFAULT_WAITS = List.of("spin", "backoff");

    /**
     * The default wait strategies with both processes on one CPU, where busy-spinning cannot run:
     * {@code yield} takes its place.
     */
    public static final List<String> DEFAULT_WAITS_ON_ONE_CPU = List.of("yield", "backoff");

    /**
     * One JMH run: one benchmark over one transport and wait strategy, at every valid size.
     *
     * @param sizes ascending, each valid for this transport and wait strategy
     */
    public record Group(BenchmarkKind kind, String transport, String waitStrategy, List<Long> sizes) {
        public Group {
            sizes = List.copyOf(sizes);
        }
    }

    /** A combination that cannot run here, and why. */
    public record Skipped(BenchmarkKind kind, String transport, long size, String waitStrategy, String reason) {
        /** The entry of {@code environment.json}'s {@code skipped} list. */
        public EnvironmentFile.Missing toFile() {
            return new EnvironmentFile.Missing(kind.label(), null, transport, size, waitStrategy, reason);
        }
    }

    private final List<BenchmarkKind> kinds;
    private final List<String> transports;
    private final List<Long> sizes;
    private final Map<String, List<String>> waits;
    private final List<Group> groups;
    private final List<Skipped> skipped;

    private RunPlan(
            List<BenchmarkKind> kinds,
            List<String> transports,
            List<Long> sizes,
            Map<String, List<String>> waits,
            List<Group> groups,
            List<Skipped> skipped) {
        this.kinds = List.copyOf(kinds);
        this.transports = List.copyOf(transports);
        this.sizes = List.copyOf(sizes);
        this.waits = Collections.unmodifiableMap(new LinkedHashMap<>(waits));
        this.groups = List.copyOf(groups);
        this.skipped = List.copyOf(skipped);
    }

    /**
     * Validates a selection and plans it for runs under {@code placement}, which can rule
     * combinations out. A {@code null} or empty list means the default: every transport, {@link
     * #DEFAULT_SIZES}, {@link #DEFAULT_WAITS}, the {@link BenchmarkKind#DEFAULTS JMH benchmarks}. The
     * open loop also skips what it cannot measure (transports that may lose messages, messages too
     * short for its header).
     *
     * @param baseline whether to add the baseline when {@code transports} does not name it
     * @throws UsageException for an unknown transport or wait strategy, a size that is not a size,
     *     a size over the maximum of every chosen transport, or nothing valid to run
     */
    public static RunPlan build(
            Combinations combinations,
            List<String> transports,
            List<String> sizes,
            List<String> waits,
            List<BenchmarkKind> benchmarks,
            boolean baseline,
            Placement placement) {
        Objects.requireNonNull(combinations, "combinations");
        List<BenchmarkKind> kinds = benchmarks == null || benchmarks.isEmpty()
                ? BenchmarkKind.DEFAULTS
                : List.copyOf(new TreeSet<>(benchmarks));
        List<String> chosen = parseTransports(combinations, transports);
        List<Long> sizeList = parseSizes(sizes);
        List<String> waitList = parseWaits(combinations, waits, placement);

        checkSizesFit(combinations, chosen, sizeList);

        List<String> all = new ArrayList<>();
        if (baseline || chosen.contains(Combinations.BASELINE)) {
            all.add(Combinations.BASELINE);
        }
        chosen.stream().filter(t -> !Combinations.isBaseline(t)).forEach(all::add);

        Map<String, List<String>> waitsByTransport = new LinkedHashMap<>();
        for (String t : all) {
            waitsByTransport.put(
                    t,
                    sweepsWaits(combinations, t)
                            ? waitList
                            : List.of(
                                    Combinations.isBaseline(t) ? baselineWait(placement) : Combinations.DEFAULT_WAIT));
        }
        if (waits != null && !waits.isEmpty() && all.stream().noneMatch(t -> sweepsWaits(combinations, t))) {
            throw new UsageException("--waits applies only to transports with wait strategies ("
                    + String.join(", ", waitSweepingTransports(combinations)) + "), and none of them is chosen");
        }

        List<Group> groups = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (BenchmarkKind kind : kinds) {
            for (String t : all) {
                for (String w : waitsByTransport.get(t)) {
                    List<Long> valid = new ArrayList<>();
                    for (long size : sizeList) {
                        String reason = combinations.whyInvalid(t, size, w, placement);
                        if (reason == null && kind == BenchmarkKind.OPEN_LOOP) {
                            reason = OpenLoopMain.whyNot(combinations, t, size);
                        }
                        if (reason == null) {
                            valid.add(size);
                        } else {
                            skipped.add(new Skipped(kind, t, size, w, reason));
                        }
                    }
                    if (!valid.isEmpty()) {
                        groups.add(new Group(kind, t, w, valid));
                    }
                }
            }
        }
        if (groups.isEmpty()) {
            StringBuilder why = new StringBuilder("nothing to run: no chosen combination can run here");
            new LinkedHashSet<>(skipped.stream().map(Skipped::reason).toList())
                    .forEach(
                            r -> why.append(System.lineSeparator()).append("  ").append(r));
            throw new UsageException(why.toString());
        }
        return new RunPlan(kinds, all, sizeList, waitsByTransport, groups, skipped);
    }

    /** Whether the command sweeps wait strategies for this transport (the baseline keeps its default). */
    static boolean sweepsWaits(Combinations combinations, String alias) {
        return combinations.hasWaitStrategies(alias) && !Combinations.isBaseline(alias);
    }

    private static List<String> waitSweepingTransports(Combinations combinations) {
        return combinations.withWaitStrategies().stream()
                .filter(t -> sweepsWaits(combinations, t))
                .toList();
    }

    private static List<String> parseTransports(Combinations combinations, List<String> transports) {
        if (transports == null || transports.isEmpty()) {
            return combinations.aliases();
        }
        LinkedHashSet<String> chosen = new LinkedHashSet<>();
        for (String raw : transports) {
            String t = raw.trim();
            if (t.isEmpty()) {
                throw new UsageException("--transports has an empty name; known transports: "
                        + String.join(", ", combinations.aliases()));
            }
            if (!combinations.isKnown(t)) {
                throw new UsageException(combinations.unknownTransportMessage(t));
            }
            chosen.add(t);
        }
        return new ArrayList<>(chosen);
    }

    private static List<Long> parseSizes(List<String> sizes) {
        if (sizes == null || sizes.isEmpty()) {
            return DEFAULT_SIZES;
        }
        TreeSet<Long> parsed = new TreeSet<>();
        for (String s : sizes) {
            long size;
            try {
                size = Sizes.parse(s, "--sizes");
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage(), e);
            }
            if (size < 1) {
                throw new UsageException("--sizes: a message is at least 1 byte, not '" + s.trim() + "'");
            }
            parsed.add(size);
        }
        return new ArrayList<>(parsed);
    }

    /**
     * The baseline's wait strategy: the fastest that works under {@code placement} (busy-spin, or
     * yield with both threads on one CPU), so that it is the in-process figure to beat.
     */
    static String baselineWait(Placement placement) {
        return placement == Placement.SAME ? "yield" : "spin";
    }

    private static List<String> parseWaits(Combinations combinations, List<String> waits, Placement placement) {
        if (waits == null || waits.isEmpty()) {
            return placement == Placement.SAME ? DEFAULT_WAITS_ON_ONE_CPU : DEFAULT_WAITS;
        }
        LinkedHashSet<String> parsed = new LinkedHashSet<>();
        for (String raw : waits) {
            String w = raw.trim();
            if (!combinations.isKnownWait(w)) {
                throw new UsageException("unknown wait strategy '" + w + "'; known: " + Combinations.DEFAULT_WAIT + ", "
                        + String.join(", ", combinations.allWaitStrategies()));
            }
            parsed.add(w);
        }
        return new ArrayList<>(parsed);
    }

    /**
     * Fails for a size that no chosen transport can carry. The baseline counts only when it was
     * named, or is the only transport, since it carries any size.
     */
    private static void checkSizesFit(Combinations combinations, List<String> chosen, List<Long> sizes) {
        List<String> judged =
                chosen.stream().filter(t -> !Combinations.isBaseline(t)).toList();
        if (judged.isEmpty()) {
            judged = chosen;
        }
        for (long size : sizes) {
            long largest = 0;
            List<String> limits = new ArrayList<>();
            for (String t : judged) {
                int max = combinations.maxMessageSize(t, Combinations.options(Combinations.DEFAULT_WAIT));
                largest = Math.max(largest, max);
                limits.add(t + " " + Sizes.format(max));
            }
            if (size > largest) {
                throw new UsageException("--sizes: " + Sizes.format(size) + " (" + size
                        + " bytes) is over the maximum message of every chosen transport ("
                        + String.join(", ", limits) + ")");
            }
        }
    }

    /** The benchmarks, in run order. */
    public List<BenchmarkKind> kinds() {
        return kinds;
    }

    /** The transports, the baseline first. */
    public List<String> transports() {
        return transports;
    }

    /** The message sizes, ascending. */
    public List<Long> sizes() {
        return sizes;
    }

    /** The wait strategies per transport. */
    public Map<String, List<String>> waits() {
        return waits;
    }

    /** The JMH runs to do, in order. */
    public List<Group> groups() {
        return groups;
    }

    /** The combinations skipped, with reasons. */
    public List<Skipped> skipped() {
        return skipped;
    }

    /** The number of valid (transport, size, wait) combinations of {@code kind}. */
    public int combinations(BenchmarkKind kind) {
        return groups.stream()
                .filter(g -> g.kind() == kind)
                .mapToInt(g -> g.sizes().size())
                .sum();
    }

    /** The number of JMH runs (parameter set × mode) these settings make; open-loop sweeps are not JMH runs. */
    public int runs(JmhSettings settings) {
        int n = 0;
        for (BenchmarkKind k : kinds) {
            if (k.isJmh()) {
                n += settings.runs(k, combinations(k));
            }
        }
        return n;
    }

    /** The number of open-loop sweeps: one per transport, wait strategy and size. */
    public int sweeps() {
        return combinations(BenchmarkKind.OPEN_LOOP);
    }

    /** The selection, for {@code environment.json}. */
    public EnvironmentFile.Selection toFile() {
        return new EnvironmentFile.Selection(
                kinds.stream().map(BenchmarkKind::label).toList(), transports, sizes, waits);
    }
}
