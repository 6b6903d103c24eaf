package dev.ipcbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What makes a run's figures trustworthy or not: the noise flags on hand-made JMH results, and the
 * Java / C figures read from a native reference beside them.
 */
class TrustTest {

    @TempDir
    Path dir;

    private static String roundTrip(String mode, String transport, String wait, long size, String metric) {
        return String.format(
                Locale.ROOT,
                "{\"benchmark\": \"dev.ipcbench.bench.RoundTripBenchmark.roundTrip\", \"mode\": \"%s\", \"forks\": 2,"
                        + " \"params\": {\"transport\": \"%s\", \"wait\": \"%s\", \"size\": \"%d\", \"placement\":"
                        + " \"cross\"}, \"primaryMetric\": %s}",
                mode,
                transport,
                wait,
                size,
                metric);
    }

    /** An AverageTime metric in µs with these per-fork, per-iteration scores. */
    private static String avgt(double score, double error, String rawData) {
        return String.format(
                Locale.ROOT,
                "{\"score\": %s, \"scoreError\": %s, \"scoreUnit\": \"us/op\", \"rawData\": %s}",
                score,
                error,
                rawData);
    }

    private Figures folder(List<String> results, EnvironmentFile environment, NativeFile reference)
            throws IOException, ResultsException {
        Files.writeString(dir.resolve("jmh.json"), "[" + String.join(",", results) + "]", StandardCharsets.UTF_8);
        if (environment != null) {
            ResultsFolder.writeJson(dir.resolve(ResultsFolder.ENVIRONMENT_JSON), environment);
        }
        if (reference != null) {
            ResultsFolder.writeJson(dir.resolve(NativeFile.FILE), reference);
        }
        return new Figures(ResultsFolder.load(dir));
    }

    private static Map<String, List<EnvironmentFile.Flag>> byKind(List<EnvironmentFile.Flag> flags) {
        return flags.stream().collect(Collectors.groupingBy(EnvironmentFile.Flag::kind));
    }

    @Test
    void steadyResultsRaiseNoFlag() throws Exception {
        Figures f = folder(
                List.of(roundTrip(
                        "avgt", "tcp", "default", 64, avgt(50, 1, "[[50, 51, 49, 50, 50], [50, 49, 51, 50, 50]]"))),
                null,
                null);
        assertEquals(List.of(), NoiseFlags.of(f));
    }

    @Test
    void iterationsThatDisagreeAndForksThatDisagreeAreFlagged() throws Exception {
        Figures f = folder(
                List.of(roundTrip(
                        "avgt", "tcp", "default", 64, avgt(60, 5, "[[40, 41, 40, 39, 40], [80, 81, 80, 79, 80]]"))),
                null,
                null);
        Map<String, List<EnvironmentFile.Flag>> flags = byKind(NoiseFlags.of(f));
        assertTrue(flags.containsKey("iterations"), flags.toString());
        assertTrue(flags.get("forks").get(0).reason().contains("from 40.00 to 80.00"), flags.toString());
    }

    @Test
    void aLargeErrorIsFlagged() throws Exception {
        Figures f = folder(
                List.of(roundTrip("avgt", "tcp", "default", 64, avgt(50, 40, "[[50, 51, 49, 50, 50]]"))), null, null);
        List<EnvironmentFile.Flag> flags = NoiseFlags.of(f);
        assertEquals(
                List.of("error"), flags.stream().map(EnvironmentFile.Flag::kind).toList());
        assertTrue(flags.get(0).reason().contains("80%"), flags.get(0).reason());
    }

    @Test
    void aMeanFarAboveTheMedianIsFlagged() throws Exception {
        String sample = "{\"score\": 10.4, \"scoreError\": 0.01, \"scoreUnit\": \"us/op\","
                + " \"scorePercentiles\": {\"50.0\": 0.42, \"99.0\": 2.0}}";
        Figures f = folder(List.of(roundTrip("sample", "inproc", "spin", 64, sample)), null, null);
        List<EnvironmentFile.Flag> flags = NoiseFlags.of(f);
        assertEquals(
                List.of("mean"), flags.stream().map(EnvironmentFile.Flag::kind).toList());
        assertTrue(
                flags.get(0).reason().contains("24.8 times its median"),
                flags.get(0).reason());
    }

    @Test
    void aBusyMachineAndStealAreFlagged() throws Exception {
        EnvironmentFile env = environment(List.of(
                new EnvironmentFile.Load("RoundTrip", "tcp", "default", 5, 2.1, 2.3, 0.45, 0.08),
                new EnvironmentFile.Load("RoundTrip", "uds", "default", 5, 0.1, 0.1, 0.01, 0.0)));
        Figures f = folder(
                List.of(
                        roundTrip("avgt", "tcp", "default", 64, avgt(50, 1, "[[50, 51, 49]]")),
                        roundTrip("avgt", "uds", "default", 64, avgt(40, 1, "[[40, 41, 39]]"))),
                env,
                null);
        List<EnvironmentFile.Flag> flags = NoiseFlags.of(f);
        assertEquals(
                List.of("busy", "steal"),
                flags.stream().map(EnvironmentFile.Flag::kind).toList());
        assertTrue(flags.stream().allMatch(x -> "tcp".equals(x.transport())), flags.toString());
        assertTrue(
                flags.get(0).reason().contains("45% of the CPUs"), flags.get(0).reason());
    }

    @Test
    void javaOverCDividesTheJavaFigureByTheReferenceOfTheSameMechanismAndSize() throws Exception {
        NativeFile reference = new NativeFile(
                "cc 12",
                null,
                Map.of("tcp", "tcp", "shm", "ring"),
                List.of(
                        measurement("start", "roundtrip", "tcp", 64, null, 40_000.0),
                        measurement("end", "roundtrip", "tcp", 64, null, 40_000.0),
                        measurement("start", "roundtrip", "ring", 64, "spin", 200.0),
                        measurement("end", "roundtrip", "ring", 64, "spin", 450.0),
                        measurement("start", "roundtrip", "cacheline", 64, "spin", 100.0),
                        measurement("end", "roundtrip", "cacheline", 64, "spin", 100.0)));
        Figures f = folder(
                List.of(
                        roundTrip("avgt", "tcp", "default", 64, avgt(50, 1, "[[50, 51, 49]]")),
                        roundTrip("avgt", "shm", "spin", 64, avgt(0.3, 0.01, "[[0.3, 0.3, 0.3]]"))),
                null,
                reference);
        JmhResult tcp =
                f.find("RoundTrip", Row.of("tcp", "default"), 64, "avgt").orElseThrow();
        Figures.Reference c = f.reference(tcp).orElseThrow();
        assertEquals(40_000, c.value(), 1e-9);
        assertFalse(c.changed());
        assertEquals(1.25, Figures.javaFigure(tcp) / c.value(), 1e-9);

        JmhResult shm = f.find("RoundTrip", Row.of("shm", "spin"), 64, "avgt").orElseThrow();
        Figures.Reference ring = f.reference(shm).orElseThrow();
        assertTrue(ring.changed(), "200 ns at the start and 450 at the end: the machine changed regime");
        assertEquals(300, ring.value(), 1e-9, "the geometric mean of start and end");
        assertEquals(3.0, Figures.javaFigure(shm) / f.floor(shm).orElseThrow().value(), 1e-9);

        String text = ResultTables.summary(f);
        assertTrue(text.contains("1.25\u00d7"), text);
        assertTrue(text.contains("1.00\u00d7 ?"), "the changed ring reference is marked: " + text);
        assertTrue(text.contains("3.00\u00d7"), "shm over the floor: " + text);
        assertEquals(
                List.of("regime"),
                NoiseFlags.of(f).stream().map(EnvironmentFile.Flag::kind).toList(),
                "only shm, whose reference changed, is flagged");
    }

    @Test
    void theReportSaysWhyThereIsNoReferenceAndListsTheFlags() throws Exception {
        Figures f = folder(
                List.of(roundTrip("avgt", "tcp", "default", 64, avgt(50, 40, "[[50, 51, 49]]"))),
                null,
                new NativeFile(null, "no C compiler (cc, gcc or clang) on the PATH", Map.of(), List.of()));
        String md = MarkdownReport.render(f.results(), null);
        assertTrue(md.contains("## Native reference (C)\n\nSkipped: no C compiler"), md);
        assertTrue(md.contains("## Results to doubt"), md);
        assertTrue(md.contains("JMH's 99.9% error is 80% of the score"), md);
        assertTrue(md.contains("tcp \u26a0"), "the ranking marks the flagged row: " + md);
        assertTrue(Optional.of(f).flatMap(Figures::nativeReference).isPresent());
    }

    private static NativeFile.Measurement measurement(
            String phase, String op, String mech, long size, String wait, double ns) {
        return new NativeFile.Measurement(
                phase, op, mech, size, "cross", wait, 0, 1, 1000L, ns, ns, ns, ns, ns, ns, null, null, null, null,
                null);
    }

    private static EnvironmentFile environment(List<EnvironmentFile.Load> load) {
        return EnvironmentFile.machine(null, null, null, null, null, null, null, null, null)
                .withConditions(null, load, List.of());
    }
}
