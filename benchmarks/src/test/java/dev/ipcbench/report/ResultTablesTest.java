package dev.ipcbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The tables the report and the terminal summary share, on small hand-made JMH results. */
class ResultTablesTest {

    private static String result(String benchmark, String mode, String params, double score, String unit, String more) {
        return String.format(
                Locale.ROOT,
                "{\"benchmark\": \"dev.ipcbench.bench.%sBenchmark.m\", \"mode\": \"%s\", \"params\": {%s},"
                        + " \"primaryMetric\": {\"score\": %s, \"scoreError\": 0.1, \"scoreUnit\": \"%s\"%s},"
                        + " \"secondaryMetrics\": {%s}}",
                benchmark,
                mode,
                params,
                score,
                unit,
                mode.equals("sample")
                        ? ", \"scorePercentiles\": {\"50.0\": " + score * 0.9 + ", \"99.0\": " + score * 3 + "}"
                        : "",
                more);
    }

    private static String params(String transport, String wait, long size, String extra) {
        return "\"transport\": \"" + transport + "\", \"wait\": \"" + wait + "\", \"size\": \"" + size + "\"" + extra;
    }

    private static String counters(String messages, String bytes, String lost, double m, double b, double l) {
        return String.format(
                Locale.ROOT,
                "\"%s\": {\"score\": %s, \"scoreUnit\": \"ops/s\"}, \"%s\": {\"score\": %s, \"scoreUnit\": \"ops/s\"},"
                        + " \"%s\": {\"score\": %s, \"scoreUnit\": \"#\"}",
                messages,
                m,
                bytes,
                b,
                lost,
                l);
    }

    private static Figures figures(List<String> results, List<String> lossy) throws ResultsException {
        String json = "[" + String.join(",", results) + "]";
        List<JmhResult> parsed = ResultsFolder.parseJmh(
                Path.of("test.json"), new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        EnvironmentFile env = new EnvironmentFile(
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, lossy, true,
                null, null, null, null, null, null, null);
        return new Figures(new ResultsFolder(Path.of("test.json"), Path.of("test.json"), parsed, Optional.of(env)));
    }

    private static List<String> section(String text, String titleStart) {
        List<String> lines = Arrays.asList(text.split("\n"));
        int from = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(titleStart)) {
                from = i + 1;
                break;
            }
        }
        assertTrue(from > 0, "no section " + titleStart + " in\n" + text);
        List<String> rows = new ArrayList<>();
        for (int i = from + 2; i < lines.size() && !lines.get(i).isEmpty(); i++) {
            rows.add(lines.get(i));
        }
        return rows;
    }

    private static List<String> cells(String line) {
        return Arrays.asList(line.trim().split("\\s{2,}"));
    }

    @Test
    void roundTripMeansPerTransportAndSizeWithTheBaselineFirst() throws ResultsException {
        Figures f = figures(
                List.of(
                        result("RoundTrip", "avgt", params("tcp", "default", 64, ""), 41.25, "us/op", ""),
                        result("RoundTrip", "sample", params("tcp", "default", 64, ""), 99.0, "us/op", ""),
                        result("RoundTrip", "sample", params("inproc", "default", 64, ""), 0.254, "us/op", ""),
                        result("RoundTrip", "sample", params("inproc", "default", 1024, ""), 1500, "ns/op", ""),
                        result("RoundTrip", "sample", params("shm", "spin", 64, ""), 0.75, "us/op", "")),
                List.of());

        String text = ResultTables.summary(f);

        List<String> mean = section(text, "Round trip, mean");
        assertEquals(List.of("inproc", "0.254 \u00b1 0.100 \u2020", "1.50 \u00b1 0.000 \u2020"), cells(mean.get(0)));
        assertEquals(
                List.of("tcp", "41.3 \u00b1 0.100", "n/a"), cells(mean.get(1)), "AverageTime wins over SampleTime");
        assertEquals("shm (spin)", cells(mean.get(2)).get(0));
        List<String> percentiles = section(text, "Round trip, percentiles");
        assertEquals("0.229 / 0.762 / n/a", cells(percentiles.get(0)).get(1));
        assertFalse(text.contains("Throughput"), "no throughput measured, no throughput table");
    }

    @Test
    void throughputReadsTheOldAndTheNewCounterNames() throws ResultsException {
        Figures f = figures(
                List.of(
                        result(
                                "Throughput",
                                "thrpt",
                                params("inproc", "default", 64, ""),
                                1,
                                "ops/s",
                                counters("messages", "bytes", "lost", 12_500_000, 800_000_000, 0)),
                        result(
                                "Throughput",
                                "thrpt",
                                params("udp", "default", 64, ""),
                                1,
                                "ops/s",
                                counters("deliveredMessages", "deliveredBytes", "lostMessages", 250_000, 16e6, 17)),
                        result(
                                "Throughput",
                                "thrpt",
                                params("tcp", "default", 1024, ", \"window\": \"16\""),
                                1,
                                "ops/s",
                                counters("deliveredMessages", "deliveredBytes", "lostMessages", 900, 921_600, 0))),
                List.of("udp"));

        String text = ResultTables.summary(f);

        List<String> messages = section(text, "Throughput, delivered messages");
        assertEquals(List.of("inproc", "12.50 M", "n/a"), cells(messages.get(0)));
        assertEquals(List.of("udp", "250.0 k", "n/a"), cells(messages.get(1)));
        assertEquals(List.of("tcp (window=16)", "n/a", "900"), cells(messages.get(2)), "a window is a row of its own");
        List<String> megabytes = section(text, "Throughput, delivered MB/s");
        assertEquals(List.of("udp", "16.0", "n/a"), cells(megabytes.get(1)));
        List<String> lost = section(text, "Throughput, lost messages");
        assertEquals(1, lost.size(), "only udp: " + lost);
        assertEquals(List.of("udp", "17", "n/a"), cells(lost.get(0)));
    }

    @Test
    void convertsUnits() {
        assertEquals(1.5, Units.toMicros(1500, "ns/op"));
        assertEquals(2000.0, Units.toMicros(2, "ms/op"));
        assertEquals(5e6, Units.toPerSecond(5, "ops/us"));
        assertEquals(7.0, Units.toPerSecond(7, "ops/s"));
        assertTrue(Double.isNaN(Units.toPerSecond(7, "#")));
        assertEquals("RoundTrip", JmhResult.simpleName("dev.ipcbench.bench.RoundTripBenchmark.roundTrip"));
    }
}
