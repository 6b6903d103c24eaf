package dev.ipcbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ipcbench.cli.IpcBench;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ipcbench compact} on a piece of the reference run ({@code results/reference-piece}, three
 * results of {@code results/2026-11-21-vm} as JMH wrote them): {@code report} and {@code compare}
 * give the same output before and after.
 */
class CompactedReferenceTest {

    @TempDir
    Path temp;

    private Path copy(String name) throws IOException {
        Path dir = temp.resolve(name);
        TestResults.copyFolder(TestResults.resource("results/reference-piece"), dir);
        return dir;
    }

    @Test
    void reportAndCompareSayTheSameBeforeAndAfter() throws IOException {
        Path original = copy("original");
        Path compacted = copy("compacted");

        TestResults.Run compact = TestResults.ipcbench("compact", compacted.toString());

        assertEquals(IpcBench.EXIT_OK, compact.code(), compact.err());
        assertTrue(Files.size(compacted.resolve("jmh.json")) < Files.size(original.resolve("jmh.json")) / 3);
        assertTrue(Files.exists(compacted.resolve("jmh-histograms.hlog")));
        List<Map<String, Object>> lean = TestResults.results(compacted.resolve("jmh.json"));
        for (Map<String, Object> r : lean) {
            Map<String, Object> primary = TestResults.at(r, "primaryMetric");
            assertFalse(primary.containsKey("rawDataHistogram"), "histograms moved out");
            assertTrue(primary.containsKey("scorePercentiles"), "what JMH Visualizer shows stays");
        }

        assertEquals(report(original), report(compacted));
        assertEquals(
                compare(original, original).replace(original.toString(), "X").replaceAll(" +", " "),
                compare(compacted, compacted).replace(compacted.toString(), "X").replaceAll(" +", " "));
        String across = compare(original, compacted);
        // Three forks a side are too few for the default test: no verdict, and no change at all.
        assertTrue(
                across.contains("5 compared, 0 slower, 0 faster, 0 ~ (no significant change), 5 ~ too few forks"),
                across);
        assertEquals(5, across.split("\\+0\\.0% ", -1).length - 1, across);

        TestResults.Run again = TestResults.ipcbench("compact", compacted.toString());
        assertEquals(IpcBench.EXIT_OK, again.code(), "compacting twice changes nothing");
        assertEquals(report(original), report(compacted));
    }

    private static String report(Path dir) throws IOException {
        TestResults.Run run = TestResults.ipcbench("report", "--no-charts", dir.toString());
        assertEquals(IpcBench.EXIT_OK, run.code(), run.err());
        return Files.readString(dir.resolve("README.md"));
    }

    private static String compare(Path a, Path b) {
        TestResults.Run run = TestResults.ipcbench("compare", "--format", "text", a.toString(), b.toString());
        assertEquals(IpcBench.EXIT_OK, run.code(), run.err());
        return run.out();
    }
}
