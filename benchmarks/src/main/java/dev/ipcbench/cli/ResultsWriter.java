package dev.ipcbench.cli;

import dev.ipcbench.bench.Combinations;
import dev.ipcbench.bench.OpenLoopSettings;
import dev.ipcbench.bench.PeerStall;
import dev.ipcbench.report.EnvironmentFile;
import dev.ipcbench.report.Figures;
import dev.ipcbench.report.JmhResult;
import dev.ipcbench.report.NativeFile;
import dev.ipcbench.report.NoiseFlags;
import dev.ipcbench.report.OpenLoopFile;
import dev.ipcbench.report.ResultsException;
import dev.ipcbench.report.ResultsFolder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;

/**
 * Writes a run's results folder through {@link ResultsFolder}: JMH's results in table order
 * (benchmark, transport with the baseline first, wait strategy, size, mode), {@code
 * environment.json}, and {@code openloop.json} when the open loop is planned. Called after every JMH run, so an interrupted run keeps what it measured.
 */
final class ResultsWriter {

    /** What the run was, fixed before it starts. */
    record Run(
            Path dir,
            Combinations combinations,
            RunPlan plan,
            JmhSettings settings,
            List<String> jmhOptions,
            List<String> extraJvmArgs,
            PlacementChoice placement,
            EnvironmentFile machine,
            List<String> commandLine,
            List<String> classpath,
            OpenLoopSettings openLoop,
            PeerStall.Spec stall) {}

    private final Run run;
    private EnvironmentFile.Conditions conditions;
    private final List<EnvironmentFile.Load> load = new ArrayList<>();
    private NativeFile nativeFile;
    private final List<OpenLoopFile.Entry> openLoop = new ArrayList<>();

    ResultsWriter(Run run) {
        this.run = run;
    }

    /** Records what else decides the numbers (written with every later write). */
    void conditions(EnvironmentFile.Conditions conditions) {
        this.conditions = conditions;
    }

    /** Records what else used the machine during one JMH run. */
    void load(EnvironmentFile.Load during) {
        load.add(during);
    }

    /** Records the native reference measured so far. */
    void nativeReference(NativeFile file) {
        this.nativeFile = file;
    }

    /** Records open-loop results (written with every later write). */
    void openLoop(List<OpenLoopFile.Entry> entries) {
        openLoop.addAll(entries);
    }

    /** The results folder. */
    Path dir() {
        return run.dir();
    }

    /**
     * Writes the folder.
     *
     * @param failures the runs that failed so far
     * @param complete whether the run is over
     * @return what was written: the results in table order and the environment
     */
    ResultsFolder write(Collection<RunResult> results, List<EnvironmentFile.Missing> failures, boolean complete)
            throws IOException {
        List<JmhResult> sorted = sorted(typed(results));
        if (nativeFile != null) {
            ResultsFolder.writeJson(run.dir().resolve(NativeFile.FILE), nativeFile);
        }
        if (run.openLoop() != null && run.plan().kinds().contains(BenchmarkKind.OPEN_LOOP)) {
            ResultsFolder.writeJson(
                    run.dir().resolve(OpenLoopFile.FILE),
                    new OpenLoopFile(OpenLoopFile.FORMAT, run.openLoop().toFile(), openLoop));
        }
        EnvironmentFile.Conditions now =
                conditions == null || !complete ? conditions : conditions.endingAt(MachineState.loadAverage());
        EnvironmentFile env = environment(sorted, failures, complete).withConditions(now, load, List.of());
        ResultsFolder.write(run.dir(), sorted, env);
        ResultsFolder folder = new ResultsFolder(
                run.dir(), run.dir().resolve(ResultsFolder.JMH_JSON), sorted, java.util.Optional.of(env));
        if (!complete) {
            return folder;
        }
        // The flags need the whole run, the native reference's end included.
        EnvironmentFile flagged = env.withConditions(now, load, NoiseFlags.of(new Figures(folder)));
        ResultsFolder.write(run.dir(), sorted, flagged);
        return new ResultsFolder(
                run.dir(), run.dir().resolve(ResultsFolder.JMH_JSON), sorted, java.util.Optional.of(flagged));
    }

    /** JMH's results as the records of its JSON, through JMH's own JSON writer. */
    static List<JmhResult> typed(Collection<RunResult> results) throws IOException {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        try (PrintStream ps = new PrintStream(json, false, StandardCharsets.UTF_8)) {
            ResultFormatFactory.getInstance(ResultFormatType.JSON, ps).writeOut(results);
        }
        try {
            return ResultsFolder.parseJmh(
                    Path.of(ResultsFolder.JMH_JSON), new ByteArrayInputStream(json.toByteArray()));
        } catch (ResultsException e) {
            throw new IOException("JMH wrote results that do not read back: " + e.getMessage(), e);
        }
    }

    EnvironmentFile environment(List<JmhResult> results, List<EnvironmentFile.Missing> failures, boolean complete) {
        RunPlan plan = run.plan();
        return run.machine()
                .withRun(
                        run.commandLine(),
                        new EnvironmentFile.JvmArgs(
                                Environment.hostJvmArguments(),
                                results.isEmpty() ? null : results.get(0).jvmArgs(),
                                run.extraJvmArgs()),
                        run.settings().toFile(run.jmhOptions()),
                        plan.toFile(),
                        plan.skipped().stream().map(RunPlan.Skipped::toFile).toList(),
                        failures,
                        plan.transports().stream()
                                .filter(t -> !run.combinations().reliable(t))
                                .toList(),
                        complete,
                        run.placement().toFile(),
                        run.classpath())
                .withOpenLoop(
                        run.openLoop() != null && plan.kinds().contains(BenchmarkKind.OPEN_LOOP)
                                ? run.openLoop().toFile()
                                : null,
                        run.stall() == null ? null : run.stall().describe());
    }

    /** The results in table order. */
    private List<JmhResult> sorted(List<JmhResult> results) {
        RunPlan plan = run.plan();
        List<String> methods = plan.kinds().stream().map(BenchmarkKind::method).toList();
        Comparator<JmhResult> order = Comparator.<JmhResult>comparingInt(r -> indexOf(methods, r.benchmark()))
                .thenComparingInt(r -> indexOf(plan.transports(), r.param("transport")))
                .thenComparingInt(
                        r -> indexOf(plan.waits().getOrDefault(r.param("transport"), List.of()), r.param("wait")))
                .thenComparingLong(r -> r.size() < 0 ? Long.MAX_VALUE : r.size())
                .thenComparing(r -> r.row().other().toString())
                .thenComparing(JmhResult::mode);
        List<JmhResult> sorted = new ArrayList<>(results);
        sorted.sort(order);
        return sorted;
    }

    private static int indexOf(List<String> list, String value) {
        int i = list.indexOf(value);
        return i < 0 ? Integer.MAX_VALUE : i;
    }
}
