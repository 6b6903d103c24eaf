package dev.ipcbench.cli;

import dev.ipcbench.report.Comparison;
import dev.ipcbench.report.ComparisonRenderer;
import dev.ipcbench.report.ResultSet;
import dev.ipcbench.report.ResultsException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ipcbench compare A B}: compares two runs (results folders or JMH JSON files) benchmark by
 * benchmark, with a significance test on JMH's per-iteration data, and prints Markdown or plain
 * text. Exit codes: 0 compared (and no regression over the {@code --fail-on-regression} threshold),
 * 1 a significant slowdown over the threshold, 2 bad arguments or unreadable input.
 */
@Command(
        name = "compare",
        sortOptions = false,
        description = {
            "Compares run B against run A, benchmark by benchmark: B/A of the primary score, the change in the "
                    + "better direction, Welch's t-test on JMH's per-iteration data and a verdict (faster, slower, "
                    + "no significant change).",
            "",
            "A and B are results folders written by 'ipcbench run' or JMH JSON files (-rf json). Benchmarks "
                    + "present in only one run are listed separately; different machines, JDKs or JMH settings "
                    + "are flagged at the top."
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
            description = "markdown or text (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path out;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help and exit.")
    boolean help;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        ComparisonRenderer.Format fmt;
        Comparison comparison;
        try {
            fmt = format(format);
            if (!(alpha > 0 && alpha < 1)) {
                throw new UsageException("--alpha must be between 0 and 1 (exclusive), not " + alpha);
            }
            if (failOnRegression != null && !(failOnRegression >= 0 && Double.isFinite(failOnRegression))) {
                throw new UsageException(
                        "--fail-on-regression must be a percentage of 0 or more, not " + failOnRegression);
            }
            comparison = Comparison.of(load(a), load(b), alpha);
        } catch (UsageException e) {
            stderr.println("ipcbench compare: " + e.getMessage());
            stderr.flush();
            return IpcBench.EXIT_USAGE;
        }
        String text = ComparisonRenderer.render(comparison, fmt, failOnRegression);
        if (out == null) {
            stdout.print(text);
            stdout.flush();
        } else {
            try {
                Path parent = out.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(out, text, StandardCharsets.UTF_8);
                stdout.println("wrote " + out);
                stdout.flush();
            } catch (IOException e) {
                stderr.println("ipcbench compare: cannot write " + out + ": " + e);
                stderr.flush();
                return IpcBench.EXIT_FAILURE;
            }
        }
        if (failOnRegression != null) {
            List<Comparison.Row> regressions = comparison.regressions(failOnRegression);
            if (!regressions.isEmpty()) {
                stderr.println("ipcbench compare: " + regressions.size() + " significant slowdown(s) over "
                        + java.math.BigDecimal.valueOf(failOnRegression)
                                .stripTrailingZeros()
                                .toPlainString() + "%:");
                regressions.forEach(r -> stderr.println("  " + ComparisonRenderer.describe(r)));
                stderr.flush();
                return IpcBench.EXIT_FAILURE;
            }
        }
        return IpcBench.EXIT_OK;
    }

    private static ResultSet load(Path path) {
        try {
            return ResultSet.load(path);
        } catch (ResultsException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    static ComparisonRenderer.Format format(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "markdown", "md" -> ComparisonRenderer.Format.MARKDOWN;
            case "text", "txt", "plain" -> ComparisonRenderer.Format.TEXT;
            default -> throw new UsageException("--format must be markdown or text, not '" + text + "'");
        };
    }
}
