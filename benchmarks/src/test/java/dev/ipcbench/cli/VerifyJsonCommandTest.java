package dev.ipcbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    @Test
    void acceptsResultsWithPositiveScores() {
        assertEquals(List.of(), VerifyJsonCommand.check(GOOD, 1));
    }

    @Test
    void rejectsEmptyZeroAndMalformedResults() {
        assertFalse(VerifyJsonCommand.check("[]", 1).isEmpty());
        assertFalse(VerifyJsonCommand.check(GOOD.replace("41.5", "0.0"), 1).isEmpty());
        assertFalse(VerifyJsonCommand.check(GOOD.replace("41.5", "\"NaN\""), 1).isEmpty());
        assertFalse(VerifyJsonCommand.check("{\"benchmark\": 1}", 1).isEmpty());
        assertFalse(VerifyJsonCommand.check("[{", 1).isEmpty());
        assertFalse(VerifyJsonCommand.check(GOOD, 2).isEmpty());
    }

    @Test
    void exitCodesSayWhatHappened() throws IOException {
        Path good = Files.writeString(temp.resolve("good.json"), GOOD);
        Path bad = Files.writeString(temp.resolve("bad.json"), "[]");
        assertEquals(IpcBench.EXIT_OK, run("verify-json", good.toString()));
        assertEquals(IpcBench.EXIT_FAILURE, run("verify-json", bad.toString()));
        assertEquals(
                IpcBench.EXIT_USAGE,
                run("verify-json", temp.resolve("missing.json").toString()));
    }

    private static int run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = IpcBench.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute(args);
        assertTrue(
                code == IpcBench.EXIT_OK
                        ? out.toString().contains("ok")
                        : !err.toString().isEmpty());
        return code;
    }
}
