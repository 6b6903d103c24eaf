package dev.ipcbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ipcbench.report.ResultsFolder;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command's argument handling; nothing here measures anything. */
class IpcBenchTest {

    @TempDir
    Path temp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return IpcBench.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute(args);
    }

    @Test
    void anUnknownTransportExitsWithTwoAndListsTheKnownOnes() {
        int code = run("run", "--transports", "tcp,carrier-pigeon", "--out", temp.toString());
        assertEquals(IpcBench.EXIT_USAGE, code);
        assertTrue(err.toString().contains("unknown transport 'carrier-pigeon'"), err.toString());
        assertTrue(err.toString().contains("known transports: inproc,"), err.toString());
        assertTrue(err.toString().contains("tcp"), err.toString());
        assertFalse(Files.exists(temp.resolve(ResultsFolder.JMH_JSON)));
    }

    @Test
    void aSizeOverTheTransportsMaximumExitsWithTwo() {
        int code = run("run", "--transports", "udp", "--sizes", "1M", "--out", temp.toString());
        assertEquals(IpcBench.EXIT_USAGE, code);
        assertTrue(err.toString().contains("over the maximum message"), err.toString());
    }

    @Test
    void anUnwritableOutputExitsWithTwo() throws IOException {
        Path file = Files.writeString(temp.resolve("a-file"), "not a directory");
        int code = run(
                "run",
                "--transports",
                "tcp",
                "--sizes",
                "64",
                "--out",
                file.resolve("results").toString());
        assertEquals(IpcBench.EXIT_USAGE, code);
        assertTrue(err.toString().contains("cannot create output directory"), err.toString());

        int dry = run("run", "--dry-run", "--out", file.toString());
        assertEquals(IpcBench.EXIT_USAGE, dry);
        assertTrue(err.toString().contains("is not a directory"), err.toString());
    }

    @Test
    void refusedJvmFlagsAndUnknownProfilersStopTheRunBeforeItCreatesItsFolder() {
        Path folder = temp.resolve("never");
        String[][] bad = {
            {"--jvm-args", "-XX:+ThisFlagDoesNotExist"},
            {"--", "-jvmArgsAppend", "-XX:+ThisFlagDoesNotExist"},
            {"--", "-prof", "nosuchprofiler"},
        };
        for (String[] b : bad) {
            String[] all = java.util.stream.Stream.concat(
                            java.util.Arrays.stream(new String[] {
                                "run", "--transports", "tcp", "--sizes", "64", "--out", folder.toString()
                            }),
                            java.util.Arrays.stream(b))
                    .toArray(String[]::new);
            assertEquals(IpcBench.EXIT_USAGE, run(all), String.join(" ", b) + ": " + err);
            assertFalse(Files.exists(folder), String.join(" ", b) + " created " + folder);
        }
        assertTrue(err.toString().contains("Unrecognized VM option 'ThisFlagDoesNotExist'"), err.toString());
        assertTrue(err.toString().contains("-prof nosuchprofiler: JMH cannot use this profiler here"), err.toString());
    }

    @Test
    void quickAndFullExcludeEachOther() {
        assertEquals(IpcBench.EXIT_USAGE, run("run", "--quick", "--full", "--dry-run", "--out", temp.toString()));
        assertTrue(err.toString().contains("mutually exclusive"), err.toString());
    }

    @Test
    void anUnknownOptionExitsWithTwo() {
        assertEquals(IpcBench.EXIT_USAGE, run("run", "--fast"));
        assertEquals(IpcBench.EXIT_USAGE, run());
    }

    @Test
    void aDryRunShowsThePlanAndWritesNothing() {
        Path dir = temp.resolve("out");
        int code = run("run", "--dry-run", "--transports", "tcp", "--sizes", "64,1K", "--out", dir.toString());
        assertEquals(IpcBench.EXIT_OK, code, err.toString());
        String text = out.toString();
        assertTrue(text.contains("benchmark runs"), text);
        assertTrue(text.contains("estimate"), text);
        assertFalse(Files.exists(dir));
    }

    @Test
    void jmhOptionsPassThroughAndOverrideTheSettings() {
        int code = run(
                "run",
                "--dry-run",
                "--transports",
                "tcp",
                "--sizes",
                "64",
                "--out",
                temp.toString(),
                "--",
                "-f",
                "3",
                "-i",
                "7",
                "-prof",
                "gc");
        assertEquals(IpcBench.EXIT_OK, code, err.toString());
        assertTrue(
                out.toString().contains("quick: 3 forks, 2 x 500 ms warm-up, 7 x 300 ms measurement"), out.toString());

        assertEquals(IpcBench.EXIT_USAGE, run("run", "--dry-run", "--out", temp.toString(), "--", "-p", "size=1"));
        assertTrue(err.toString().contains("-p is ipcbench run's own"), err.toString());
        assertEquals(IpcBench.EXIT_USAGE, run("run", "--dry-run", "--out", temp.toString(), "--", "-f", "many"));
        assertEquals(IpcBench.EXIT_USAGE, run("run", "--dry-run", "--out", temp.toString(), "--", "Throughput"));
    }

    @Test
    void listShowsTheBaselineFirstAndEveryTransport() {
        assertEquals(IpcBench.EXIT_OK, run("list"));
        String[] lines = out.toString().split("\n");
        assertTrue(lines[0].startsWith("transport"), lines[0]);
        assertTrue(lines[1].startsWith("---"), lines[1]);
        assertTrue(lines[2].startsWith("inproc"), lines[2]);
        assertTrue(out.toString().contains("\ntcp "), out.toString());
        assertTrue(out.toString().contains(" 65,507 "), out.toString());
        assertTrue(out.toString().contains(" 131,072 "), "one format for every size: " + out);
    }

    @Test
    void badOpenLoopOptionsExitWithTwoSayingWhy() {
        String[][] cases = {
            {"--rates", "0", "above 0"},
            {"--rates", "-10k", "above 0"},
            {"--rates", "20M", "System.nanoTime"},
            {"--rates", "ten", "not a rate"},
            {"--p99-bound", "0ms", "--p99-bound"},
            {"--p99-bound", "soon", "--p99-bound"},
            {"--stall", "10ms", "--stall"},
        };
        for (String[] c : cases) {
            err.getBuffer().setLength(0);
            int code = run(
                    "run",
                    "--dry-run",
                    "--benchmarks",
                    "openloop",
                    "--transports",
                    "tcp",
                    c[0],
                    c[1],
                    "--out",
                    temp.toString());
            assertEquals(IpcBench.EXIT_USAGE, code, c[0] + " " + c[1] + ": " + err);
            assertTrue(err.toString().contains(c[2]), c[0] + " " + c[1] + ": " + err);
        }
        err.getBuffer().setLength(0);
        assertEquals(IpcBench.EXIT_USAGE, run("run", "--dry-run", "--rates", "1k", "--out", temp.toString()));
        assertTrue(err.toString().contains("add --benchmarks openloop"), err.toString());
    }

    @Test
    void aDryRunOfTheOpenLoopShowsItsSettingsAndEstimate() {
        int code = run(
                "run",
                "--dry-run",
                "--benchmarks",
                "openloop",
                "--transports",
                "tcp,udp",
                "--sizes",
                "64",
                "--rates",
                "1k,10k,max",
                "--p99-bound",
                "500us",
                "--out",
                temp.toString());
        assertEquals(IpcBench.EXIT_OK, code, err.toString());
        String text = out.toString();
        assertTrue(text.contains("2 open-loop sweeps"), text);
        assertTrue(text.contains("rates 1k,10k,max, p99 bound 500 us"), text);
        assertTrue(text.contains("udp 64 B: udp may lose messages"), text);
        assertTrue(text.contains("estimate"), text);

        out.getBuffer().setLength(0);
        assertEquals(
                IpcBench.EXIT_OK, run("run", "--dry-run", "--full", "--transports", "tcp", "--out", temp.toString()));
        assertTrue(out.toString().contains("open-loop sweeps"), "--full includes the open loop: " + out);
        out.getBuffer().setLength(0);
        assertEquals(IpcBench.EXIT_OK, run("run", "--dry-run", "--transports", "tcp", "--out", temp.toString()));
        assertFalse(out.toString().contains("open-loop"), "--quick does not, unless asked: " + out);
    }
}
