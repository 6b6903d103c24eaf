package dev.ipcbench.cli;

import dev.ipcbench.bench.CpuCostProfiler;
import dev.ipcbench.bench.OpenLoopSettings;
import dev.ipcbench.report.EnvironmentFile;
import dev.ipcbench.report.ResultsFolder;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs a {@link RunPlan}: the JMH benchmarks through JMH, one {@code Runner.run()} per group, and the
 * open-loop sweeps through the {@link OpenLoopRunner}, one JVM per size; with progress on the
 * console, and has the {@link ResultsWriter} write the folder after every group.
 */
final class RunExecutor {

    /**
     * What a run did.
     *
     * @param folder the results as last written (not yet marked complete), {@code null} when nothing
     *     could be written
     * @param results JMH's results, for the last write
     * @param failures failed runs and JMH errors, with reasons
     */
    record Outcome(
            ResultsFolder folder,
            List<RunResult> results,
            List<EnvironmentFile.Missing> failures,
            boolean writeFailed) {}

    private final RunPlan plan;
    private final JmhSettings settings;
    private final Options passedThrough;
    private final List<String> jvmArgsAppend;
    private final String placement;
    private final boolean verbose;
    private final OpenLoopSettings openLoop;
    private final OpenLoopRunner.Launch launch;

    /**
     * @param passedThrough JMH options from the command line; this run's own settings override them
     * @param jvmArgsAppend appended to the forks' JVM arguments
     * @param openLoop the open-loop settings, {@code null} when the plan has no open loop
     * @param launch how to start an open-loop JVM, {@code null} when the plan has no open loop
     */
    RunExecutor(
            RunPlan plan,
            JmhSettings settings,
            Options passedThrough,
            List<String> jvmArgsAppend,
            String placement,
            boolean verbose,
            OpenLoopSettings openLoop,
            OpenLoopRunner.Launch launch) {
        this.plan = plan;
        this.settings = settings;
        this.passedThrough = passedThrough;
        this.jvmArgsAppend = List.copyOf(jvmArgsAppend);
        this.placement = placement;
        this.verbose = verbose;
        this.openLoop = openLoop;
        this.launch = launch;
    }

    Outcome run(ResultsWriter writer, PrintStream console, PrintWriter stderr) {
        ProgressFormat progress = new ProgressFormat(
                OutputFormatFactory.createFormatInstance(console, verbose ? VerboseMode.NORMAL : VerboseMode.SILENT),
                console,
                verbose,
                plan.runs(settings),
                settings.perRun());
        List<RunResult> results = new ArrayList<>();
        List<EnvironmentFile.Missing> runnerErrors = new ArrayList<>();
        ResultsFolder folder = null;
        boolean writeFailed = false;
        List<RunPlan.Group> groups = plan.groups();
        OpenLoopRunner sweeps = null;
        for (int i = 0; i < groups.size(); i++) {
            RunPlan.Group g = groups.get(i);
            MachineState.Sample before = MachineState.sample();
            if (!g.kind().isJmh()) {
                if (sweeps == null) {
                    sweeps = new OpenLoopRunner(openLoop, launch, placement, plan.sweeps(), verbose, console);
                }
                for (long size : g.sizes()) {
                    OpenLoopRunner.Sweep sweep = sweeps.sweep(g.transport(), g.waitStrategy(), size);
                    writer.openLoop(sweep.entries());
                    if (sweep.failure() != null) {
                        runnerErrors.add(
                                OpenLoopRunner.missing(g.transport(), g.waitStrategy(), size, sweep.failure()));
                    }
                }
            } else {
                try {
                    for (RunResult r : new Runner(options(g), progress).run()) {
                        if (!progress.failed(r.getParams())) {
                            results.add(r);
                        }
                    }
                } catch (RunnerException | RuntimeException e) {
                    String what = g.kind().label() + " " + g.transport() + " (wait " + g.waitStrategy() + ")";
                    runnerErrors.add(new EnvironmentFile.Missing(null, null, null, null, null, what + ": " + e));
                    console.println("        FAILED: JMH could not run " + what + ": " + e.getMessage());
                }
            }
            writer.load(MachineState.between(
                    g.kind().label(), g.transport(), g.waitStrategy(), before, MachineState.sample()));
            List<EnvironmentFile.Missing> failures = new ArrayList<>(progress.failures());
            failures.addAll(runnerErrors);
            try {
                folder = writer.write(results, failures, false);
            } catch (IOException e) {
                writeFailed = true;
                stderr.println("ipcbench run: cannot write results to " + writer.dir() + ": " + e);
                stderr.flush();
            }
        }
        console.flush();
        List<EnvironmentFile.Missing> failures = new ArrayList<>(progress.failures());
        failures.addAll(runnerErrors);
        return new Outcome(folder, results, failures, writeFailed);
    }

    private Options options(RunPlan.Group g) {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .parent(passedThrough)
                .include(g.kind().includePattern())
                .param("transport", g.transport())
                .param("size", g.sizes().stream().map(String::valueOf).toArray(String[]::new))
                .param("wait", g.waitStrategy())
                .param("placement", placement)
                .addProfiler(CpuCostProfiler.class)
                .shouldFailOnError(false);
        settings.apply(options, g.kind());
        if (!jvmArgsAppend.isEmpty()) {
            options.jvmArgsAppend(jvmArgsAppend.toArray(String[]::new));
        }
        return options.build();
    }
}
