package dev.ipcbench.bench;

import dev.ipcbench.os.CpuTime;
import dev.ipcbench.os.Placement;
import dev.ipcbench.peer.PeerMode;
import dev.ipcbench.report.OpenLoopFile;
import dev.ipcbench.report.ResultsFolder;
import dev.ipcbench.transport.Sizes;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The open-loop benchmark's program: one sweep of one transport, message size and wait strategy, in
 * a JVM of its own, as JMH runs a fork. {@code ipcbench run} starts it with the same {@code java},
 * class path and JVM flags as its JMH forks; it pins itself with the run's placement, starts the
 * echo peer through the same {@link Endpoint} code as the JMH benchmarks, warms up, sweeps the
 * rates, and prints one {@code RESULT} line of JSON (an {@link OpenLoopFile.Entry}) per rate.
 *
 * <pre>
 * java -cp CLASSPATH dev.ipcbench.bench.OpenLoopMain --transport tcp --size 64 [--wait spin]
 *      [--placement cross] [--rates 1k,10k,max] [--p99-bound-ns N] [--warmup-ms N] [--duration-ms N]
 *      [--min-messages N] [--max-duration-ms N] [--max-in-flight N] [--stall 10ms/200ms] [--watch-stdin]
 * </pre>
 *
 * <p>The scheduled rates go up from the lowest and stop after the first one the transport did not
 * keep up with (reported too; a rate only over the p99 bound does not stop the sweep); {@code max},
 * the capacity with a window of messages in flight, always runs last. With
 * {@code --watch-stdin} it exits when its standard input closes (its parent ended or died); it
 * always exits when its parent process is gone, and its peer with it. Exit codes: 0 swept, 1 the
 * sweep failed (a {@code FAILED} line says why), 2 bad arguments.
 */
public final class OpenLoopMain {

    /** The prefix of a result line. */
    public static final String RESULT = "RESULT ";

    /** The prefix of the line saying why the sweep failed. */
    public static final String FAILED = "FAILED ";

    /** A rate whose achieved rate is short of the offered one by more than this many percent is saturated. */
    public static final double SHORTFALL_PERCENT = 5;

    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;

    private static final double[] PERCENTILES = {50, 90, 99, 99.9, 99.99};

    private OpenLoopMain() {}

    /** The parsed command line. */
    record Arguments(
            String transport,
            int size,
            String waitStrategy,
            Placement placement,
            OpenLoopSettings settings,
            boolean watchStdin) {

        static Arguments parse(String[] args) {
            String transport = null;
            Integer size = null;
            String wait = Combinations.DEFAULT_WAIT;
            Placement placement = Placement.ANY;
            OpenLoopSettings s = OpenLoopSettings.QUICK;
            String name = s.name();
            List<OfferedRate> rates = s.rates();
            Duration bound = s.p99Bound();
            long warmup = s.warmup().toMillis();
            long duration = s.duration().toMillis();
            long minMessages = s.minMessages();
            long maxDuration = s.maxDuration().toMillis();
            int inFlight = s.maxInFlight();
            PeerStall.Spec stall = null;
            boolean watch = false;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--watch-stdin")) {
                    watch = true;
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(a + " needs a value");
                }
                String v = args[++i];
                switch (a) {
                    case "--transport" -> transport = v;
                    case "--size" -> size = Math.toIntExact(Sizes.parse(v, "--size"));
                    case "--wait" -> wait = v;
                    case "--placement" -> placement = Placement.parse(v);
                    case "--settings" -> name = v;
                    case "--rates" -> rates = OfferedRate.parseList(List.of(v.split(",")));
                    case "--p99-bound-ns" -> bound = Duration.ofNanos(Long.parseLong(v));
                    case "--warmup-ms" -> warmup = Long.parseLong(v);
                    case "--duration-ms" -> duration = Long.parseLong(v);
                    case "--min-messages" -> minMessages = Long.parseLong(v);
                    case "--max-duration-ms" -> maxDuration = Long.parseLong(v);
                    case "--max-in-flight" -> inFlight = Integer.parseInt(v);
                    case "--stall" -> stall = PeerStall.Spec.parse(v, "--stall");
                    default -> throw new IllegalArgumentException("unknown argument " + a);
                }
            }
            if (transport == null || size == null) {
                throw new IllegalArgumentException("--transport and --size are required");
            }
            OpenLoopSettings settings = new OpenLoopSettings(
                    name,
                    rates,
                    bound,
                    Duration.ofMillis(warmup),
                    Duration.ofMillis(duration),
                    minMessages,
                    Duration.ofMillis(maxDuration),
                    inFlight,
                    stall);
            return new Arguments(transport, size, wait, placement, settings, watch);
        }
    }

    public static void main(String[] args) {
        Arguments a;
        try {
            a = Arguments.parse(args);
        } catch (RuntimeException e) {
            System.err.println("ipcbench open loop: " + e.getMessage());
            System.exit(EXIT_USAGE);
            return;
        }
        watchParent(a.watchStdin());
        PrintStream out = System.out;
        try {
            sweep(a, out);
        } catch (IOException | RuntimeException e) {
            out.println(FAILED + e.getMessage());
            out.flush();
            System.exit(EXIT_FAILED);
        }
        out.flush();
        System.exit(0);
    }

    /** Runs the sweep, printing progress and one {@value #RESULT} line per rate. */
    static void sweep(Arguments a, PrintStream out) throws IOException {
        Combinations combinations = Combinations.load();
        combinations.requireValid(a.transport(), a.size(), a.waitStrategy(), a.placement());
        String why = OpenLoop.whyNot(combinations, a.transport(), a.size());
        if (why != null) {
            throw new IllegalArgumentException(a.transport() + " " + Sizes.format(a.size()) + ": " + why);
        }
        OpenLoopSettings s = a.settings();
        Pinning pinning = Pinning.apply(a.placement());
        String what = a.transport() + " " + Sizes.format(a.size())
                + (Combinations.DEFAULT_WAIT.equals(a.waitStrategy()) ? "" : " (wait " + a.waitStrategy() + ")");
        try (Endpoint endpoint = Endpoint.open(
                combinations,
                a.transport(),
                Combinations.options(a.waitStrategy()),
                PeerMode.ECHO,
                combinations.receiveBuffer(a.transport(), Math.max(a.size(), ChannelBenchmark.MIN_PEER_BUFFER), 0),
                pinning)) {
            long peerPid = endpoint.peerPid();
            OpenLoop.CpuClock cpu = new OpenLoop.CpuClock() {
                @Override
                public long self() {
                    return CpuTime.ofThisProcess();
                }

                @Override
                public long peer() {
                    return peerPid < 0 ? -1 : CpuTime.ofProcess(peerPid);
                }
            };
            OpenLoop loop = new OpenLoop(
                    endpoint.transport(), a.size(), combinations.receiveBuffer(a.transport(), a.size(), 64), what, cpu);
            PeerStall stall = s.stall() == null || peerPid < 0 ? null : PeerStall.start(peerPid, s.stall());
            try {
                warmUp(loop, a, pinning.applied(), s, out);
                boolean behind = false;
                for (OfferedRate rate : s.rates()) {
                    if (behind && !rate.isMax()) {
                        continue; // a higher rate cannot be kept up either
                    }
                    awaitQuietCompiler();
                    OpenLoop.Measurement m =
                            loop.run(rate, s.messages(rate), s.duration(), s.lagLimit(), s.maxInFlight());
                    OpenLoopFile.Entry e = entry(a, pinning.applied(), s, m);
                    behind |= !e.keptUp();
                    out.println("  " + describe(e));
                    out.println(RESULT + ResultsFolder.toJsonLine(e));
                    out.flush();
                }
            } finally {
                if (stall != null) {
                    stall.close();
                    out.println("  developer check: " + stall.summary());
                }
            }
        }
    }

    /** The highest scheduled rate the warm-up runs at. */
    private static final long WARMUP_RATE_LIMIT = 100_000;

    /**
     * Warms up every path the sweep takes, so that the JIT compiler does not compile them on the
     * measured rates' CPU: {@code max} (the window), then each scheduled rate up to 100k/s (sleeping
     * and spinning for due times, recording lateness), sharing the warm-up time; results and their
     * JSON are made and thrown away.
     */
    private static void warmUp(OpenLoop loop, Arguments a, Placement placement, OpenLoopSettings s, PrintStream out)
            throws IOException {
        if (s.warmup().isZero()) {
            return;
        }
        List<OfferedRate> rates = new ArrayList<>();
        rates.add(OfferedRate.MAX);
        s.rates().stream()
                .filter(r -> !r.isMax() && r.perSecond() <= WARMUP_RATE_LIMIT)
                .forEach(rates::add);
        Duration each = s.warmup().dividedBy(rates.size());
        for (OfferedRate r : rates) {
            long messages = r.isMax() ? 0 : Math.max(1, (long) (r.perSecond() * (each.toNanos() / 1e9)));
            OpenLoop.Measurement m = loop.run(r, messages, each, s.lagLimit(), s.maxInFlight());
            ResultsFolder.toJsonLine(entry(a, placement, s, m));
        }
        out.println("  warm-up " + OpenLoopSettings.format(s.warmup()) + " at "
                + String.join(", ", rates.stream().map(OfferedRate::label).toList()) + " done"
                + (OpenLoop.timerSlackCut ? "" : "; the sender's timer slack could not be cut"));
        out.flush();
    }

    /**
     * Waits until the JIT compiler has compiled nothing for 50 ms, at most 2 s, so that compiling what
     * ran between two rates does not take the CPU from the next one (this process has one CPU).
     */
    private static void awaitQuietCompiler() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        long last = jit.getTotalCompilationTime();
        int quiet = 0;
        while (quiet < 5 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            long now = jit.getTotalCompilationTime();
            quiet = now == last ? quiet + 1 : 0;
            last = now;
        }
    }

    /**
     * Why a combination cannot run open loop, or {@code null} when it can (besides what {@link
     * Combinations#whyInvalid} says): a transport that may lose messages (an open loop cannot tell a
     * lost echo from a late one), or a message too short for the sequence number and send time.
     */
    public static String whyNot(Combinations combinations, String alias, long size) {
        return OpenLoop.whyNot(combinations, alias, size);
    }

    /** The file's entry for a measurement: percentiles, achieved rate, saturation, CPU. */
    static OpenLoopFile.Entry entry(Arguments a, Placement placement, OpenLoopSettings s, OpenLoop.Measurement m) {
        Histogram h = m.latency();
        long[] p = new long[PERCENTILES.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = h.getValueAtPercentile(PERCENTILES[i]);
        }
        double achieved = m.achievedPerSecond();
        OfferedRate rate = m.rate();
        boolean lagged = !rate.isMax() && m.lag().getTotalCount() > 0;
        long sent = m.sent();
        return new OpenLoopFile.Entry(
                a.transport(),
                a.waitStrategy(),
                a.size(),
                placement.argument(),
                rate.label(),
                rate.isMax() ? null : rate.perSecond(),
                achieved,
                sent,
                m.spanNanos() / 1e9,
                h.getMean(),
                p[0],
                p[1],
                p[2],
                p[3],
                p[4],
                h.getMaxValue(),
                lagged ? m.lag().getValueAtPercentile(50) : null,
                lagged ? m.lag().getValueAtPercentile(99) : null,
                lagged ? m.lag().getMaxValue() : null,
                keptUp(rate, m.fellBehind(), achieved, s) == null,
                saturation(rate, m.fellBehind(), achieved, p[2], s) != null,
                saturation(rate, m.fellBehind(), achieved, p[2], s),
                perMessage(m.cpuSelf(), sent),
                perMessage(m.cpuPeer(), sent),
                percent(m.cpuSelf(), m.wallNanos()),
                percent(m.cpuPeer(), m.wallNanos()),
                OpenLoopFile.encode(h),
                null);
    }

    /**
     * Why a rate is past what the transport sustains, or {@code null}: it was not kept up (see {@link
     * #keptUp}), or its p99 is over the bound. {@code max} is never saturated: it is the capacity.
     */
    static String saturation(OfferedRate rate, boolean fellBehind, double achieved, long p99, OpenLoopSettings s) {
        if (rate.isMax()) {
            return null;
        }
        String behind = keptUp(rate, fellBehind, achieved, s);
        if (behind != null) {
            return behind;
        }
        if (p99 > s.p99Bound().toNanos()) {
            return "p99 " + OpenLoopSettings.format(Duration.ofNanos(round(p99))) + " is over the bound of "
                    + OpenLoopSettings.format(s.p99Bound());
        }
        return null;
    }

    /**
     * Why the transport did not keep up with a rate, or {@code null} when it did: the sender fell more
     * than the lag limit behind its schedule, or the achieved rate is short of the offered one by more
     * than {@value #SHORTFALL_PERCENT}%. A rate not kept up ends the sweep; one only over the p99
     * bound does not (a wait strategy that sleeps deeply is slow to wake at a low rate, and may be
     * within the bound at a higher one).
     */
    static String keptUp(OfferedRate rate, boolean fellBehind, double achieved, OpenLoopSettings s) {
        if (rate.isMax()) {
            return null;
        }
        if (fellBehind) {
            return "the sender fell more than " + OpenLoopSettings.format(s.lagLimit()) + " behind its schedule";
        }
        if (!(achieved >= rate.perSecond() * (1 - SHORTFALL_PERCENT / 100))) {
            return String.format(
                    Locale.ROOT,
                    "achieved %s/s, %.0f%% short of the offered %s/s",
                    rateText(achieved),
                    100 * (1 - achieved / rate.perSecond()),
                    rate.label());
        }
        return null;
    }

    private static long round(long nanos) {
        return nanos >= 10_000 ? nanos / 1000 * 1000 : nanos;
    }

    private static Double perMessage(long cpu, long messages) {
        return cpu < 0 || messages <= 0 ? null : (double) cpu / messages;
    }

    private static Double percent(long cpu, long wall) {
        return cpu < 0 || wall <= 0 ? null : 100.0 * cpu / wall;
    }

    private static String rateText(double perSecond) {
        if (perSecond >= 1e6) {
            return String.format(Locale.ROOT, "%.2fM", perSecond / 1e6);
        }
        if (perSecond >= 1e3) {
            return String.format(Locale.ROOT, "%.1fk", perSecond / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f", perSecond);
    }

    /** One progress line. */
    static String describe(OpenLoopFile.Entry e) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(
                Locale.ROOT,
                "%-5s p50 %s  p99 %s  p99.99 %s  achieved %s/s  cpu %s + %s  (%,d replies)",
                e.rate(),
                micros(e.p50Ns()),
                micros(e.p99Ns()),
                micros(e.p9999Ns()),
                rateText(e.achievedPerSecond()),
                pct(e.cpuSelfPercent()),
                pct(e.cpuPeerPercent()),
                e.messages()));
        if (e.saturation() != null) {
            sb.append("  SATURATED: ").append(e.saturation());
        }
        return sb.toString();
    }

    private static String micros(Long ns) {
        return ns == null ? "n/a" : String.format(Locale.ROOT, "%.1f us", ns / 1e3);
    }

    private static String pct(Double p) {
        return p == null ? "n/a" : String.format(Locale.ROOT, "%.0f%%", p);
    }

    /** Exits when the parent process is gone, and, when asked, when standard input closes. */
    private static void watchParent(boolean stdin) {
        Optional<ProcessHandle> parent = ProcessHandle.current().parent();
        daemon("ipcbench-openloop-parent-watch", () -> {
            while (parent.map(ProcessHandle::isAlive).orElse(false)) {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
            System.err.println("ipcbench open loop: the parent process is gone: exiting");
            System.exit(EXIT_FAILED);
        });
        if (stdin) {
            daemon("ipcbench-openloop-stdin-watch", () -> {
                InputStream in = System.in;
                byte[] skip = new byte[256];
                try {
                    while (in.read(skip) >= 0) {
                        // the parent sends nothing; end of file is the signal
                    }
                } catch (IOException ignored) {
                    // same as end of file
                }
                System.err.println("ipcbench open loop: standard input closed: exiting");
                System.exit(EXIT_FAILED);
            });
        }
    }

    private static void daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }

    /** For tests: the entries of a run's output lines. */
    static List<OpenLoopFile.Entry> results(List<String> lines) throws IOException {
        List<OpenLoopFile.Entry> entries = new ArrayList<>();
        for (String l : lines) {
            if (l.startsWith(RESULT)) {
                entries.add(ResultsFolder.fromJsonLine(l.substring(RESULT.length()), OpenLoopFile.Entry.class));
            }
        }
        return entries;
    }
}
