package dev.ipcbench.cli;

import dev.ipcbench.report.ResultsFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ipcbench compact DIR}: rewrites a results folder written before the histogram log existed,
 * moving SampleTime histograms from {@code jmh.json} to {@code jmh-histograms.hlog}. Lossless and
 * idempotent: {@code report} and {@code compare} give the same figures before and after.
 */
@Command(
        name = "compact",
        mixinStandardHelpOptions = true,
        description = "Moves a results folder's SampleTime histograms from jmh.json to jmh-histograms.hlog "
                + "(HdrHistogram's compressed log), exactly; report and compare read both forms.",
        footer = {"", "Exit codes: 0 written, 1 cannot write, 2 the results cannot be read."})
public final class CompactCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "A results folder written by 'ipcbench run'.")
    Path dir;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(dir)) {
            throw new UsageException(dir + " is not a results folder");
        }
        Path jmh = dir.resolve(ResultsFolder.JMH_JSON);
        ResultsFolder results = ResultsFolder.load(dir);
        long before = Files.size(jmh);
        ResultsFolder.write(dir, results.results(), results.environment().orElse(null));
        spec.commandLine()
                .getOut()
                .printf("%s: %,d bytes, now %,d bytes and %s%n", jmh, before, Files.size(jmh), "jmh-histograms.hlog");
        return IpcBench.EXIT_OK;
    }
}
