package dev.ipcbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyJsonCommandTest {

    private static final String GOOD = """
            [
                {
                    "jmhVersion" : "1.37",
                    "benchmark" : "dev.ipcbench.bench.RoundTripBenchmark.roundTrip",
                    "mode" : "avgt",
                    "params" : { "transport" : "tcp", "size" : "64", "wait" : "default" },
                    "primaryMetric" : { "score" : 41.5, "scoreError" : "NaN", "scoreUnit" : "us/op" },
                    "secondaryMetrics" : { }
                }
            ]
            """;

    @TempDir
    Path temp;

    private record Run(int code, String out, String err) {}

    private Run verify(String text, String... more) throws IOException {
        Path file = Files.writeString(temp.resolve("r.json"), text);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] args = new String[more.length + 2];
        args[0] = "verify-json";
        args[1] = file.toString();
        System.arraycopy(more, 0, args, 2, more.length);
        int code = IpcBench.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void aNegativeMinimumIsAUsageErrorNamingTheOption() throws IOException {
        Run run = verify(GOOD, "--min-results", "-3");
        assertEquals(IpcBench.EXIT_USAGE, run.code(), run.out());
        assertTrue(run.err().contains("--min-results must be 0 or more, got: -3"), run.err());
    }

    @Test
    void aFileThatIsAPipeIsRefusedInsteadOfReadForever() throws Exception {
        Path fifo = temp.resolve("jmh.json");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertEquals(0, mk.waitFor());
        StringWriter err = new StringWriter();
        int code = IpcBench.commandLine(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true))
                .execute("report", temp.toString());
        assertEquals(IpcBench.EXIT_USAGE, code, err.toString());
        assertTrue(err.toString().contains("not a regular file"), err.toString());
    }

    @Test
    void aFileSystemErrorSaysWhatWentWrongNotOnlyThePath() {
        assertEquals(
                "/nope/x: no such file or directory",
                IpcBench.describe(new java.nio.file.NoSuchFileException("/nope/x")));
        assertEquals(
                "/proc/x: permission denied", IpcBench.describe(new java.nio.file.AccessDeniedException("/proc/x")));
    }

    @Test
    void acceptsResultsWithPositiveScores() throws IOException {
        Run run = verify(GOOD);
        assertEquals(IpcBench.EXIT_OK, run.code(), run.err());
        assertTrue(run.out().contains("ok, 1 results"), run.out());
    }

    @Test
    void rejectsEmptyZeroNanAndMalformedResultsWithExitCodeOne() throws IOException {
        for (String bad : new String[] {
            "[]",
            GOOD.replace("41.5", "0.0"),
            GOOD.replace("41.5", "\"NaN\""),
            "{\"benchmark\": 1}",
            "[{",
            GOOD.replace("\"64\"", "\"big\""),
            GOOD.replace("\"mode\" : \"avgt\",", "\"mode\" : \"avgt\", \"mode\" : \"sample\",")
        }) {
            Run run = verify(bad);
            assertEquals(IpcBench.EXIT_FAILURE, run.code(), bad);
            assertTrue(run.err().contains("is not a good JMH result file"), run.err());
        }
        assertEquals(IpcBench.EXIT_FAILURE, verify(GOOD, "--min-results", "2").code());
    }

    @Test
    void aMissingFileCannotBeRead() {
        StringWriter err = new StringWriter();
        int code = IpcBench.commandLine(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true))
                .execute("verify-json", temp.resolve("missing.json").toString());
        assertEquals(IpcBench.EXIT_USAGE, code);
        assertTrue(err.toString().contains("missing.json"), err.toString());
    }

    @Test
    void nestingDeeperThanJmhEverWritesIsRefused() throws IOException {
        Run run = verify(GOOD.replace(
                "\"secondaryMetrics\"", "\"x\" : " + "[".repeat(100) + "]".repeat(100) + ", \"secondaryMetrics\""));
        assertEquals(IpcBench.EXIT_FAILURE, run.code());
        assertTrue(run.err().contains("nesting depth"), run.err());
    }
}
