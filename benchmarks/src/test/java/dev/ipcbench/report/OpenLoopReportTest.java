package dev.ipcbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ipcbench.cli.IpcBench;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code openloop.json} read back, rendered by {@code report} and matched by {@code compare}. */
class OpenLoopReportTest {

    @TempDir
    Path temp;

    private static final OpenLoopFile.Settings SETTINGS = new OpenLoopFile.Settings(
            "quick", List.of("1k", "10k", "100k", "1M", "max"), 1_000_000, 500, 500, 10_000, 1_000, 500, 128, 5, null);

    /** An entry with p50 and p99 in µs, CPU of both processes in %. */
    static OpenLoopFile.Entry entry(
            String transport,
            String wait,
            String rate,
            double p50,
            double p99,
            boolean keptUp,
            String why,
            double cpu) {
        Histogram h = new Histogram(3);
        h.recordValueWithCount((long) (p50 * 1e3), 99);
        h.recordValue((long) (p99 * 1e3));
        Long offered = "max".equals(rate) ? null : Math.round(Double.parseDouble(rate.replace("k", "")) * 1e3);
        return new OpenLoopFile.Entry(
                transport,
                wait,
                64,
                "cross",
                rate,
                offered,
                offered == null ? 123_456.0 : keptUp ? offered : offered / 2.0,
                100L,
                0.5,
                p50 * 1e3,
                (long) (p50 * 1e3),
                (long) (p50 * 1e3),
                (long) (p99 * 1e3),
                (long) (p99 * 1e3),
                (long) (p99 * 1e3),
                (long) (p99 * 1e3),
                offered == null ? null : 20_000L,
                offered == null ? null : 60_000L,
                offered == null ? null : 90_000L,
                keptUp,
                why != null,
                why,
                cpu * 1e3,
                "inproc".equals(transport) ? null : cpu * 1e3,
                cpu,
                "inproc".equals(transport) ? null : cpu,
                OpenLoopFile.encode(h),
                null);
    }

    static Path folder(Path dir, List<OpenLoopFile.Entry> entries) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(ResultsFolder.JMH_JSON), "[]\n");
        ResultsFolder.writeJson(
                dir.resolve(OpenLoopFile.FILE), new OpenLoopFile(OpenLoopFile.FORMAT, SETTINGS, entries));
        return dir;
    }

    static List<OpenLoopFile.Entry> sweep(double slower) {
        List<OpenLoopFile.Entry> e = new ArrayList<>();
        e.add(entry("tcp", "default", "1k", 100 * slower, 300, true, null, 9));
        e.add(entry("tcp", "default", "10k", 80 * slower, 1_500, true, "p99 1.5 ms is over the bound of 1 ms", 70));
        e.add(entry("tcp", "default", "100k", 9_000, 90_000, false, "achieved 50.0k/s, 50% short", 180));
        e.add(entry("tcp", "default", "max", 300, 1_400, true, null, 180));
        e.add(entry("shm", "backoff", "1k", 270, 1_500, true, "p99 1.5 ms is over the bound of 1 ms", 50));
        e.add(entry("shm", "backoff", "10k", 85, 340, true, null, 130));
        e.add(entry("shm", "backoff", "max", 16, 57, true, null, 198));
        return e;
    }

    @Test
    void theFileReadsBackWithItsHistograms() throws Exception {
        Path dir = folder(temp.resolve("a"), sweep(1));
        OpenLoopFile f =
                OpenLoopFile.beside(dir.resolve(ResultsFolder.JMH_JSON)).orElseThrow();
        assertEquals(OpenLoopFile.FORMAT, f.format());
        assertEquals(SETTINGS, f.settings());
        assertEquals(sweep(1), f.entries());
        assertEquals(100, f.entries().get(0).decodeHistogram().orElseThrow().getTotalCount());
        Row tcp = Row.of("tcp", "default");
        Row shm = Row.of("shm", "backoff");
        assertEquals("1k", f.sustained(tcp, 64).orElseThrow().rate(), "10k is over the bound, 100k not kept up");
        assertEquals("100k", f.notKeptUp(tcp, 64).orElseThrow().rate());
        assertEquals("10k", f.sustained(shm, 64).orElseThrow().rate(), "over the bound at 1k, within it at 10k");
        assertEquals(List.of("1k", "10k", "100k", "max"), f.rates(64));
        String json = Files.readString(dir.resolve(OpenLoopFile.FILE));
        assertTrue(json.contains("\"wait\" : \"backoff\""), json);
    }

    @Test
    void theReportHasTheOpenLoopSectionTablesAndCharts() throws IOException {
        Path dir = folder(temp.resolve("a"), sweep(1));
        TestResults.Run run = TestResults.ipcbench("report", dir.toString());
        assertEquals(IpcBench.EXIT_OK, run.code(), run.err());
        String md = Files.readString(dir.resolve("README.md"), StandardCharsets.UTF_8);
        assertTrue(md.contains("## Latency under load (open loop)"), md);
        assertTrue(md.contains("| tcp | 1k/s | 10k/s (p99 1500) | 100k/s: achieved 50.0k/s, 50% short |"), md);
        assertTrue(
                md.contains(
                        "| shm (backoff) | 10k/s (the highest tried) | 1k/s (p99 1500) | kept up with every rate |"),
                md);
        assertTrue(md.contains("| tcp | 100 / 300 | 80.0 / 1500 \u26a0 | 9000 / 90000 \u26a0 | 300 / 1400 |"), md);
        assertTrue(md.contains("| shm (backoff) | 270 / 1500 \u26a0 | 85.0 / 340 | \u2014 | 16.0 / 57.0 |"), md);
        assertTrue(md.contains("9.0% (4.5 + 4.5)") || md.contains("18% (9.0 + 9.0)"), md);
        for (String what : List.of("latency", "cpu")) {
            String chart = Charts.openLoopName(what, 64);
            assertTrue(Files.size(dir.resolve(chart + ".svg")) > 0, chart);
            assertTrue(Files.size(dir.resolve(chart + ".png")) > 0, chart);
            assertTrue(md.contains("](" + chart + ".svg)"), md);
            String svg = Files.readString(dir.resolve(chart + ".svg"), StandardCharsets.UTF_8);
            assertTrue(svg.contains(">shm (backoff)</text>"), "legend as text");
            assertTrue(svg.contains("open loop quick"), "the open loop's settings under the chart");
        }
    }

    @Test
    void compareMatchesByTransportWaitSizeAndRate() throws IOException {
        Path a = folder(temp.resolve("a"), sweep(1));
        List<OpenLoopFile.Entry> b = new ArrayList<>(sweep(2));
        b.removeIf(e -> e.rate().equals("max") && e.transport().equals("shm"));
        Path bDir = folder(temp.resolve("b"), b);
        TestResults.Run run = TestResults.ipcbench("compare", a.toString(), bDir.toString(), "--format", "text");
        assertEquals(IpcBench.EXIT_OK, run.code(), run.err());
        String text = run.out();
        assertTrue(text.contains("Latency under load (open loop)"), text);
        assertTrue(text.contains("no significance test"), text);
        List<String> tcp1k = text.lines()
                .filter(l -> l.startsWith("tcp ") && l.contains(" 1k/s "))
                .toList();
        assertEquals(1, tcp1k.size(), text);
        assertTrue(tcp1k.get(0).contains("+100.0%"), "p50 doubled: " + tcp1k.get(0));
        assertTrue(text.contains("Only in A: shm (backoff) 64 B at max"), text);
    }
}
