package dev.ipcbench.cli;

import dev.ipcbench.report.JmhResult;
import dev.ipcbench.report.ResultsException;
import dev.ipcbench.report.ResultsFolder;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ipcbench verify-json FILE}: the file reads as JMH's results (see {@link
 * ResultsFolder#parseJmh}), holds enough of them, and every primary score is finite and positive.
 * For CI smoke runs.
 */
@Command(
        name = "verify-json",
        mixinStandardHelpOptions = true,
        description = "Checks a JMH JSON result file: it parses, has results, and every primary score is positive.",
        footer = {"", "Exit codes: 0 the file is good, 1 it is not, 2 it cannot be read."})
public final class VerifyJsonCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "A JMH JSON result file (jmh.json, or -rf json output).")
    Path file;

    @Option(
            names = "--min-results",
            paramLabel = "N",
            defaultValue = "1",
            description = "The fewest results the file must hold (default: ${DEFAULT-VALUE}).")
    int minResults;

    @Override
    public Integer call() throws Exception {
        if (minResults < 0) {
            throw new UsageException("--min-results must be 0 or more, got: " + minResults);
        }
        List<JmhResult> results;
        List<String> problems;
        try {
            results = ResultsFolder.readJmh(file);
            problems = problems(results, minResults);
        } catch (ResultsException e) {
            if (!Files.isRegularFile(file)) {
                throw e;
            }
            results = List.of();
            problems = List.of(e.problem());
        }
        if (!problems.isEmpty()) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("ipcbench verify-json: " + file + " is not a good JMH result file:");
            problems.forEach(p -> err.println("  " + p));
            err.flush();
            return IpcBench.EXIT_FAILURE;
        }
        spec.commandLine()
                .getOut()
                .println(file + ": ok, " + results.size() + " results, every primary score positive");
        spec.commandLine().getOut().flush();
        return IpcBench.EXIT_OK;
    }

    /** What is wrong with results that read well; empty when nothing is. */
    static List<String> problems(List<JmhResult> results, int minResults) {
        List<String> problems = new ArrayList<>();
        if (results.size() < minResults) {
            problems.add("it holds " + results.size() + " results, fewer than " + minResults);
        }
        for (int i = 0; i < results.size(); i++) {
            JmhResult r = results.get(i);
            double score = r.primaryMetric().value();
            if (!(score > 0) || Double.isInfinite(score)) {
                problems.add("result " + i + " (" + r.benchmark() + " " + r.params() + ") has a score that is not "
                        + "positive: " + score);
            }
        }
        return problems;
    }
}
