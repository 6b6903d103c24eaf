package dev.ipcbench.cli;

import dev.ipcbench.bench.Combinations;
import dev.ipcbench.bench.OfferedRate;
import dev.ipcbench.bench.OpenLoopSettings;
import dev.ipcbench.bench.PeerStall;
import dev.ipcbench.os.Affinity;
import dev.ipcbench.os.Placement;
import dev.ipcbench.report.NativeFile;
import dev.ipcbench.report.ResultsFolder;
import dev.ipcbench.transport.TransportRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ipcbench run}: its options and their checks. {@link RunPlan} decides what runs, {@link
 * RunExecutor} runs it through JMH and {@link ResultsWriter} writes the folder; this prints the
 * plan before and the summary after.
 */
@Command(
        name = "run",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        description = {
            "Runs the benchmarks over the chosen transports and sizes, writes jmh.json, jmh-histograms.hlog and "
                    + "environment.json, and prints a summary.",
            "",
            "--quick (the default) takes a first look: 1 fork, 2 x 500 ms warm-up, 5 x 300 ms measurement, round "
                    + "trips in SampleTime only (the mean is SampleTime's). --full measures for publishing: 5 forks, "
                    + "3 x 1 s warm-up, 5 x 1 s measurement, round trips in AverageTime and SampleTime, and the "
                    + "open loop. The estimated time is printed before anything runs.",
            "",
            "The open loop (--benchmarks openloop; in --full by default) sends on a fixed schedule at each rate of "
                    + "--rates, times each reply from when its message was due, and reports the latency-vs-rate "
                    + "curve, the saturation rate (the highest rate kept up with p99 within --p99-bound) and the CPU "
                    + "of both processes at each rate, in openloop.json.",
            "",
            "JMH options after -- pass through to JMH and override these settings (for example -- -f 5 -i 20 "
                    + "-prof gc); they are recorded in environment.json. Benchmarks, parameters and result files "
                    + "are this command's own.",
            "",
            "Round-trip percentiles come from a closed loop (ping-pong), which hides queueing delay "
                    + "(coordinated omission).",
            ""
        },
        footer = {
            "",
            "Combinations a transport cannot do here (udp at 1 MiB, an unavailable transport) are skipped "
                    + "and recorded with their reason in environment.json.",
            "Exit codes: 0 all measured, 1 a benchmark failed, 2 bad arguments (nothing ran)."
        })
public final class RunCommand implements Callable<Integer> {

    /** JMH options this command sets itself, refused after {@code --}. */
    private static final Set<String> OWN_JMH_OPTIONS =
            Set.of("-p", "-rf", "-rff", "-o", "-e", "-l", "-lp", "-lrf", "-h");

    @Spec
    CommandSpec spec;

    @Option(
            names = "--transports",
            split = ",",
            paramLabel = "ALIAS",
            description = "Transports to measure (default: all; see 'ipcbench list'). "
                    + "The in-process baseline inproc is always added first unless --no-baseline.")
    List<String> transports;

    @Option(
            names = "--sizes",
            split = ",",
            paramLabel = "SIZE",
            description = "Message sizes: bytes, or with K, M suffix (default: 64,1K,32K,1M).")
    List<String> sizes;

    @Option(
            names = "--waits",
            split = ",",
            paramLabel = "WAIT",
            description = "Wait strategies swept for the shared-memory transports: default, spin, yield, backoff, "
                    + "park (default: spin,backoff). Other transports always use their own.")
    List<String> waits;

    @Option(
            names = "--benchmarks",
            split = ",",
            paramLabel = "NAME",
            converter = BenchmarkKind.Converter.class,
            description = "roundtrip, throughput, openloop (default: roundtrip and throughput; with --full all three).")
    List<BenchmarkKind> benchmarks;

    @Option(
            names = "--rates",
            split = ",",
            paramLabel = "RATE",
            description = "Open loop: the rates swept, messages/s with k or M suffix, and max (as fast as a window of "
                    + "128 messages in flight allows) (default: 1k,10k,100k,1M,max). Above 0, at most 10M.")
    List<String> rates;

    @Option(
            names = "--p99-bound",
            paramLabel = "DURATION",
            description = "Open loop: a rate whose p99 is over this is saturated and ends the sweep (default: 1ms).")
    String p99Bound;

    @Option(
            names = "--stall",
            paramLabel = "STOP/EVERY",
            description = "Developer check, not for real runs: stop the peer process (SIGSTOP/SIGCONT) for STOP every "
                    + "EVERY, e.g. 10ms/200ms, in the round-trip and open-loop benchmarks; recorded in "
                    + "environment.json.")
    String stall;

    @Option(
            names = "--placement",
            paramLabel = "WHERE",
            description = "same: both processes on one CPU; cross: benchmark on one CPU, peer on another; any: "
                    + "unpinned. Default: cross where two CPUs can be pinned (then same, then any).")
    Placement placement;

    @ArgGroup(exclusive = true)
    Length length;

    /** {@code --quick} or {@code --full}, never both. */
    static final class Length {
        @Option(names = "--quick", required = true, description = "Short settings for a first look (the default).")
        boolean quick;

        @Option(
                names = "--full",
                required = true,
                description = "Proper forks, warm-up and measurement for publishable numbers.")
        boolean full;
    }

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Where to write the results (default: results/<date>-<host>).")
    Path out;

    @Option(
            names = "--jvm-args",
            paramLabel = "ARGS",
            description = "Extra JVM arguments for the benchmark JVMs, separated by spaces, e.g. \"-Xmx1g\".")
    String jvmArgs;

    @Option(
            names = "--classpath",
            paramLabel = "JAR[:JAR...]",
            description = "Plug-in jars: transports from outside ipcbench (and what they need), for this JVM, "
                    + "JMH's forks and every peer. A provider that cannot be loaded stops the run before it "
                    + "starts, naming the jar and the class.")
    String classpath;

    @Option(names = "--no-baseline", description = "Do not add the in-process baseline.")
    boolean noBaseline;

    @Option(
            names = "--force",
            description = "Replace the results in --out DIR if it already holds some (a run never does otherwise).")
    boolean force;

    @Option(names = "--dry-run", description = "Validate and show the plan and estimated time; measure nothing.")
    boolean dryRun;

    @Option(
            names = {"-v", "--verbose"},
            description = "Show JMH's own output.")
    boolean verbose;

    @Parameters(paramLabel = "JMH-OPTION", description = "After --: options for JMH (see java -jar benchmarks.jar -h).")
    List<String> jmhOptions = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        CommandLineOptions jmh = jmhOptions();
        JmhSettings settings = (length != null && length.full ? JmhSettings.FULL : JmhSettings.QUICK).with(jmh);
        List<Path> jars = PluginClassPath.parse(classpath);
        TransportRegistry registry = PluginClassPath.registry(jars);
        Combinations combinations = new Combinations(registry);
        PlacementChoice where = PlacementChoice.decide(placement, Affinity.detect());
        boolean full = length != null && length.full;
        List<BenchmarkKind> kinds = benchmarks != null && !benchmarks.isEmpty()
                ? benchmarks
                : full ? List.of(BenchmarkKind.values()) : BenchmarkKind.DEFAULTS;
        RunPlan plan = RunPlan.build(combinations, transports, sizes, waits, kinds, !noBaseline, where.applied());
        PeerStall.Spec stallSpec = stallSpec();
        OpenLoopSettings openLoop = openLoopSettings(plan, full, stallSpec);
        if (!dryRun && !PluginClassPath.onClassPath(jars)) {
            // JMH's forks and the peers take java.class.path: run where the jars are on it.
            return PluginClassPath.runInChild(
                    jars,
                    registry,
                    spec.root().commandLine().getParseResult().originalArgs(),
                    spec.commandLine().getOut(),
                    spec.commandLine().getErr());
        }
        List<String> extra = jvmArgs == null || jvmArgs.isBlank()
                ? List.of()
                : Arrays.asList(jvmArgs.trim().split("\\s+"));
        Path dir = out != null
                ? out
                : OutputDirectory.defaultFor(OutputDirectory.base(), OutputDirectory.today(), Environment.hostName());
        JvmOptionsCheck.checkJvmArgs(extra, "--jvm-args");
        JvmOptionsCheck.checkJmhOptions(jmh);
        boolean existed = Files.exists(dir);
        OutputDirectory.check(dir, !dryRun, force);

        PrintWriter stdout = spec.commandLine().getOut();
        RunConsole.describe(stdout, plan, settings, openLoop, dir);
        int nativeCases =
                NativeReference.cases(plan, combinations, where.applied()).size();
        if (nativeCases > 0) {
            stdout.println("  native    " + nativeCases + " C measurements at the start and at the end, about "
                    + Durations.format(NativeReference.estimate(nativeCases, settings))
                    + " (the native reference; skipped, with the reason, without a C compiler)");
        }
        stdout.println("  placement " + where.describe());
        if (dryRun) {
            stdout.println("dry run: nothing measured, nothing written");
            stdout.flush();
            return IpcBench.EXIT_OK;
        }
        stdout.flush();

        List<String> forkArgs =
                jmh.getJvmArgs().hasValue() ? List.copyOf(jmh.getJvmArgs().get()) : Environment.hostJvmArguments();
        List<String> append = new ArrayList<>(jmh.getJvmArgsAppend().orElse(List.of()));
        append.addAll(extra);
        append.addAll(JvmFlags.missing(
                JvmFlags.featureOf(
                        jmh.getJvm().hasValue() ? Path.of(jmh.getJvm().get()) : null),
                forkArgs));
        for (String t : plan.transports()) {
            if (!Combinations.isBaseline(t)) {
                for (String flag : combinations.provider(t).jvmArguments()) {
                    if (!forkArgs.contains(flag) && !append.contains(flag)) {
                        append.add(flag); // what the transport needs in the JVM that binds it
                    }
                }
            }
        }
        List<String> openLoopArgs = new ArrayList<>(forkArgs);
        openLoopArgs.addAll(append); // an open-loop JVM starts as a JMH fork does
        if (stallSpec != null) {
            append.add("-D" + PeerStall.PROPERTY + "=" + stallSpec.argument());
        }
        OpenLoopRunner.Launch launch = new OpenLoopRunner.Launch(
                jmh.getJvm().hasValue()
                        ? jmh.getJvm().get()
                        : Path.of(System.getProperty("java.home"), "bin", "java")
                                .toString(),
                openLoopArgs,
                System.getProperty("java.class.path"));
        ResultsWriter writer = new ResultsWriter(new ResultsWriter.Run(
                dir,
                combinations,
                plan,
                settings,
                jmhOptions,
                extra,
                where,
                Environment.machine(Environment.repository()),
                commandLine(),
                jars.stream().map(Path::toString).toList(),
                openLoop,
                stallSpec));
        writer.conditions(MachineState.conditions());
        Thread interrupted = new Thread(() -> RunConsole.interrupted(dir, !existed), "ipcbench-run-interrupted");
        Runtime.getRuntime().addShutdownHook(interrupted);
        RunExecutor.Outcome outcome;
        ResultsFolder last = null;
        boolean writeFailed = false;
        try (NativeReference reference = NativeReference.prepare(plan, combinations, where, settings)) {
            if (reference.skipped() != null) {
                stdout.println("  native    skipped: " + reference.skipped());
            }
            reference.measure(NativeFile.START, stdout);
            writer.nativeReference(reference.file());
            outcome = new RunExecutor(
                            plan, settings, jmh, append, where.applied().argument(), verbose, openLoop, launch)
                    .run(writer, System.out, spec.commandLine().getErr());
            reference.measure(NativeFile.END, stdout);
            writer.nativeReference(reference.file());
            try {
                last = writer.write(outcome.results(), outcome.failures(), true);
            } catch (java.io.IOException e) {
                writeFailed = true;
                spec.commandLine().getErr().println("ipcbench run: cannot write results to " + dir + ": " + e);
            }
        } catch (java.io.IOException e) {
            spec.commandLine().getErr().println("ipcbench run: could not remove the native reference's files: " + e);
            return IpcBench.EXIT_FAILURE;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(interrupted);
            } catch (IllegalStateException e) {
                // already shutting down: the hook says what was kept
            }
        }
        RunConsole.summary(stdout, last, outcome, plan, dir);
        return outcome.failures().isEmpty() && !outcome.writeFailed() && !writeFailed
                ? IpcBench.EXIT_OK
                : IpcBench.EXIT_FAILURE;
    }

    /** The peer stall of {@code --stall}, or {@code null}. */
    private PeerStall.Spec stallSpec() {
        if (stall == null) {
            return null;
        }
        try {
            return PeerStall.Spec.parse(stall, "--stall");
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    /**
     * The open loop's settings ({@code --quick} or {@code --full}, then {@code --rates}, {@code
     * --p99-bound}, {@code --stall}), or {@code null} when the plan has no open loop; its options
     * without it are a usage error.
     */
    private OpenLoopSettings openLoopSettings(RunPlan plan, boolean full, PeerStall.Spec stallSpec) {
        if (!plan.kinds().contains(BenchmarkKind.OPEN_LOOP)) {
            if (rates != null || p99Bound != null) {
                throw new UsageException((rates != null ? "--rates" : "--p99-bound")
                        + " applies to the open loop only; add --benchmarks openloop");
            }
            return null;
        }
        OpenLoopSettings s = full ? OpenLoopSettings.FULL : OpenLoopSettings.QUICK;
        try {
            if (rates != null) {
                s = s.withRates(OfferedRate.parseList(rates));
            }
            if (p99Bound != null) {
                s = s.withP99Bound(OpenLoopSettings.parseDuration(p99Bound, "--p99-bound"));
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException((e.getMessage().startsWith("--") ? "" : "--rates: ") + e.getMessage(), e);
        }
        return s.withStall(stallSpec);
    }

    /** The JMH options after {@code --}, checked by JMH's own parser. */
    private CommandLineOptions jmhOptions() {
        for (String o : jmhOptions) {
            if (OWN_JMH_OPTIONS.contains(o)) {
                throw new UsageException("JMH option " + o + " is ipcbench run's own: use its options instead");
            }
        }
        try {
            CommandLineOptions options = new CommandLineOptions(jmhOptions.toArray(String[]::new));
            if (!options.getIncludes().isEmpty()) {
                throw new UsageException("after --, only JMH options: '" + String.join(" ", options.getIncludes())
                        + "' is not one (choose benchmarks with --benchmarks)");
            }
            return options;
        } catch (CommandLineOptionException e) {
            throw new UsageException("bad JMH option after --: " + e.getMessage(), e);
        }
    }

    private List<String> commandLine() {
        List<String> line = new ArrayList<>();
        line.add("ipcbench");
        line.addAll(spec.root().commandLine().getParseResult().originalArgs());
        return line;
    }
}
