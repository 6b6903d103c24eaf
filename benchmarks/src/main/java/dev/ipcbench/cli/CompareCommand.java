package dev.ipcbench.cli;

import dev.ipcbench.report.Comparison;
import dev.ipcbench.report.ComparisonView;
import dev.ipcbench.report.Formats;
import dev.ipcbench.report.OpenLoopComparison;
import dev.ipcbench.report.ResultsFolder;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ipcbench compare A B}: compares two runs benchmark by benchmark with a significance test on
 * JMH's per-iteration data, as Markdown or text.
 */
@Command(
        name = "compare",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        description = {
            "Compares run B against run A, benchmark by benchmark: B/A of the primary score, the change in the "
                    + "better direction, Welch's t-test on JMH's per-iteration data and a verdict (faster, slower, "
                    + "no significant change).",
            "",
            "A and B are results folders written by 'ipcbench run' or JMH JSON files (-rf json). Benchmarks "
                    + "present in only one run are listed separately; different machines, JDKs or JMH settings "
                    + "are flagged at the top.",
            "",
            "Open-loop results (openloop.json) are matched by transport, wait, size and rate in a section of their "
                    + "own: p50 and p99 of both runs and the change, without a test (one run a side)."
        },
        footer = {
            "",
            "Exit codes: 0 compared, 1 a significant slowdown over --fail-on-regression, 2 bad arguments or "
                    + "unreadable input."
        })
public final class CompareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "A", description = "The reference run: a results folder or a JMH JSON file.")
    Path a;

    @Parameters(index = "1", paramLabel = "B", description = "The run compared with A.")
    Path b;

    @Option(
            names = "--alpha",
            paramLabel = "ALPHA",
            defaultValue = "0.05",
            description = "Significance level of the test (default: ${DEFAULT-VALUE}).")
    double alpha;

    @Option(
            names = "--fail-on-regression",
            paramLabel = "PCT",
            description = "Exit with 1 when a benchmark is significantly slower by more than PCT percent.")
    Double failOnRegression;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "markdown",
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    ComparisonView.Format format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (!(alpha > 0 && alpha < 1)) {
            throw new UsageException("--alpha must be between 0 and 1 (exclusive), not " + alpha);
        }
        if (failOnRegression != null && !(failOnRegression >= 0 && Double.isFinite(failOnRegression))) {
            throw new UsageException("--fail-on-regression must be a percentage of 0 or more, not " + failOnRegression);
        }
        ResultsFolder runA = ResultsFolder.load(a);
        ResultsFolder runB = ResultsFolder.load(b);
        Comparison comparison = Comparison.of(runA, runB, alpha);
        String text = ComparisonView.render(comparison, format, failOnRegression)
                + OpenLoopComparison.of(runA, runB).render(format == ComparisonView.Format.MARKDOWN);
        PrintWriter stdout = spec.commandLine().getOut();
        if (out == null) {
            stdout.print(text);
        } else {
            Path parent = out.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.writeString(out, text, StandardCharsets.UTF_8);
            stdout.println("wrote " + out);
        }
        stdout.flush();
        List<Comparison.Row> regressions =
                failOnRegression == null ? List.of() : comparison.regressions(failOnRegression);
        if (regressions.isEmpty()) {
            return IpcBench.EXIT_OK;
        }
        PrintWriter stderr = spec.commandLine().getErr();
        stderr.println("ipcbench compare: " + regressions.size() + " significant slowdown(s) over "
                + Formats.plain(failOnRegression) + "%:");
        regressions.forEach(r -> stderr.println("  " + ComparisonView.describe(r)));
        stderr.flush();
        return IpcBench.EXIT_FAILURE;
    }
}
