package dev.ipcbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SummaryTableTest {

    private static Measurement roundTrip(String transport, String wait, long size, String mode, double us) {
        TreeMap<Double, Double> percentiles = new TreeMap<>();
        if (mode.equals("sample")) {
            percentiles.put(50.0, us * 0.9);
            percentiles.put(99.0, us * 3);
        }
        return new Measurement(
                Measurement.ROUND_TRIP,
                transport,
                size,
                wait,
                mode,
                new Measurement.Metric(us, 0.1, "us/op"),
                percentiles,
                Map.of());
    }

    private static Measurement throughput(String transport, long size, double messages, double bytes, double lost) {
        return new Measurement(
                Measurement.THROUGHPUT,
                transport,
                size,
                "default",
                "thrpt",
                new Measurement.Metric(messages, 1, "ops/s"),
                new TreeMap<>(),
                Map.of(
                        "messages", new Measurement.Metric(messages, 1, "ops/s"),
                        "bytes", new Measurement.Metric(bytes, 1, "ops/s"),
                        "lost", new Measurement.Metric(lost, Double.NaN, "#")));
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
        int to = from;
        while (to < lines.size() && !lines.get(to).isEmpty()) {
            to++;
        }
        return lines.subList(from, to);
    }

    private static List<String> cells(String line) {
        return Arrays.asList(line.trim().split("\\s{2,}"));
    }

    @Test
    void roundTripMeansPerTransportAndSizeWithTheBaselineFirst() {
        List<Measurement> ms = List.of(
                roundTrip("tcp", "default", 64, "avgt", 41.25),
                roundTrip("tcp", "default", 64, "sample", 99.0),
                roundTrip("inproc", "default", 64, "sample", 0.254),
                roundTrip("inproc", "default", 1024, "sample", 1.5),
                roundTrip("shm", "spin", 64, "sample", 0.75));
        List<SummaryTable.Row> rows = SummaryTable.rowsOf(ms, "inproc");
        String text = SummaryTable.render(ms, rows, List.of(64L, 1024L), Set.of());

        List<String> mean = section(text, "Round trip, mean");
        assertEquals(List.of("transport", "64 B", "1 KiB"), cells(mean.get(0)));
        assertEquals(List.of("inproc", "0.254", "1.50"), cells(mean.get(1)));
        assertEquals(List.of("tcp", "41.3", "n/a"), cells(mean.get(2)), "AverageTime wins over SampleTime");
        assertEquals(List.of("shm (spin)", "0.750", "n/a"), cells(mean.get(3)));

        List<String> p99 = section(text, "Round trip, p99");
        assertEquals(List.of("inproc", "0.762", "4.50"), cells(p99.get(1)));
        assertTrue(text.contains("hide queueing delay"), text);
        assertFalse(text.contains("Throughput"), "no throughput measured, no throughput table");
    }

    @Test
    void throughputInMessagesAndMegabytesAndLossForLossyTransports() {
        List<Measurement> ms = List.of(
                throughput("inproc", 64, 12_500_000, 800_000_000, 0),
                throughput("udp", 64, 250_000, 16_000_000, 17),
                throughput("tcp", 1024, 900, 921_600, 0));
        List<SummaryTable.Row> rows = List.of(
                new SummaryTable.Row("inproc", null),
                new SummaryTable.Row("udp", null),
                new SummaryTable.Row("tcp", null));
        String text = SummaryTable.render(ms, rows, List.of(64L, 1024L), Set.of("udp"));

        List<String> messages = section(text, "Throughput, delivered messages");
        assertEquals(List.of("inproc", "12.50 M", "n/a"), cells(messages.get(1)));
        assertEquals(List.of("udp", "250.0 k", "n/a"), cells(messages.get(2)));
        assertEquals(List.of("tcp", "n/a", "900"), cells(messages.get(3)));

        List<String> megabytes = section(text, "Throughput, delivered MB/s");
        assertEquals(List.of("inproc", "800", "n/a"), cells(megabytes.get(1)));
        assertEquals(List.of("udp", "16.0", "n/a"), cells(megabytes.get(2)));
        assertEquals(List.of("tcp", "n/a", "0.92"), cells(megabytes.get(3)));

        List<String> lost = section(text, "Throughput, lost messages");
        assertEquals(2, lost.size(), "only udp: " + lost);
        assertEquals(List.of("udp", "17", "n/a"), cells(lost.get(1)));
    }

    @Test
    void convertsUnits() {
        assertEquals(1.5, Measurement.toMicros(1500, "ns/op"));
        assertEquals(2000.0, Measurement.toMicros(2, "ms/op"));
        assertEquals(5e6, Measurement.toPerSecond(5, "ops/us"));
        assertEquals(7.0, Measurement.toPerSecond(7, "ops/s"));
        assertTrue(Double.isNaN(Measurement.toPerSecond(7, "#")));
    }

    @Test
    void namesBenchmarksSimply() {
        assertEquals("RoundTrip", Measurement.simpleName("dev.ipcbench.bench.RoundTripBenchmark.roundTrip"));
        assertEquals("Throughput", Measurement.simpleName("dev.ipcbench.bench.ThroughputBenchmark.stream"));
    }
}
