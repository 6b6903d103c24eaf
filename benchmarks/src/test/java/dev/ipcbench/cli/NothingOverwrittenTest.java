package dev.ipcbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ipcbench.report.MarkdownReport;
import dev.ipcbench.report.ResultsFolder;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Results and reports are never replaced without the user asking, and no file is written through a
 * link someone planted in a results folder.
 */
class NothingOverwrittenTest {

    @TempDir
    Path temp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return IpcBench.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute(args);
    }

    private static Path resource(String name) {
        try {
            return Path.of(NothingOverwrittenTest.class
                    .getClassLoader()
                    .getResource(name)
                    .toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path folderWithResults() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("run"));
        Files.copy(resource("results/run-a/jmh.json"), dir.resolve(ResultsFolder.JMH_JSON));
        Files.copy(resource("results/run-a/environment.json"), dir.resolve(ResultsFolder.ENVIRONMENT_JSON));
        return dir;
    }

    @Test
    void runRefusesAFolderThatHoldsResults() throws IOException {
        Path dir = folderWithResults();
        byte[] before = Files.readAllBytes(dir.resolve(ResultsFolder.JMH_JSON));
        int code = run("run", "--transports", "tcp", "--sizes", "64", "--out", dir.toString());
        assertEquals(IpcBench.EXIT_USAGE, code);
        assertTrue(err.toString().contains("already holds results (jmh.json)"), err.toString());
        assertTrue(err.toString().contains("--force"), err.toString());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(dir.resolve(ResultsFolder.JMH_JSON))));
    }

    @Test
    void runWithForceAcceptsThatFolder() throws IOException {
        Path dir = folderWithResults();
        int code = run("run", "--transports", "tcp", "--sizes", "64", "--out", dir.toString(), "--force", "--dry-run");
        assertEquals(IpcBench.EXIT_OK, code, err.toString());
    }

    @Test
    void aJvmFlagTheJvmRefusesFailsBeforeAnythingRuns() {
        int code = run(
                "run",
                "--transports",
                "tcp",
                "--sizes",
                "64",
                "--out",
                temp.resolve("fresh").toString(),
                "--jvm-args",
                "-XX:+ThisOptionDoesNotExist",
                "--dry-run");
        assertEquals(IpcBench.EXIT_USAGE, code);
        assertTrue(err.toString().contains("are refused by the JVM"), err.toString());
        assertTrue(err.toString().contains("ThisOptionDoesNotExist"), err.toString());
    }

    @Test
    void reportLeavesAHandWrittenReadmeAlone() throws IOException {
        Path dir = folderWithResults();
        Path readme = Files.writeString(dir.resolve("README.md"), "# My notes on this run\n", StandardCharsets.UTF_8);
        int code = run("report", dir.toString(), "--no-charts");
        assertEquals(IpcBench.EXIT_USAGE, code);
        assertTrue(err.toString().contains("was not written by 'ipcbench report'"), err.toString());
        assertEquals("# My notes on this run\n", Files.readString(readme));

        assertEquals(IpcBench.EXIT_OK, run("report", dir.toString(), "--no-charts", "--force"), err.toString());
        assertTrue(Files.readString(readme).startsWith(MarkdownReport.MARK));
        assertEquals(IpcBench.EXIT_OK, run("report", dir.toString(), "--no-charts"), "its own README it replaces");
    }

    @Test
    void aLinkPlantedInTheFolderIsReplacedNotWrittenThrough() throws Exception {
        Path dir = folderWithResults();
        Path outside = Files.writeString(temp.resolve("outside.txt"), "precious", StandardCharsets.UTF_8);
        Path readme = dir.resolve("README.md");
        Files.createSymbolicLink(readme, outside);
        assertEquals(IpcBench.EXIT_USAGE, run("report", dir.toString(), "--no-charts"), "a link is not its README");
        assertEquals(IpcBench.EXIT_OK, run("report", dir.toString(), "--no-charts", "--force"), err.toString());
        assertEquals("precious", Files.readString(outside), "the file the link pointed to is untouched");
        assertFalse(Files.isSymbolicLink(readme), "the link itself was replaced by the report");

        Path jmh = dir.resolve(ResultsFolder.JMH_JSON);
        ResultsFolder results = ResultsFolder.load(dir);
        Files.delete(jmh);
        Files.createSymbolicLink(jmh, outside);
        ResultsFolder.write(dir, results.results(), null);
        assertEquals("precious", Files.readString(outside));
        assertFalse(Files.isSymbolicLink(jmh));
    }
}
