package dev.ipcbench.cli;

import dev.ipcbench.report.Charts;
import dev.ipcbench.report.MarkdownReport;
import dev.ipcbench.report.ResultsFolder;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ipcbench report DIR}: writes {@code DIR/README.md} and the charts beside it. */
@Command(
        name = "report",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        description = {
            "Writes README.md and charts (SVG and PNG) for a results folder written by 'ipcbench run'.",
            "",
            "Every figure comes from the folder's jmh.json (and jmh-histograms.hlog); the machine from "
                    + "environment.json (reported as unknown when it is missing). Skipped and failed combinations "
                    + "show n/a with their reason."
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
            names = "--force",
            description = "Replace the README even when 'ipcbench report' did not write it (it never does otherwise).")
    boolean force;

    @Override
    public Integer call() throws Exception {
        ResultsFolder results = ResultsFolder.load(dir);
        Path readme = out != null
                ? out
                : (Files.isDirectory(dir) ? dir : dir.toAbsolutePath().getParent()).resolve(README);
        Path folder = readme.toAbsolutePath().getParent();
        if (!force && Files.exists(readme, LinkOption.NOFOLLOW_LINKS) && !writtenByReport(readme)) {
            throw new UsageException(readme + " exists and was not written by 'ipcbench report': it is left alone; "
                    + "name another file with --out, or replace it with --force");
        }
        Charts.Drawn charts = noCharts ? null : Charts.write(results, folder);
        Files.createDirectories(folder);
        ResultsFolder.writeFile(readme, MarkdownReport.render(results, charts).getBytes(StandardCharsets.UTF_8));
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println("wrote " + readme);
        if (charts != null) {
            charts.charts()
                    .forEach(c -> stdout.println("wrote " + folder.resolve(c.svg()) + ", " + folder.resolve(c.png())));
            charts.notDrawn().forEach(n -> stdout.println("not drawn: " + n));
        }
        stdout.flush();
        return IpcBench.EXIT_OK;
    }

    /** Whether {@code readme} is a regular file whose first line is {@link MarkdownReport#MARK}. */
    private static boolean writtenByReport(Path readme) {
        if (!Files.isRegularFile(readme, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (java.io.BufferedReader r = Files.newBufferedReader(readme, StandardCharsets.UTF_8)) {
            return MarkdownReport.MARK.equals(r.readLine());
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }
}
