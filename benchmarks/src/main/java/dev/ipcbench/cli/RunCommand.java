package dev.ipcbench.cli;

import dev.ipcbench.bench.Combinations;
import dev.ipcbench.bench.CpuCostProfiler;
import dev.ipcbench.os.Affinity;
import dev.ipcbench.report.Json;
import dev.ipcbench.report.Measurement;
import dev.ipcbench.report.SummaryTable;
import dev.ipcbench.transport.Sizes;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.util.Version;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ipcbench run}: validates the selection, runs the valid combinations through JMH (one
 * {@code Runner.run()} per benchmark, transport and wait strategy), shows progress, writes {@value
 * #JMH_JSON} (JMH's own JSON, baseline first) and {@value #ENVIRONMENT_JSON}, and prints a summary.
 * Exit codes: 0 every run produced a result, 1 a run failed, 2 bad arguments (nothing ran).
 */
@Command(
        name = "run",
        sortOptions = false,
        description = {
            "Runs the benchmarks over the chosen transports and sizes, writes jmh.json and environment.json, "
                    + "and prints a summary.",
            "",
            "--quick (the default) takes a first look in at most about 10 minutes for everything: 1 fork, "
                    + "1 x 400 ms warm-up, 2 x 400 ms measurement, and round trips in SampleTime only (the "
                    + "summary's mean is SampleTime's mean). --full measures for publishing: 3 forks, "
                    + "5 x 1 s warm-up, 10 x 1 s measurement, round trips in AverageTime and SampleTime. "
                    + "The estimated time is printed before anything runs.",
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

    /** JMH's JSON results, unchanged but for their order. */
    public static final String JMH_JSON = "jmh.json";

    /** The machine, the settings and the skipped combinations. */
    public static final String ENVIRONMENT_JSON = "environment.json";

    private static final Duration QUICK_BUDGET = Duration.ofMinutes(10);

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
            description = "Message sizes: bytes, or with K, M suffix (default: 64,1024,32K,1M).")
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
            description = "roundtrip, throughput (default: both).")
    List<String> benchmarks;

    @Option(
            names = "--placement",
            paramLabel = "WHERE",
            description = "same: both processes on one CPU; cross: benchmark on one CPU, peer on another; any: "
                    + "unpinned. Default: cross where two CPUs can be pinned (then same, then any).")
    String placement;

    @Option(names = "--quick", description = "Short settings, about 10 minutes for everything (the default).")
    boolean quick;

    @Option(names = "--full", description = "Proper forks, warm-up and measurement for publishable numbers.")
    boolean full;

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

    @Option(names = "--no-baseline", description = "Do not add the in-process baseline.")
    boolean noBaseline;

    @Option(names = "--dry-run", description = "Validate and show the plan and estimated time; measure nothing.")
    boolean dryRun;

    @Option(
            names = {"-v", "--verbose"},
            description = "Show JMH's own output.")
    boolean verbose;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help and exit.")
    boolean help;

    private PlacementChoice placementChoice;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        Combinations combinations;
        RunPlan plan;
        JmhSettings settings;
        Path dir;
        List<String> extraJvmArgs;
        try {
            if (quick && full) {
                throw new UsageException("--quick and --full exclude each other");
            }
            settings = full ? JmhSettings.FULL : JmhSettings.QUICK;
            combinations = Combinations.load();
            placementChoice = PlacementChoice.decide(placement, Affinity.detect());
            plan = RunPlan.build(
                    combinations, transports, sizes, waits, benchmarks, !noBaseline, placementChoice.applied());
            extraJvmArgs = splitJvmArgs(jvmArgs);
            dir = out != null
                    ? out
                    : OutputDirectory.defaultFor(base(), OutputDirectory.today(), Environment.hostName());
            OutputDirectory.check(dir, !dryRun);
        } catch (UsageException e) {
            stderr.println("ipcbench run: " + e.getMessage());
            stderr.flush();
            return IpcBench.EXIT_USAGE;
        }
        describePlan(stdout, plan, settings, dir);
        stdout.println("  placement " + placementChoice.describe());
        if (dryRun) {
            stdout.println("dry run: nothing measured, nothing written");
            stdout.flush();
            return IpcBench.EXIT_OK;
        }
        stdout.flush();
        return execute(stdout, stderr, combinations, plan, settings, dir, extraJvmArgs);
    }

    /** Where the default results directory goes: {@value Environment#HOME_PROPERTY}, else the working directory. */
    private static Path base() {
        String home = System.getProperty(Environment.HOME_PROPERTY);
        return home == null || home.isBlank() ? Path.of("") : Path.of(home);
    }

    static List<String> splitJvmArgs(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.trim().split("\\s+")).toList();
    }

    private static void describePlan(PrintWriter out, RunPlan plan, JmhSettings settings, Path dir) {
        int runs = plan.runs(settings);
        List<String> perKind = new ArrayList<>();
        for (BenchmarkKind k : plan.kinds()) {
            perKind.add(settings.runs(k, plan.combinations(k)) + " " + k.label());
        }
        out.println("ipcbench run: " + runs + " benchmark runs (" + String.join(", ", perKind) + ")");
        out.println("  settings  " + settings.describe());
        Duration estimate = settings.estimate(runs);
        out.println("  estimate  about " + Durations.format(estimate) + " (counting "
                + Durations.format(JmhSettings.FORK_OVERHEAD) + " per fork to start and end the JVMs)");
        if (settings == JmhSettings.QUICK && estimate.compareTo(QUICK_BUDGET) > 0) {
            out.println("  note      over the 10-minute quick budget: choose fewer transports or sizes");
        }
        Set<String> seen = new LinkedHashSet<>();
        for (RunPlan.Skipped s : plan.skipped()) {
            seen.add(s.transport() + waitLabel(s.waitStrategy()) + " " + Sizes.format(s.size()) + ": " + s.reason());
        }
        if (!seen.isEmpty()) {
            out.println("  skipped   (cannot run here; recorded in " + ENVIRONMENT_JSON + ")");
            seen.forEach(s -> out.println("            " + s));
        }
        out.println("  results   " + dir);
    }

    private static String waitLabel(String wait) {
        return Combinations.DEFAULT_WAIT.equals(wait) ? "" : " (" + wait + ")";
    }

    private int execute(
            PrintWriter stdout,
            PrintWriter stderr,
            Combinations combinations,
            RunPlan plan,
            JmhSettings settings,
            Path dir,
            List<String> extraJvmArgs) {
        Map<String, Object> machine = Environment.machine(Environment.repository());
        List<String> commandLine = commandLine();
        PrintStream console = System.out;
        OutputFormat jmhOutput =
                OutputFormatFactory.createFormatInstance(console, verbose ? VerboseMode.NORMAL : VerboseMode.SILENT);
        ProgressFormat progress =
                new ProgressFormat(jmhOutput, console, verbose, plan.runs(settings), settings.perRun());
        List<RunResult> results = new ArrayList<>();
        List<String> runnerErrors = new ArrayList<>();
        boolean writeFailed = false;
        ResultWriter writer = complete -> write(
                dir,
                combinations,
                plan,
                placementChoice,
                settings,
                results,
                progress,
                runnerErrors,
                machine,
                commandLine,
                extraJvmArgs,
                complete);
        for (RunPlan.Group g : plan.groups()) {
            ChainedOptionsBuilder options = new OptionsBuilder()
                    .include(g.kind().includePattern())
                    .param("transport", g.transport())
                    .param("size", g.sizes().stream().map(String::valueOf).toArray(String[]::new))
                    .param("wait", g.waitStrategy())
                    .param("placement", placementChoice.applied().argument())
                    .addProfiler(CpuCostProfiler.class)
                    .shouldFailOnError(false);
            settings.apply(options, g.kind());
            if (!extraJvmArgs.isEmpty()) {
                options.jvmArgsAppend(extraJvmArgs.toArray(String[]::new));
            }
            try {
                results.addAll(new Runner(options.build(), progress).run());
            } catch (RunnerException | RuntimeException e) {
                String what = g.kind().label() + " " + g.transport() + waitLabel(g.waitStrategy());
                runnerErrors.add(what + ": " + e);
                console.println("        FAILED: JMH could not run " + what + ": " + e.getMessage());
            }
            writeFailed |= !writeQuietly(stderr, dir, writer, false);
        }
        List<RunResult> sorted = sorted(results, plan);
        writeFailed |= !writeQuietly(stderr, dir, writer, true);
        console.flush();

        List<Measurement> measurements = sorted.stream().map(Measurement::of).toList();
        Set<String> lossy = new TreeSet<>();
        for (String t : plan.transports()) {
            if (!combinations.reliable(t)) {
                lossy.add(t);
            }
        }
        stdout.println();
        stdout.print(SummaryTable.render(measurements, plan.rows(), plan.sizes(), lossy));
        if (!plan.skipped().isEmpty()) {
            stdout.println();
            stdout.println(SummaryTable.MISSING + ": skipped, cannot run here (reasons in " + ENVIRONMENT_JSON + ")");
        }
        List<ProgressFormat.Failure> failures = progress.failures();
        if (!failures.isEmpty() || !runnerErrors.isEmpty()) {
            stdout.println();
            stdout.println("FAILED (no number posted):");
            for (ProgressFormat.Failure f : failures) {
                stdout.println("  " + f.benchmark() + " " + f.mode() + " " + f.transport() + waitLabel(f.waitStrategy())
                        + " " + Sizes.format(f.size()) + ": " + f.reason());
            }
            runnerErrors.forEach(e -> stdout.println("  " + e));
        }
        stdout.println();
        stdout.println("results: " + dir.resolve(JMH_JSON) + ", " + dir.resolve(ENVIRONMENT_JSON));
        stdout.flush();
        stderr.flush();
        return failures.isEmpty() && runnerErrors.isEmpty() && !writeFailed ? IpcBench.EXIT_OK : IpcBench.EXIT_FAILURE;
    }

    private List<String> commandLine() {
        List<String> line = new ArrayList<>();
        line.add("ipcbench");
        try {
            line.addAll(spec.root().commandLine().getParseResult().originalArgs());
        } catch (RuntimeException e) {
            return null;
        }
        return line;
    }

    /** Writes {@value #JMH_JSON} and {@value #ENVIRONMENT_JSON}; called after every JMH run, so an interrupted run keeps what it measured. */
    /** Writes the two result files, marked complete or not. */
    @FunctionalInterface
    private interface ResultWriter {
        void write(boolean complete) throws IOException;
    }

    /** Writes the results; on failure says so on standard error and returns false. */
    private static boolean writeQuietly(PrintWriter stderr, Path dir, ResultWriter writer, boolean complete) {
        try {
            writer.write(complete);
            return true;
        } catch (IOException e) {
            stderr.println("ipcbench run: cannot write results to " + dir + ": " + e);
            stderr.flush();
            return false;
        }
    }

    private static void write(
            Path dir,
            Combinations combinations,
            RunPlan plan,
            PlacementChoice placement,
            JmhSettings settings,
            List<RunResult> results,
            ProgressFormat progress,
            List<String> runnerErrors,
            Map<String, Object> machine,
            List<String> commandLine,
            List<String> extraJvmArgs,
            boolean complete)
            throws IOException {
        List<RunResult> sorted = sorted(results, plan);
        Files.createDirectories(dir);
        Path tmp = dir.resolve(JMH_JSON + ".tmp");
        try (PrintStream ps = new PrintStream(Files.newOutputStream(tmp), false, StandardCharsets.UTF_8)) {
            ResultFormatFactory.getInstance(ResultFormatType.JSON, ps).writeOut(sorted);
        }
        Files.move(tmp, dir.resolve(JMH_JSON), StandardCopyOption.REPLACE_EXISTING);

        List<String> benchmarkJvmArgs = sorted.isEmpty()
                ? null
                : new ArrayList<>(sorted.get(0).getParams().getJvmArgs());
        Map<String, Object> env = environmentJson(
                machine,
                commandLine,
                benchmarkJvmArgs,
                extraJvmArgs,
                settings,
                combinations,
                plan,
                progress.failures(),
                runnerErrors,
                complete);
        env.put("placement", placement.toJson());
        Path envTmp = dir.resolve(ENVIRONMENT_JSON + ".tmp");
        Files.writeString(envTmp, Json.write(env) + "\n", StandardCharsets.UTF_8);
        Files.move(envTmp, dir.resolve(ENVIRONMENT_JSON), StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * The content of {@value #ENVIRONMENT_JSON}: the machine facts, then the command line, JVM
     * arguments, JMH settings, selection, skipped combinations (with reasons), failed runs, and
     * whether the run is complete.
     *
     * @param benchmarkJvmArgs the JVM arguments the benchmark forks ran with, or null when unknown
     */
    static Map<String, Object> environmentJson(
            Map<String, Object> machine,
            List<String> commandLine,
            List<String> benchmarkJvmArgs,
            List<String> extraJvmArgs,
            JmhSettings settings,
            Combinations combinations,
            RunPlan plan,
            List<ProgressFormat.Failure> failures,
            List<String> runnerErrors,
            boolean complete) {
        Map<String, Object> env = new LinkedHashMap<>(machine);
        env.put("commandLine", commandLine);
        Map<String, Object> jvm = new LinkedHashMap<>();
        jvm.put("host", Environment.hostJvmArguments());
        jvm.put("benchmark", benchmarkJvmArgs);
        jvm.put("extra", extraJvmArgs);
        env.put("jvmArgs", jvm);
        Map<String, Object> jmh = new LinkedHashMap<>();
        jmh.put("version", Version.getPlainVersion());
        jmh.putAll(settings.toJson());
        env.put("jmh", jmh);
        env.put("selection", plan.selectionJson());
        env.put("skipped", plan.skipped().stream().map(RunPlan.Skipped::toJson).toList());
        List<Map<String, Object>> failed = new ArrayList<>();
        for (ProgressFormat.Failure f : failures) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("benchmark", f.benchmark());
            m.put("mode", f.mode());
            m.put("transport", f.transport());
            m.put("size", f.size());
            m.put("wait", f.waitStrategy());
            m.put("reason", f.reason());
            failed.add(m);
        }
        for (String e : runnerErrors) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("reason", e);
            failed.add(m);
        }
        env.put("failed", failed);
        env.put(
                "lossyTransports",
                plan.transports().stream()
                        .filter(t -> !combinations.reliable(t))
                        .toList());
        env.put("complete", complete);
        return env;
    }

    /** The results in table order: benchmark, transport (baseline first), wait, size, mode. */
    static List<RunResult> sorted(Collection<RunResult> results, RunPlan plan) {
        List<String> methods = plan.kinds().stream().map(BenchmarkKind::method).toList();
        Comparator<RunResult> order = Comparator.<RunResult>comparingInt(
                        r -> indexOf(methods, r.getParams().getBenchmark()))
                .thenComparingInt(r -> indexOf(plan.transports(), r.getParams().getParam("transport")))
                .thenComparingInt(r -> indexOf(
                        plan.waits().getOrDefault(r.getParams().getParam("transport"), List.of()),
                        r.getParams().getParam("wait")))
                .thenComparingLong(r -> parseSize(r.getParams().getParam("size")))
                .thenComparing(r -> r.getParams().getMode());
        List<RunResult> sorted = new ArrayList<>(results);
        sorted.sort(order);
        return sorted;
    }

    private static int indexOf(List<String> list, String value) {
        int i = list.indexOf(value);
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    private static long parseSize(String size) {
        try {
            return size == null ? Long.MAX_VALUE : Long.parseLong(size);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
