package dev.ipcbench.cli;

import dev.ipcbench.bench.Combinations;
import dev.ipcbench.report.EnvironmentFile;
import dev.ipcbench.report.JmhResult;
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
 * (benchmark, transport with the baseline first, wait strategy, size, mode) and {@code
 * environment.json}. Called after every JMH run, so an interrupted run keeps what it measured.
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
            List<String> classpath) {}

    private final Run run;

    ResultsWriter(Run run) {
        this.run = run;
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
        EnvironmentFile env = environment(sorted, failures, complete);
        ResultsFolder.write(run.dir(), sorted, env);
        return new ResultsFolder(
                run.dir(), run.dir().resolve(ResultsFolder.JMH_JSON), sorted, java.util.Optional.of(env));
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
                        run.classpath());
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
