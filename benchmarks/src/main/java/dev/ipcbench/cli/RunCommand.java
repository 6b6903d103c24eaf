package dev.ipcbench.cli;

import dev.ipcbench.bench.Combinations;
import dev.ipcbench.bench.OfferedRate;
import dev.ipcbench.bench.OpenLoopSettings;
import dev.ipcbench.bench.PeerStall;
import dev.ipcbench.os.Affinity;
import dev.ipcbench.os.Placement;
import dev.ipcbench.report.EnvironmentFile;
import dev.ipcbench.report.Figures;
import dev.ipcbench.report.NativeFile;
import dev.ipcbench.report.NoiseFlags;
import dev.ipcbench.report.OpenLoopTables;
import dev.ipcbench.report.ResultTables;
import dev.ipcbench.report.ResultsFolder;
import dev.ipcbench.transport.Sizes;
import dev.ipcbench.transport.TransportRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.openjdk.jmh.profile.ProfilerException;
import org.openjdk.jmh.profile.ProfilerFactory;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.ProfilerConfig;
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
        checkJvmArgs(extra, "--jvm-args");
        checkJmhOptions(jmh);
        boolean existed = Files.exists(dir);
        OutputDirectory.check(dir, !dryRun, force);

        PrintWriter stdout = spec.commandLine().getOut();
        describe(stdout, plan, settings, openLoop, dir);
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
        Thread interrupted = new Thread(() -> interrupted(dir, !existed), "ipcbench-run-interrupted");
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
        summary(stdout, last, outcome, plan, dir);
        return outcome.failures().isEmpty() && !outcome.writeFailed() && !writeFailed
                ? IpcBench.EXIT_OK
                : IpcBench.EXIT_FAILURE;
    }

    /**
     * Says what an interrupted run kept: the folder when a results file is in it; otherwise nothing,
     * and the folder this run created goes too.
     */
    private static void interrupted(Path dir, boolean created) {
        System.err.println();
        boolean kept;
        try (Stream<Path> files = Files.list(dir)) {
            kept = files.anyMatch(f -> !f.getFileName().toString().startsWith("."));
        } catch (IOException e) {
            kept = false;
        }
        if (kept) {
            System.err.println("ipcbench run: interrupted. What was measured so far is in " + dir
                    + " (environment.json says complete: false); 'ipcbench report " + dir + "' renders it.");
        } else {
            String removed = "";
            if (created) {
                try {
                    Files.deleteIfExists(dir);
                    removed = "; the folder " + dir + " it had created is removed";
                } catch (IOException e) {
                    removed = "; the empty folder " + dir + " could not be removed: " + e.getMessage();
                }
            }
            System.err.println("ipcbench run: interrupted before anything was measured: nothing kept" + removed + ".");
        }
        System.err.flush();
    }

    /**
     * The JVM and profiler options given to JMH after {@code --}, tried before anything runs: a JVM
     * flag the JVM refuses or a profiler JMH does not know is a usage error now, not a failed run
     * after the native reference.
     */
    private static void checkJmhOptions(Options jmh) {
        List<String> jvm = new ArrayList<>();
        jvm.addAll(jmh.getJvmArgsPrepend().orElse(List.of()));
        jvm.addAll(jmh.getJvmArgs().orElse(List.of()));
        jvm.addAll(jmh.getJvmArgsAppend().orElse(List.of()));
        checkJvmArgs(jvm, "the JVM options after --");
        for (ProfilerConfig p : jmh.getProfilers()) {
            try {
                ProfilerFactory.getProfilerOrException(p);
            } catch (ProfilerException e) {
                throw new UsageException(
                        "-prof " + p.getKlass()
                                + ": JMH cannot use this profiler here ('java -jar benchmarks/target/benchmarks.jar -lprof' "
                                + "lists those it can): " + e.getMessage(),
                        e);
            }
        }
    }

    /**
     * Starts a JVM with the {@code --jvm-args} once, before anything runs, so that a flag the JVM
     * refuses fails now with its reason, not a minute into the run.
     */
    private static void checkJvmArgs(List<String> extra, String what) {
        if (extra.isEmpty()) {
            return;
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(extra);
        cmd.add("-version");
        try {
            Process p = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new UsageException(what + ": a JVM started with them did not finish 'java -version' in 60 s");
            }
            if (p.exitValue() != 0) {
                throw new UsageException(what + " '" + String.join(" ", extra) + "' are refused by the JVM: "
                        + out.strip().lines().findFirst().orElse("exit code " + p.exitValue()));
            }
        } catch (java.io.IOException e) {
            throw new UsageException(what + " could not be checked: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UsageException("interrupted while checking " + what, e);
        }
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

    private static void describe(
            PrintWriter out, RunPlan plan, JmhSettings settings, OpenLoopSettings openLoop, Path dir) {
        int runs = plan.runs(settings);
        List<String> perKind = new ArrayList<>();
        for (BenchmarkKind k : plan.kinds()) {
            if (k.isJmh()) {
                perKind.add(settings.runs(k, plan.combinations(k)) + " " + k.label());
            }
        }
        if (runs > 0) {
            out.println("ipcbench run: " + runs + " benchmark runs (" + String.join(", ", perKind) + ")"
                    + (openLoop == null ? "" : " and " + plan.sweeps() + " open-loop sweeps"));
            out.println("  settings  " + settings.describe());
        } else {
            out.println("ipcbench run: " + plan.sweeps() + " open-loop sweeps");
        }
        Duration estimate = settings.perRun().multipliedBy(runs);
        if (openLoop != null) {
            out.println("  open loop " + openLoop.describe());
            estimate = estimate.plus(openLoop.sweepEstimate().multipliedBy(plan.sweeps()));
        }
        out.println("  estimate  about " + Durations.format(estimate) + " (counting "
                + Durations.format(runs > 0 ? JmhSettings.FORK_OVERHEAD : OpenLoopSettings.START_OVERHEAD)
                + " per " + (runs > 0 ? "fork" : "sweep") + " to start and end the JVMs"
                + (openLoop == null ? "" : "; open-loop sweeps at their longest") + ")");
        if (openLoop != null && openLoop.stall() != null) {
            out.println("  STALL     developer check: the peer is stopped "
                    + openLoop.stall().describe() + "; these figures measure the stall, not the transports");
        }
        Set<String> seen = new LinkedHashSet<>();
        for (RunPlan.Skipped s : plan.skipped()) {
            seen.add(s.transport() + waitLabel(s.waitStrategy()) + " " + Sizes.format(s.size()) + ": " + s.reason());
        }
        if (!seen.isEmpty()) {
            out.println("  skipped   (cannot run here; recorded in " + ResultsFolder.ENVIRONMENT_JSON + ")");
            seen.forEach(s -> out.println("            " + s));
        }
        out.println("  results   " + dir);
    }

    private static void summary(
            PrintWriter out, ResultsFolder folder, RunExecutor.Outcome outcome, RunPlan plan, Path dir) {
        out.println();
        Figures figures = folder == null ? null : new Figures(folder);
        if (figures != null) {
            out.print(ResultTables.summary(figures));
            figures.openLoop().ifPresent(o -> {
                for (String d : OpenLoopTables.doubts(folder.environment())) {
                    out.println();
                    out.println("Open loop, doubt: " + d);
                }
                for (long size : o.sizes()) {
                    for (ResultTables.Table t : OpenLoopTables.summary(o, size)) {
                        out.println();
                        out.println("Open loop, " + lower(t.title()));
                        out.print(t.grid().text());
                    }
                }
            });
        }
        if (!plan.skipped().isEmpty()) {
            out.println();
            out.println(Figures.MISSING + " [n]: skipped, cannot run here (reasons in " + ResultsFolder.ENVIRONMENT_JSON
                    + ")");
        }
        if (!outcome.failures().isEmpty()) {
            out.println();
            out.println("FAILED (no number posted):");
            for (EnvironmentFile.Missing f : outcome.failures()) {
                out.println("  "
                        + (f.benchmark() == null
                                ? f.reason()
                                : f.benchmark() + " " + f.mode() + " " + f.transport() + waitLabel(f.waitStrategy())
                                        + " " + (f.size() == null ? "" : Sizes.format(f.size())) + ": " + f.reason()));
            }
        }
        if (figures != null) {
            List<EnvironmentFile.Flag> flags =
                    folder.environment().map(EnvironmentFile::flags).orElse(List.of());
            out.println();
            if (flags.isEmpty()) {
                out.println("No result flagged as noisy (see " + ResultsFolder.ENVIRONMENT_JSON + " for the load).");
            } else {
                out.println("Flagged: " + flags.size() + " result(s) this run has reason to doubt:");
                ResultTables.flags(flags).text().lines().forEach(l -> out.println("  " + l));
                out.println(NoiseFlags.ADVICE);
            }
        }
        out.println();
        out.println("results: " + dir);
        out.flush();
    }

    private static String lower(String title) {
        boolean acronym = title.length() > 1 && Character.isUpperCase(title.charAt(1));
        return acronym ? title : Character.toLowerCase(title.charAt(0)) + title.substring(1);
    }

    private static String waitLabel(String wait) {
        return wait == null || Combinations.DEFAULT_WAIT.equals(wait) ? "" : " (" + wait + ")";
    }

    private List<String> commandLine() {
        List<String> line = new ArrayList<>();
        line.add("ipcbench");
        line.addAll(spec.root().commandLine().getParseResult().originalArgs());
        return line;
    }
}
