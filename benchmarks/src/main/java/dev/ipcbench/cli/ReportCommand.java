package dev.ipcbench.cli;

import dev.ipcbench.report.Charts;
import dev.ipcbench.report.MarkdownReport;
import dev.ipcbench.report.ResultSet;
import dev.ipcbench.report.ResultsException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ipcbench report DIR}: writes {@code DIR/README.md} (the machine, round-trip and throughput
 * tables, rankings, skipped combinations) and the charts beside it, from the results folder's
 * {@code jmh.json} and {@code environment.json}. Exit codes: 0 written, 1 cannot write, 2 the
 * results cannot be read (the message names the file).
 */
@Command(
        name = "report",
        sortOptions = false,
        description = {
            "Writes README.md and charts (SVG and PNG) for a results folder written by 'ipcbench run'.",
            "",
            "Every figure comes from the folder's jmh.json; the machine from environment.json "
                    + "(reported as unknown when it is missing). Skipped and failed combinations show n/a "
                    + "with their reason."
        },
        footer = {"", "Exit codes: 0 written, 1 cannot write, 2 the results cannot be read."})
public final class ReportCommand implements Callable<Integer> {

    /** The report's file name in the results folder. */
    public static final String README = "README.md";

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "A results folder (with jmh.json), or a jmh.json file.")
    Path dir;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "Where to write the Markdown (default: DIR/README.md); the charts go beside it.")
    Path out;

    @Option(names = "--no-charts", description = "Do not draw the charts.")
    boolean noCharts;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help and exit.")
    boolean help;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        ResultSet results;
        try {
            results = ResultSet.load(dir);
        } catch (ResultsException e) {
            stderr.println("ipcbench report: " + e.getMessage());
            stderr.flush();
            return IpcBench.EXIT_USAGE;
        }
        Path readme = out != null
                ? out
                : (Files.isDirectory(dir) ? dir : dir.toAbsolutePath().getParent()).resolve(README);
        Path folder = readme.toAbsolutePath().getParent();
        try {
            Charts.Drawn charts = noCharts ? null : Charts.write(results, folder);
            String markdown = MarkdownReport.render(results, charts);
            Files.createDirectories(folder);
            Files.writeString(readme, markdown, StandardCharsets.UTF_8);
            stdout.println("wrote " + readme);
            if (charts != null) {
                for (Charts.Chart c : charts.charts()) {
                    stdout.println("wrote " + folder.resolve(c.svg()) + ", " + folder.resolve(c.png()));
                }
                charts.notDrawn().forEach(n -> stdout.println("not drawn: " + n));
            }
            stdout.flush();
            return IpcBench.EXIT_OK;
        } catch (IOException e) {
            stderr.println("ipcbench report: cannot write " + readme + " or its charts: " + e);
            stderr.flush();
            return IpcBench.EXIT_FAILURE;
        }
    }
}
