package dev.ipcbench.cli;

import dev.ipcbench.report.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ipcbench verify-json FILE}: checks that a JMH JSON result file parses, holds at least one
 * result, and that every result has a finite, positive primary score. For CI smoke runs.
 */
@Command(
        name = "verify-json",
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

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help and exit.")
    boolean help;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            err.println("ipcbench verify-json: no such file: " + file);
            err.flush();
            return IpcBench.EXIT_USAGE;
        } catch (IOException e) {
            err.println("ipcbench verify-json: cannot read " + file + ": " + e);
            err.flush();
            return IpcBench.EXIT_USAGE;
        }
        List<String> problems = check(text, minResults);
        if (!problems.isEmpty()) {
            err.println("ipcbench verify-json: " + file + " is not a good JMH result file:");
            problems.forEach(p -> err.println("  " + p));
            err.flush();
            return IpcBench.EXIT_FAILURE;
        }
        out.println(file + ": ok, " + count(text) + " results, every primary score positive");
        out.flush();
        return IpcBench.EXIT_OK;
    }

    private static int count(String text) {
        return ((List<?>) Json.parse(text)).size();
    }

    /** What is wrong with {@code text} as JMH JSON results; empty when nothing is. */
    static List<String> check(String text, int minResults) {
        List<String> problems = new ArrayList<>();
        Object root;
        try {
            root = Json.parse(text);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return problems;
        }
        if (!(root instanceof List<?> results)) {
            problems.add("the top level is not an array");
            return problems;
        }
        if (results.size() < minResults) {
            problems.add("it holds " + results.size() + " results, fewer than " + minResults);
        }
        for (int i = 0; i < results.size(); i++) {
            Object r = results.get(i);
            if (!(r instanceof Map<?, ?> result)) {
                problems.add("result " + i + " is not an object");
                continue;
            }
            Object name = result.get("benchmark");
            String label =
                    "result " + i + (name instanceof String s ? " (" + s + " " + result.get("params") + ")" : "");
            if (!(name instanceof String)) {
                problems.add(label + " has no benchmark name");
            }
            if (!(result.get("primaryMetric") instanceof Map<?, ?> primary)) {
                problems.add(label + " has no primaryMetric");
                continue;
            }
            Object score = primary.get("score");
            if (!(score instanceof Number n)) {
                problems.add(label + " has a score that is not a number: " + score);
            } else if (!(n.doubleValue() > 0) || Double.isInfinite(n.doubleValue())) {
                problems.add(label + " has a score that is not positive: " + score);
            }
        }
        return problems;
    }
}
