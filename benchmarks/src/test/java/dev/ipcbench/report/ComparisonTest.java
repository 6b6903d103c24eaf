package dev.ipcbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ipcbench.cli.IpcBench;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ipcbench compare} on real pairs of runs: {@code results/pair-significant} (a large real
 * difference) and {@code results/pair-same} (none).
 */
class ComparisonTest {

    @TempDir
    Path temp;

    private static Path significantA() {
        return TestResults.resource("results/pair-significant/a.json");
    }

    private static Path significantB() {
        return TestResults.resource("results/pair-significant/b.json");
    }

    private static Path sameA() {
        return TestResults.resource("results/pair-same/a.json");
    }

    private static Path sameB() {
        return TestResults.resource("results/pair-same/b.json");
    }

    /** Whether B's raw data is better than A's for this result, judged here from the raw means. */
    private static boolean rawBetter(Map<String, Object> a, Map<String, Object> b) {
        String unit = TestResults.at(a, "primaryMetric", "scoreUnit");
        boolean higherIsBetter = !unit.endsWith("/op") && "thrpt".equals(a.get("mode"));
        double meanA = TestResults.rawMean(a);
        double meanB = TestResults.rawMean(b);
        return higherIsBetter ? meanB > meanA : meanB < meanA;
    }

    private static Map<String, Object> matching(List<Map<String, Object>> results, JmhResult r) {
        return results.stream()
                .filter(m -> r.benchmark().equals(m.get("benchmark"))
                        && r.mode().equals(m.get("mode"))
                        && r.params().equals(m.get("params")))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aLargeRealDifferenceIsSignificantInTheDirectionOfTheData() throws ResultsException {
        Comparison c = Comparison.of(
                ResultsFolder.load(significantA()), ResultsFolder.load(significantB()), Comparison.DEFAULT_ALPHA);
        List<Map<String, Object>> rawA = TestResults.results(significantA());
        List<Map<String, Object>> rawB = TestResults.results(significantB());

        assertFalse(c.rows().isEmpty(), "the pair shares benchmarks");
        for (Comparison.Row row : c.rows()) {
            boolean better = rawBetter(matching(rawA, row.a()), matching(rawB, row.b()));
            Comparison.Verdict expected = better ? Comparison.Verdict.FASTER : Comparison.Verdict.SLOWER;
            assertEquals(expected, row.verdict(), ComparisonView.describe(row));
            assertTrue(row.pValue() < Comparison.DEFAULT_ALPHA, "p = " + row.pValue());
            assertEquals(better, row.change() > 0, "the change is signed so that + is better");
        }
    }

    @Test
    void failOnRegressionExitsOneOnlyForTheSlowerDirection() throws ResultsException {
        Comparison forward = Comparison.of(
                ResultsFolder.load(significantA()), ResultsFolder.load(significantB()), Comparison.DEFAULT_ALPHA);
        boolean bIsSlower = !forward.regressions(5).isEmpty();
        Comparison backward = Comparison.of(
                ResultsFolder.load(significantB()), ResultsFolder.load(significantA()), Comparison.DEFAULT_ALPHA);
        boolean bIsFaster = !backward.regressions(5).isEmpty();
        assertTrue(bIsSlower || bIsFaster, "the pair differs by more than 5% one way");

        TestResults.Run ab = TestResults.ipcbench(
                "compare", significantA().toString(), significantB().toString(), "--fail-on-regression", "5");
        TestResults.Run ba = TestResults.ipcbench(
                "compare", significantB().toString(), significantA().toString(), "--fail-on-regression", "5");

        // Swapping the runs turns a slowdown into a speed-up, so one order fails and the other passes.
        assertEquals(bIsSlower ? IpcBench.EXIT_FAILURE : IpcBench.EXIT_OK, ab.code(), ab.err());
        assertEquals(bIsFaster ? IpcBench.EXIT_FAILURE : IpcBench.EXIT_OK, ba.code(), ba.err());
        TestResults.Run failed = bIsSlower ? ab : ba;
        assertTrue(failed.err().contains("slower"), failed.err());
        assertTrue(failed.out().contains("FAILED"), failed.out());

        TestResults.Run noThreshold = TestResults.ipcbench(
                "compare", significantA().toString(), significantB().toString());
        assertEquals(IpcBench.EXIT_OK, noThreshold.code(), "without --fail-on-regression a slowdown is reported only");
        assertTrue(noThreshold.out().contains(bIsSlower ? "| **slower** |" : "| **faster** |"), noThreshold.out());
    }

    @Test
    void noRealDifferenceIsNoSignificantChange() throws ResultsException {
        Comparison c =
                Comparison.of(ResultsFolder.load(sameA()), ResultsFolder.load(sameB()), Comparison.DEFAULT_ALPHA);

        assertFalse(c.rows().isEmpty(), "the pair shares benchmarks");
        for (Comparison.Row row : c.rows()) {
            assertEquals(Comparison.Verdict.NO_CHANGE, row.verdict(), ComparisonView.describe(row));
        }
        TestResults.Run run = TestResults.ipcbench(
                "compare", sameA().toString(), sameB().toString(), "--fail-on-regression", "5", "--format", "text");
        assertEquals(IpcBench.EXIT_OK, run.code(), run.err());
        assertTrue(run.out().contains("no significant change"), run.out());
        assertTrue(run.out().contains("Passed"), run.out());
        assertTrue(run.out().contains(Comparison.TEST), "the output names the test");
    }

    @Test
    void aRunComparedWithItselfMatchesEverythingAndChangesNothing() throws ResultsException {
        ResultsFolder a = ResultsFolder.load(TestResults.resource("results/run-a"));
        Comparison c = Comparison.of(a, a, Comparison.DEFAULT_ALPHA);

        assertEquals(a.results().size(), c.rows().size());
        assertTrue(c.onlyA().isEmpty() && c.onlyB().isEmpty());
        assertTrue(c.differences().isEmpty(), c.differences().toString());
        for (Comparison.Row row : c.rows()) {
            assertEquals(1.0, row.ratio(), 1e-12);
            assertNotEquals(Comparison.Verdict.FASTER, row.verdict());
            assertNotEquals(Comparison.Verdict.SLOWER, row.verdict());
        }
    }

    @Test
    void resultsInOnlyOneRunAreListedSeparately() throws IOException, ResultsException {
        List<Map<String, Object>> b = TestResults.results(sameB());
        @SuppressWarnings("unchecked")
        Map<String, Object> params = (Map<String, Object>) b.get(0).get("params");
        params.put("size", "999999");
        Path changed = Files.writeString(temp.resolve("b.json"), ResultsFolder.toJson(b), StandardCharsets.UTF_8);

        Comparison c =
                Comparison.of(ResultsFolder.load(sameA()), ResultsFolder.load(changed), Comparison.DEFAULT_ALPHA);

        assertEquals(1, c.onlyB().size());
        assertEquals("999999", c.onlyB().get(0).param("size"));
        assertEquals(1, c.onlyA().size());
        String md = ComparisonView.render(c, ComparisonView.Format.MARKDOWN, null);
        assertTrue(md.contains("## Only in A (1)") && md.contains("## Only in B (1)"), md);
    }

    @Test
    void differentMachinesAreFlaggedAtTheTop() throws IOException, ResultsException {
        Path other = temp.resolve("other");
        TestResults.copyFolder(TestResults.resource("results/run-a"), other);
        @SuppressWarnings("unchecked")
        Map<String, Object> env = (Map<String, Object>) TestResults.json(other.resolve("environment.json"));
        @SuppressWarnings("unchecked")
        Map<String, Object> cpu = (Map<String, Object>) env.get("cpu");
        cpu.put("model", "Some Other CPU");
        Files.writeString(other.resolve("environment.json"), ResultsFolder.toJson(env), StandardCharsets.UTF_8);

        Comparison c = Comparison.of(
                ResultsFolder.load(TestResults.resource("results/run-a")),
                ResultsFolder.load(other),
                Comparison.DEFAULT_ALPHA);

        assertEquals(
                List.of("CPU model"),
                c.differences().stream().map(Comparison.Difference::what).toList());
        String md = ComparisonView.render(c, ComparisonView.Format.MARKDOWN, null);
        int warning = md.indexOf("the runs differ in");
        assertTrue(warning > 0 && warning < md.indexOf("## Results"), "the warning comes before the results");
        assertTrue(md.contains("Some Other CPU"), md);
    }

    @Test
    void bareFilesSayTheMachineIsUnknown() throws ResultsException {
        Comparison c =
                Comparison.of(ResultsFolder.load(sameA()), ResultsFolder.load(sameB()), Comparison.DEFAULT_ALPHA);
        assertTrue(
                c.notes().stream().anyMatch(n -> n.startsWith("A: machine unknown")),
                c.notes().toString());
        assertTrue(
                c.notes().stream().anyMatch(n -> n.startsWith("B: machine unknown")),
                c.notes().toString());
    }

    @Test
    void fewerThanTwoSamplesGiveNoVerdict() throws IOException, ResultsException {
        List<Map<String, Object>> b = TestResults.results(sameB());
        for (Map<String, Object> r : b) {
            @SuppressWarnings("unchecked")
            Map<String, Object> primary = (Map<String, Object>) r.get("primaryMetric");
            for (String key : List.of("rawData", "rawDataHistogram")) {
                if (primary.get(key) instanceof List<?> forks && !forks.isEmpty()) {
                    List<?> firstFork = (List<?>) forks.get(0);
                    primary.put(key, List.of(List.of(firstFork.get(0))));
                }
            }
        }
        Path one = Files.writeString(temp.resolve("one.json"), ResultsFolder.toJson(b), StandardCharsets.UTF_8);

        Comparison c = Comparison.of(ResultsFolder.load(sameA()), ResultsFolder.load(one), Comparison.DEFAULT_ALPHA);

        assertFalse(c.rows().isEmpty());
        for (Comparison.Row row : c.rows()) {
            assertEquals(1, row.samplesB());
            assertEquals(Comparison.Verdict.NOT_ENOUGH_DATA, row.verdict());
            assertTrue(Double.isNaN(row.pValue()));
        }
    }

    @Test
    void markdownAndTextSayTheSame() throws ResultsException {
        Comparison c = Comparison.of(
                ResultsFolder.load(significantA()), ResultsFolder.load(significantB()), Comparison.DEFAULT_ALPHA);
        String md = ComparisonView.render(c, ComparisonView.Format.MARKDOWN, 5.0);
        String text = ComparisonView.render(c, ComparisonView.Format.TEXT, 5.0);

        assertTrue(md.contains("| benchmark | mode | params |"), md);
        assertFalse(text.contains("| benchmark |"), text);
        for (Comparison.Row row : c.rows()) {
            assertTrue(md.contains(row.verdict().label())
                    && text.contains(row.verdict().label()));
            assertTrue(text.contains(ComparisonView.params(row.a())));
        }
        assertTrue(md.contains("alpha = 0.05") && text.contains("alpha = 0.05"));
        assertTrue(md.contains("Regression check") && text.contains("Regression check"));
    }

    @Test
    void outWritesTheComparisonToAFile() throws IOException {
        Path out = temp.resolve("compare.md");
        TestResults.Run run =
                TestResults.ipcbench("compare", sameA().toString(), sameB().toString(), "--out", out.toString());
        assertEquals(IpcBench.EXIT_OK, run.code(), run.err());
        assertTrue(Files.readString(out).startsWith("# ipcbench compare"));
    }

    @Test
    void missingOrMalformedInputIsAUsageErrorNamingTheFile() throws IOException {
        Path missing = temp.resolve("missing.json");
        TestResults.Run run = TestResults.ipcbench("compare", sameA().toString(), missing.toString());
        assertEquals(IpcBench.EXIT_USAGE, run.code());
        assertTrue(run.err().contains(missing.toString()), run.err());

        Path malformed = Files.writeString(temp.resolve("malformed.json"), "[{\"benchmark\": ]");
        run = TestResults.ipcbench("compare", malformed.toString(), sameB().toString());
        assertEquals(IpcBench.EXIT_USAGE, run.code());
        assertTrue(run.err().contains(malformed.toString()), run.err());
        assertTrue(run.err().contains("not valid JSON"), run.err());

        run = TestResults.ipcbench("compare", sameA().toString(), sameB().toString(), "--format", "html");
        assertEquals(IpcBench.EXIT_USAGE, run.code());
        run = TestResults.ipcbench("compare", sameA().toString(), sameB().toString(), "--alpha", "1.5");
        assertEquals(IpcBench.EXIT_USAGE, run.code());
        run = TestResults.ipcbench("compare", sameA().toString(), sameB().toString(), "--fail-on-regression", "-1");
        assertEquals(IpcBench.EXIT_USAGE, run.code());
    }

    @Test
    void directionAndUnitsFollowTheMetric() {
        assertTrue(Comparison.higherIsBetter("thrpt", "ops/s"));
        assertFalse(Comparison.higherIsBetter("avgt", "us/op"));
        assertFalse(Comparison.higherIsBetter("sample", "ns/op"));
        assertEquals(1e-3, Comparison.factor("ns/op", "us/op"), 1e-15);
        assertEquals(1e3, Comparison.factor("ops/ms", "ops/s"), 1e-9);
        assertTrue(Double.isNaN(Comparison.factor("ops/s", "us/op")));
        assertEquals(1.0, Comparison.welch(new double[] {2, 2}, new double[] {2, 2}));
        assertEquals(0.0, Comparison.welch(new double[] {2, 2}, new double[] {3, 3}));
        assertTrue(Comparison.welch(new double[] {1, 2, 3}, new double[] {1.1, 2.1, 2.9}) > 0.5);
        assertTrue(Comparison.welch(new double[] {10, 10.1, 9.9, 10}, new double[] {20, 20.2, 19.8, 20.1}) < 0.001);
    }
}
