package dev.ipcbench.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ipcbench.cli.IpcBench;
import dev.ipcbench.transport.Sizes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ipcbench report} on a real run ({@code results/run-a}). */
class ReportCommandTest {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @TempDir
    Path temp;

    private Path runA() throws IOException {
        Path dir = temp.resolve("run-a");
        TestResults.copyFolder(TestResults.resource("results/run-a"), dir);
        return dir;
    }

    private static String readme(Path dir) throws IOException {
        return Files.readString(dir.resolve("README.md"), StandardCharsets.UTF_8);
    }

    @Test
    void writesTheReadmeAndTheCharts() throws IOException {
        Path dir = runA();

        TestResults.Run run = TestResults.ipcbench("report", dir.toString());

        assertEquals(IpcBench.EXIT_OK, run.code(), run.err());
        assertTrue(run.out().contains(dir.resolve("README.md").toString()), run.out());
        String md = readme(dir);
        assertTrue(md.startsWith(MarkdownReport.MARK + "\n# ipcbench results"), md);
        for (String chart : List.of(Charts.LATENCY, Charts.THROUGHPUT, Charts.PERCENTILES)) {
            Path svg = dir.resolve(chart + ".svg");
            Path png = dir.resolve(chart + ".png");
            assertTrue(Files.size(svg) > 0, svg + " is written");
            String text = Files.readString(svg, StandardCharsets.UTF_8);
            assertTrue(text.contains("<svg"), svg + " is SVG");
            assertTrue(text.contains(">inproc</text>"), svg + " keeps its legend as text");
            assertTrue(text.contains("AMD EPYC"), svg + " names the machine");
            assertTrue(Files.size(svg) < 150_000, svg + " is tens of KB: " + Files.size(svg));
            byte[] head = Arrays.copyOf(Files.readAllBytes(png), PNG_SIGNATURE.length);
            assertArrayEquals(PNG_SIGNATURE, head, png + " is PNG");
            assertTrue(md.contains("](" + chart + ".svg)"), "README embeds " + chart + ".svg");
            assertTrue(md.contains(chart + ".png"), "README mentions " + chart + ".png");
        }
    }

    @Test
    void theMachineComesFromEnvironmentJson() throws IOException {
        Path dir = runA();
        Object env = TestResults.json(dir.resolve("environment.json"));

        assertEquals(
                IpcBench.EXIT_OK,
                TestResults.ipcbench("report", "--no-charts", dir.toString()).code());

        String md = readme(dir);
        String model = TestResults.at(env, "cpu", "model");
        assertTrue(md.contains("**CPU:** " + model), md);
        assertTrue(md.contains(TestResults.<String>at(env, "kernel")), md);
        assertTrue(md.contains(TestResults.<String>at(env, "jdk", "version")), md);
    }

    @Test
    void theBaselineRowComesFirst() throws IOException {
        Path dir = runA();
        assertEquals(
                IpcBench.EXIT_OK,
                TestResults.ipcbench("report", "--no-charts", dir.toString()).code());
        List<String> lines = readme(dir).lines().toList();
        int tables = 0;
        for (int i = 0; i + 2 < lines.size(); i++) {
            if (lines.get(i).startsWith("| transport |") && !inLostTable(lines, i)) {
                tables++;
                assertTrue(lines.get(i + 2).startsWith("| inproc |"), "first row of the table at line " + i);
            }
        }
        assertTrue(tables >= 2, "round-trip and throughput tables");
    }

    private static boolean inLostTable(List<String> lines, int i) {
        for (int j = i; j >= 0; j--) {
            if (lines.get(j).startsWith("### ")) {
                return lines.get(j).startsWith("### Lost");
            }
        }
        return false;
    }

    @Test
    void percentilesAreJmhsOwn() throws IOException {
        Path dir = runA();
        Map<String, Object> sample = TestResults.results(dir.resolve("jmh.json")).stream()
                .filter(r -> "sample".equals(r.get("mode"))
                        && r.get("benchmark").toString().contains("RoundTrip"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("run-a holds a SampleTime round-trip result"));
        String unit = TestResults.at(sample, "primaryMetric", "scoreUnit");
        Map<String, Object> percentiles = TestResults.at(sample, "primaryMetric", "scorePercentiles");
        String expected = String.join(
                " / ",
                Arrays.stream(new String[] {"50.0", "99.0", "99.9"})
                        .map(p -> Formats.micros(Units.toMicros(((Number) percentiles.get(p)).doubleValue(), unit)))
                        .toList());
        String label = Row.of(TestResults.at(sample, "params", "transport"), TestResults.at(sample, "params", "wait"))
                .label();
        String size = Sizes.format(Long.parseLong(TestResults.at(sample, "params", "size")));

        assertEquals(
                IpcBench.EXIT_OK,
                TestResults.ipcbench("report", "--no-charts", dir.toString()).code());

        String md = readme(dir);
        String section = md.substring(md.indexOf("### Percentiles"));
        section = section.substring(0, section.indexOf("_From jmh.json"));
        List<String> header = cells(section.lines()
                .filter(l -> l.startsWith("| transport |"))
                .findFirst()
                .orElseThrow());
        List<String> row = cells(section.lines()
                .filter(l -> l.startsWith("| " + label + " |"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no percentile row for " + label)));
        assertEquals(expected, row.get(header.indexOf(size)), "p50 / p99 / p99.9 of " + label + " at " + size);
    }

    private static List<String> cells(String markdownRow) {
        String inner = markdownRow.substring(1, markdownRow.length() - 1);
        return Arrays.stream(inner.split(" \\| ", -1)).map(String::trim).toList();
    }

    @Test
    void skippedCombinationsShowTheirReason() throws IOException {
        Path dir = runA();
        List<Map<String, Object>> skipped =
                TestResults.at(TestResults.json(dir.resolve("environment.json")), "skipped");
        assertFalse(skipped.isEmpty(), "run-a records a skipped combination");
        Map<String, Object> first = skipped.get(0);

        assertEquals(
                IpcBench.EXIT_OK,
                TestResults.ipcbench("report", "--no-charts", dir.toString()).code());

        String md = readme(dir);
        String reason = (String) first.get("reason");
        String line = md.lines()
                .filter(l -> l.contains(reason))
                .findFirst()
                .orElseThrow(() -> new AssertionError("README gives the reason: " + reason));
        assertTrue(line.contains("| " + first.get("transport") + " |"), line);
        assertTrue(line.contains(Sizes.format(((Number) first.get("size")).longValue())), line);
        assertTrue(md.contains(Figures.MISSING + " ["), "skipped cells show n/a with a note");
    }

    @Test
    void withoutEnvironmentTheMachineIsUnknown() throws IOException {
        Path dir = temp.resolve("bare");
        Files.createDirectories(dir);
        Files.copy(TestResults.resource("results/run-a/jmh.json"), dir.resolve("jmh.json"));

        TestResults.Run run = TestResults.ipcbench("report", "--no-charts", dir.toString());

        assertEquals(IpcBench.EXIT_OK, run.code(), run.err());
        assertTrue(readme(dir).contains("environment.json missing: machine unknown"));
        assertFalse(Files.exists(dir.resolve(Charts.LATENCY + ".png")), "--no-charts draws none");
    }

    @Test
    void outWritesElsewhereWithTheChartsBeside() throws IOException {
        Path dir = runA();
        Path out = temp.resolve("site/results.md");

        TestResults.Run run = TestResults.ipcbench("report", dir.toString(), "--out", out.toString());

        assertEquals(IpcBench.EXIT_OK, run.code(), run.err());
        assertTrue(Files.readString(out).startsWith(MarkdownReport.MARK + "\n# ipcbench results"));
        assertTrue(Files.exists(out.resolveSibling(Charts.LATENCY + ".svg")));
        assertFalse(Files.exists(dir.resolve("README.md")));
    }

    @Test
    void aMissingOrMalformedFolderIsAUsageErrorNamingTheFile() throws IOException {
        Path missing = temp.resolve("nothing-here");
        TestResults.Run run = TestResults.ipcbench("report", missing.toString());
        assertEquals(IpcBench.EXIT_USAGE, run.code());
        assertTrue(run.err().contains(missing.toString()), run.err());

        Path bad = temp.resolve("bad");
        Files.createDirectories(bad);
        Files.writeString(bad.resolve("jmh.json"), "[{\"benchmark\": \"x\", ");
        run = TestResults.ipcbench("report", bad.toString());
        assertEquals(IpcBench.EXIT_USAGE, run.code());
        assertTrue(run.err().contains(bad.resolve("jmh.json").toString()), run.err());
        assertTrue(run.err().contains("not valid JSON"), run.err());
        assertFalse(Files.exists(bad.resolve("README.md")));
    }
}
