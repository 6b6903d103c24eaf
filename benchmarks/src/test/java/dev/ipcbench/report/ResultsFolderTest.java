package dev.ipcbench.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsFolderTest {

    @TempDir
    Path temp;

    @Test
    void loadsAResultsFolderWithItsEnvironment() throws ResultsException {
        Path dir = TestResults.resource("results/run-a");
        List<Map<String, Object>> raw = TestResults.results(dir.resolve("jmh.json"));

        ResultsFolder rs = ResultsFolder.load(dir);

        assertEquals(raw.size(), rs.results().size());
        assertTrue(rs.environment().isPresent());
        assertEquals(
                TestResults.<String>at(TestResults.json(dir.resolve("environment.json")), "cpu", "model"),
                rs.environment().orElseThrow().cpu().model());
        assertFalse(rs.skipped().isEmpty(), "run-a records a skipped combination");
        for (int i = 0; i < raw.size(); i++) {
            JmhResult r = rs.results().get(i);
            assertEquals(raw.get(i).get("benchmark"), r.benchmark());
            assertEquals(raw.get(i).get("mode"), r.mode());
            assertEquals(
                    ((Number) TestResults.at(raw.get(i), "primaryMetric", "score")).doubleValue(),
                    r.primaryMetric().value());
        }
    }

    @Test
    void samplesArePerIterationScoresOrHistogramMeans() throws ResultsException {
        Path dir = TestResults.resource("results/run-a");
        List<Map<String, Object>> raw = TestResults.results(dir.resolve("jmh.json"));
        ResultsFolder rs = ResultsFolder.load(dir);
        boolean sawSample = false;
        for (int i = 0; i < raw.size(); i++) {
            JmhResult r = rs.results().get(i);
            double[] samples = r.samples();
            assertTrue(samples.length > 0, "result " + i + " has samples");
            double mean = java.util.Arrays.stream(samples).average().orElseThrow();
            assertEquals(TestResults.rawMean(raw.get(i)), mean, Math.abs(mean) * 1e-9);
            if ("sample".equals(r.mode())) {
                sawSample = true;
                assertEquals("rawDataHistogram", r.samplesSource());
                assertTrue(r.primaryMetric().percentile(99.0) > 0, "SampleTime has percentiles");
            } else {
                assertEquals("rawData", r.samplesSource());
            }
        }
        assertTrue(sawSample, "run-a holds a SampleTime result");
    }

    @Test
    void aBareFileLoadsWithoutEnvironment() throws ResultsException {
        ResultsFolder rs = ResultsFolder.load(TestResults.resource("results/pair-same/a.json"));
        assertFalse(rs.results().isEmpty());
        assertTrue(rs.environment().isEmpty());
        assertTrue(rs.skipped().isEmpty());
    }

    @Test
    void aMissingFolderOrFileIsNamed() throws IOException {
        Path missing = temp.resolve("no-such-run");
        ResultsException e = assertThrows(ResultsException.class, () -> ResultsFolder.load(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());

        Path empty = Files.createDirectory(temp.resolve("empty"));
        e = assertThrows(ResultsException.class, () -> ResultsFolder.load(empty));
        assertTrue(e.getMessage().contains(empty.resolve("jmh.json").toString()), e.getMessage());
    }

    @Test
    void malformedFilesAreNamedWithTheProblem() throws IOException {
        Path truncated = Files.writeString(temp.resolve("truncated.json"), "[{\"benchmark\": ");
        ResultsException e = assertThrows(ResultsException.class, () -> ResultsFolder.load(truncated));
        assertTrue(e.getMessage().startsWith(truncated.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());

        Path object = Files.writeString(temp.resolve("object.json"), "{\"benchmark\": \"x\"}");
        e = assertThrows(ResultsException.class, () -> ResultsFolder.load(object));
        assertTrue(e.getMessage().startsWith(object.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("not JMH results"), e.getMessage());

        Path noMetric =
                Files.writeString(temp.resolve("no-metric.json"), "[{\"benchmark\": \"a.B.c\", \"mode\": \"avgt\"}]");
        e = assertThrows(ResultsException.class, () -> ResultsFolder.load(noMetric));
        assertTrue(e.getMessage().contains("result 0"), e.getMessage());
        assertTrue(e.getMessage().contains("primaryMetric"), e.getMessage());

        Path empty = Files.writeString(temp.resolve("empty.json"), "");
        e = assertThrows(ResultsException.class, () -> ResultsFolder.load(empty));
        assertTrue(e.getMessage().startsWith(empty.toString()), e.getMessage());
    }

    @Test
    void aMalformedEnvironmentIsNamed() throws IOException {
        Path dir = temp.resolve("run");
        Files.createDirectories(dir);
        Files.copy(TestResults.resource("results/pair-same/a.json"), dir.resolve("jmh.json"));
        Files.writeString(dir.resolve("environment.json"), "{\"cpu\": ");
        ResultsException e = assertThrows(ResultsException.class, () -> ResultsFolder.load(dir));
        assertEquals(dir.resolve("environment.json"), e.file());
        assertTrue(e.getMessage().contains("environment.json"), e.getMessage());
    }

    @Test
    void writingMovesSampleTimeHistogramsToTheLogAndReadingPutsThemBackExactly() throws Exception {
        ResultsFolder original = ResultsFolder.load(TestResults.resource("results/run-a"));
        Path dir = temp.resolve("written");

        ResultsFolder.write(dir, original.results(), original.environment().orElseThrow());

        String json = Files.readString(dir.resolve("jmh.json"));
        assertFalse(json.contains("rawDataHistogram"), "histograms left jmh.json");
        assertTrue(json.contains("scorePercentiles"), "JMH's percentiles stay for JMH Visualizer");
        assertTrue(Files.readString(dir.resolve("jmh-histograms.hlog")).contains("Tag=r"), "tagged histograms");
        ResultsFolder back = ResultsFolder.load(dir);
        assertEquals(original.results().size(), back.results().size());
        for (int i = 0; i < original.results().size(); i++) {
            JmhResult a = original.results().get(i);
            JmhResult b = back.results().get(i);
            assertEquals(a.withHistograms(null), b.withHistograms(null), "result " + i);
            assertEquals(histograms(a), histograms(b), "histograms of result " + i);
            assertArrayEquals(a.samples(), b.samples(), "samples of result " + i);
        }
        assertEquals(original.environment(), back.environment());
    }

    private static String histograms(JmhResult r) {
        var h = r.primaryMetric().rawDataHistogram();
        return h == null
                ? "none"
                : h.stream()
                        .map(f -> f.stream()
                                .map(it -> it.stream().map(Arrays::toString).toList())
                                .toList())
                        .toList()
                        .toString();
    }

    @Test
    void aHistogramThatWouldNotComeBackExactlyStaysInTheJson() throws Exception {
        ResultsFolder original = ResultsFolder.load(TestResults.resource("results/run-a"));
        List<JmhResult> odd = original.results().stream()
                .map(r -> r.primaryMetric().rawDataHistogram() == null
                        ? r
                        : r.withHistograms(List.of(List.of(List.of(new double[] {0.1234567, 3})))))
                .toList();
        Path dir = temp.resolve("odd");

        ResultsFolder.write(dir, odd, null);

        assertTrue(Files.readString(dir.resolve("jmh.json")).contains("rawDataHistogram"));
        assertFalse(Files.exists(dir.resolve("jmh-histograms.hlog")));
        assertEquals(
                0.1234567,
                ResultsFolder.load(dir).results().stream()
                        .filter(r -> r.primaryMetric().rawDataHistogram() != null)
                        .findFirst()
                        .orElseThrow()
                        .primaryMetric()
                        .rawDataHistogram()
                        .get(0)
                        .get(0)
                        .get(0)[0]);
    }

    @Test
    void environmentFieldsKeepTheirNamesBothWays() throws Exception {
        Path env = TestResults.resource("results/run-a/environment.json");
        Map<String, Object> raw = TestResults.at(TestResults.json(env), new String[0]);
        EnvironmentFile read = ResultsFolder.readEnvironment(env);
        Path copy = Files.writeString(temp.resolve("environment.json"), ResultsFolder.toJson(read));

        Map<String, Object> written = TestResults.at(TestResults.json(copy), new String[0]);

        assertEquals(raw.keySet(), written.keySet());
        assertEquals(raw.get("skipped"), written.get("skipped"));
        assertEquals(raw.get("placement"), written.get("placement"));
        assertEquals(read, ResultsFolder.readEnvironment(copy));
    }
}
