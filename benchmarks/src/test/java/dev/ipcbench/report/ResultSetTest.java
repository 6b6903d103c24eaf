package dev.ipcbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultSetTest {

    @TempDir
    Path temp;

    @Test
    void loadsAResultsFolderWithItsEnvironment() throws ResultsException {
        Path dir = TestResults.resource("results/run-a");
        List<Map<String, Object>> raw = TestResults.results(dir.resolve("jmh.json"));

        ResultSet rs = ResultSet.load(dir);

        assertEquals(raw.size(), rs.results().size());
        assertTrue(rs.environment().isPresent());
        assertEquals(
                TestResults.<String>at(TestResults.json(dir.resolve("environment.json")), "cpu", "model"),
                rs.env("cpu", "model"));
        assertFalse(rs.skipped().isEmpty(), "run-a records a skipped combination");
        for (int i = 0; i < raw.size(); i++) {
            JmhResult r = rs.results().get(i);
            assertEquals(raw.get(i).get("benchmark"), r.benchmark());
            assertEquals(raw.get(i).get("mode"), r.mode());
            assertEquals(
                    ((Number) TestResults.at(raw.get(i), "primaryMetric", "score")).doubleValue(),
                    r.measurement().primary().score());
        }
    }

    @Test
    void samplesArePerIterationScoresOrHistogramMeans() throws ResultsException {
        Path dir = TestResults.resource("results/run-a");
        List<Map<String, Object>> raw = TestResults.results(dir.resolve("jmh.json"));
        ResultSet rs = ResultSet.load(dir);
        boolean sawSample = false;
        for (int i = 0; i < raw.size(); i++) {
            JmhResult r = rs.results().get(i);
            double[] samples = r.samples();
            assertTrue(samples.length > 0, "result " + i + " has samples");
            double mean = java.util.Arrays.stream(samples).average().orElseThrow();
            assertEquals(TestResults.rawMean(raw.get(i)), mean, Math.abs(mean) * 1e-9);
            if ("sample".equals(r.mode())) {
                sawSample = true;
                assertEquals(JmhResult.RAW_DATA_HISTOGRAM, r.samplesSource());
                assertFalse(r.measurement().percentiles().isEmpty(), "SampleTime has percentiles");
            } else {
                assertEquals(JmhResult.RAW_DATA, r.samplesSource());
            }
        }
        assertTrue(sawSample, "run-a holds a SampleTime result");
    }

    @Test
    void aBareFileLoadsWithoutEnvironment() throws ResultsException {
        ResultSet rs = ResultSet.load(TestResults.resource("results/pair-same/a.json"));
        assertFalse(rs.results().isEmpty());
        assertTrue(rs.environment().isEmpty());
        assertTrue(rs.skipped().isEmpty());
    }

    @Test
    void aMissingFolderOrFileIsNamed() throws IOException {
        Path missing = temp.resolve("no-such-run");
        ResultsException e = assertThrows(ResultsException.class, () -> ResultSet.load(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());

        Path empty = Files.createDirectory(temp.resolve("empty"));
        e = assertThrows(ResultsException.class, () -> ResultSet.load(empty));
        assertTrue(e.getMessage().contains(empty.resolve("jmh.json").toString()), e.getMessage());
    }

    @Test
    void malformedFilesAreNamedWithTheProblem() throws IOException {
        Path truncated = Files.writeString(temp.resolve("truncated.json"), "[{\"benchmark\": ");
        ResultsException e = assertThrows(ResultsException.class, () -> ResultSet.load(truncated));
        assertTrue(e.getMessage().startsWith(truncated.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());

        Path object = Files.writeString(temp.resolve("object.json"), "{\"benchmark\": \"x\"}");
        e = assertThrows(ResultsException.class, () -> ResultSet.load(object));
        assertTrue(e.getMessage().startsWith(object.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("not JMH results"), e.getMessage());

        Path noMetric =
                Files.writeString(temp.resolve("no-metric.json"), "[{\"benchmark\": \"a.B.c\", \"mode\": \"avgt\"}]");
        e = assertThrows(ResultsException.class, () -> ResultSet.load(noMetric));
        assertTrue(e.getMessage().contains("result 0"), e.getMessage());
        assertTrue(e.getMessage().contains("primaryMetric"), e.getMessage());

        Path empty = Files.writeString(temp.resolve("empty.json"), "");
        e = assertThrows(ResultsException.class, () -> ResultSet.load(empty));
        assertTrue(e.getMessage().startsWith(empty.toString()), e.getMessage());
    }

    @Test
    void aMalformedEnvironmentIsNamed() throws IOException {
        Path dir = temp.resolve("run");
        Files.createDirectories(dir);
        Files.copy(TestResults.resource("results/pair-same/a.json"), dir.resolve("jmh.json"));
        Files.writeString(dir.resolve("environment.json"), "{\"cpu\": ");
        ResultsException e = assertThrows(ResultsException.class, () -> ResultSet.load(dir));
        assertEquals(dir.resolve("environment.json"), e.file());
        assertTrue(e.getMessage().contains("environment.json"), e.getMessage());
    }
}
