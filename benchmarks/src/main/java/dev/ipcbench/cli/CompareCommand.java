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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ipcbench compare A B}: compares two runs result by result, with JMH forks as the unit of
 * replication, as Markdown or text; with {@code --fail-on-regression} a gate for CI.
 */
@Command(
        name = "compare",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        description = {
            "Compares run B against run A, result by result (SampleTime: mean, p50 and p99): each side's mean "
                    + "over forks with its interval, the change (+x%% when the number grew) with a bootstrap "
                    + "interval, a test on the per-fork figures (JMH forks are the independent samples, not "
                    + "iterations) and a verdict: faster, slower, ~ (no significant change), or ~ too few forks "
                    + "when the test could not reach significance with so few forks.",
            "",
            "A and B are results folders written by 'ipcbench run' or JMH JSON files (-rf json). Results "
                    + "present in only one run are listed separately; machine, JDK, JVM-argument, placement and "
                    + "JMH-setting differences that can change results are flagged at the top.",
            "",
            "Open-loop results (openloop.json) are matched by transport, wait, size and rate in a section of their "
                    + "own: p50 and p99 of both runs and the change, without a test (one run a side)."
        },
        footer = {
            "",
            "With --fail-on-regression the comparison is a gate, which fails when a result is significantly "
                    + "slower by more than PCT percent, when nothing was compared, or when a result cannot be "
                    + "judged (too few forks for the test).",
            "",
            "Exit codes: 0 compared (and the gate passed), 1 the gate failed (the reasons on standard error), 2 bad "
                    + "arguments or unreadable input."
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
            description = "Significance level of the test; intervals are at 1 - ALPHA (default: ${DEFAULT-VALUE}).")
    double alpha;

    @Option(
            names = "--test",
            paramLabel = "TEST",
            defaultValue = "u",
            description = "u: Mann-Whitney U, exact (needs 4 forks a side at alpha 0.05); welch: Welch's t-test on "
                    + "the per-fork figures (assumes they vary normally; from 2 forks a side). "
                    + "Default: ${DEFAULT-VALUE}.")
    String test;

    @Option(
            names = "--ignore-param",
            paramLabel = "NAME",
            split = ",",
            description = "Match results whatever this parameter's value, e.g. --ignore-param wait to compare "
                    + "shm (spin) in A with shm (park) in B. Repeatable.")
    List<String> ignoredParams = List.of();

    @Option(
            names = "--fail-on-regression",
            paramLabel = "PCT",
            description = "A gate: exit with 1 when a result is significantly slower by more than PCT percent, "
                    + "when nothing was compared, or when a result cannot be judged.")
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
        Comparison.Test chosen = switch (test.toLowerCase(Locale.ROOT)) {
            case "u", "utest", "mann-whitney" -> Comparison.Test.U;
            case "welch", "t", "ttest" -> Comparison.Test.WELCH;
            default -> throw new UsageException("--test must be u or welch, not " + test);
        };
        Set<String> ignored = new LinkedHashSet<>();
        for (String p : ignoredParams) {
            if (p.isBlank()) {
                throw new UsageException("--ignore-param needs a parameter name");
            }
            ignored.add(p.trim());
        }
        ResultsFolder runA = ResultsFolder.load(a);
        ResultsFolder runB = ResultsFolder.load(b);
        Comparison comparison = Comparison.of(runA, runB, new Comparison.Options(alpha, chosen, ignored));
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
        if (failOnRegression == null) {
            return IpcBench.EXIT_OK;
        }
        Comparison.Gate gate = comparison.gate(failOnRegression);
        if (gate.passed()) {
            return IpcBench.EXIT_OK;
        }
        PrintWriter stderr = spec.commandLine().getErr();
        stderr.println("ipcbench compare: the regression gate (" + Formats.plain(failOnRegression) + "%) failed:");
        gate.reasons().forEach(r -> stderr.println("  " + r));
        gate.regressions().forEach(r -> stderr.println("    " + ComparisonView.describe(r)));
        comparison.tooFewWarnings().forEach(w -> stderr.println("  " + w));
        stderr.flush();
        return IpcBench.EXIT_FAILURE;
    }
}
