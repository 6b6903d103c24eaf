package dev.ipcbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ipcbench.cli.IpcBench;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ipcbench compare} on real runs: {@code results/spin-park} (two runs of shm, tcp and uds,
 * 5 forks each, shm waiting by busy-spin in A and by parking in B), {@code results/run-a} (1 fork),
 * {@code results/pair-significant} and {@code results/pair-same} (2 forks, bare JMH JSON).
 */
class ComparisonTest {

    private static final Comparison.Options IGNORE_WAIT =
            new Comparison.Options(Comparison.DEFAULT_ALPHA, Comparison.Test.U, Set.of("wait"));

    @TempDir
    Path temp;

    private static Path spin() {
        return TestResults.resource("results/spin-park/a");
    }

    private static Path park() {
        return TestResults.resource("results/spin-park/b");
    }

    private static Path sameA() {
        return TestResults.resource("results/pair-same/a.json");
    }

    private static Path sameB() {
        return TestResults.resource("results/pair-same/b.json");
    }

    private static Comparison compare(Path a, Path b, Comparison.Options options) throws ResultsException {
        return Comparison.of(ResultsFolder.load(a), ResultsFolder.load(b), options);
    }

    /**
     * A copy of a results folder as one bare {@code jmh.json} (histograms inline) and its {@code
     * environment.json}, each edited first.
     */
    private Path edited(
            Path folder, String name, Consumer<List<Map<String, Object>>> results, Consumer<Map<String, Object>> env)
            throws IOException, ResultsException {
        Path dir = temp.resolve(name);
        Files.createDirectories(dir);
        Path json = Files.writeString(
                dir.resolve("raw.json"),
                ResultsFolder.toJson(ResultsFolder.load(folder).results()));
        List<Map<String, Object>> maps = TestResults.results(json);
        Files.delete(json);
        results.accept(maps);
        Files.writeString(dir.resolve("jmh.json"), ResultsFolder.toJson(maps), StandardCharsets.UTF_8);
        @SuppressWarnings("unchecked")
        Map<String, Object> e = (Map<String, Object>) TestResults.json(folder.resolve("environment.json"));
        env.accept(e);
        Files.writeString(dir.resolve("environment.json"), ResultsFolder.toJson(e), StandardCharsets.UTF_8);
        return dir;
    }

    /** Keeps the first {@code n} forks of every result. */
    private static Consumer<List<Map<String, Object>>> firstForks(int n) {
        return results -> {
            for (Map<String, Object> r : results) {
                Map<String, Object> primary = TestResults.at(r, "primaryMetric");
                for (String key : List.of("rawData", "rawDataHistogram")) {
                    if (primary.get(key) instanceof List<?> forks) {
                        primary.put(key, new ArrayList<>(forks.subList(0, Math.min(n, forks.size()))));
                    }
                }
                r.put("forks", n);
            }
        };
    }

    private static <T> Consumer<T> unchanged() {
        return x -> {};
    }

    // ---- verdicts on real runs ----------------------------------------------------------------

    @Test
    void aRunComparedWithItselfIsNoChangeEverywhere() throws ResultsException {
        Comparison c = compare(spin(), spin(), Comparison.Options.defaults());

        assertEquals(6, ResultsFolder.load(spin()).results().size());
        assertEquals(3 + 3 * 3, c.rows().size(), "avgt: a row; sample: mean, p50, p99");
        assertTrue(c.onlyA().isEmpty() && c.onlyB().isEmpty());
        assertTrue(c.differences().isEmpty(), c.differences().toString());
        for (Comparison.Row row : c.rows()) {
            assertEquals(Comparison.Verdict.NO_CHANGE, row.verdict(), ComparisonView.describe(row));
            assertEquals(0.0, row.change(), 1e-12);
            assertEquals(1.0, row.pValue(), 1e-12);
            assertTrue(row.changeLow() < 0 && row.changeHigh() > 0, "two runs' worth of uncertainty around 0");
        }
        TestResults.Run run = TestResults.ipcbench("compare", "--format", "text", spin().toString(), spin().toString());
        assertEquals(IpcBench.EXIT_OK, run.code(), run.err());
        assertTrue(run.out().contains("12 compared, 0 slower, 0 faster, 12 ~ (no significant change)"), run.out());
    }

    @Test
    void spinAgainstParkFindsTheOneTransportThatChangedAndNoOther() throws ResultsException {
        Comparison c = compare(spin(), park(), IGNORE_WAIT);
        List<Map<String, Object>> rawA = TestResults.results(spin().resolve("jmh.json"));
        List<Map<String, Object>> rawB = TestResults.results(park().resolve("jmh.json"));

        assertEquals(12, c.rows().size());
        for (Comparison.Row row : c.rows()) {
            String transport = row.a().param("transport");
            if (transport.equals("shm")) {
                assertEquals(Comparison.Verdict.SLOWER, row.verdict(), ComparisonView.describe(row));
                assertTrue(row.pValue() < 0.05, ComparisonView.describe(row));
                assertTrue(row.change() > 0, "time per round trip grew: + ; " + ComparisonView.describe(row));
                assertTrue(row.changeLow() > 0, "the whole interval is above 0");
                assertTrue(
                        row.params().get("wait").equals("spin\u2192park"),
                        row.params().toString());
            } else {
                assertEquals(Comparison.Verdict.NO_CHANGE, row.verdict(), ComparisonView.describe(row));
            }
            assertEquals(5, row.estimateA().forks());
            assertEquals(5, row.estimateB().forks());
        }
        // The avgt rows' direction checked against the JSON, read here independently: B's mean is larger.
        for (Comparison.Row row : c.rows()) {
            if (row.a().mode().equals("avgt")) {
                double a = TestResults.rawMean(matching(rawA, row.a()));
                double b = TestResults.rawMean(matching(rawB, row.b()));
                assertEquals(b / a, row.ratio(), 1e-9, "equal iterations per fork: the mean of fork means is the mean");
            }
        }

        Comparison back = compare(park(), spin(), IGNORE_WAIT);
        for (Comparison.Row row : back.rows()) {
            Comparison.Verdict expected =
                    row.a().param("transport").equals("shm") ? Comparison.Verdict.FASTER : Comparison.Verdict.NO_CHANGE;
            assertEquals(expected, row.verdict(), ComparisonView.describe(row));
            if (expected == Comparison.Verdict.FASTER) {
                assertTrue(row.change() < 0, "the time fell: - ; " + ComparisonView.describe(row));
            }
        }
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
    void withoutIgnoringWaitSpinAndParkDoNotMatch() throws ResultsException {
        Comparison c = compare(spin(), park(), Comparison.Options.defaults());

        assertEquals(2, c.onlyA().size());
        assertEquals(2, c.onlyB().size());
        assertTrue(c.onlyA().stream().allMatch(r -> r.param("wait").equals("spin")));
        assertTrue(c.rows().stream().noneMatch(r -> r.a().param("transport").equals("shm")));
    }

    @Test
    void sampleTimeIsComparedOnItsMeanP50AndP99() throws ResultsException {
        Comparison c = compare(spin(), park(), IGNORE_WAIT);

        for (String transport : List.of("shm", "tcp", "uds")) {
            List<Comparison.Row> sample = c.rows().stream()
                    .filter(r -> r.a().mode().equals("sample")
                            && r.a().param("transport").equals(transport))
                    .toList();
            assertEquals(
                    List.of(Comparison.Statistic.MEAN, Comparison.Statistic.P50, Comparison.Statistic.P99),
                    sample.stream().map(Comparison.Row::statistic).toList());
            Comparison.Row p50 = sample.get(1);
            Comparison.Row p99 = sample.get(2);
            assertTrue(p50.estimateA().center() < p99.estimateA().center());
        }
        // The mean over forks of per-iteration p50s, near JMH's own p50 of all iterations pooled.
        Comparison.Row tcpP50 = c.rows().stream()
                .filter(r -> r.a().param("transport").equals("tcp") && r.statistic() == Comparison.Statistic.P50)
                .findFirst()
                .orElseThrow();
        double jmh = tcpP50.a().primaryMetric().percentile(50);
        assertEquals(jmh, tcpP50.estimateA().center(), jmh * 0.1);

        String text = ComparisonView.render(c, ComparisonView.Format.TEXT, null);
        assertTrue(text.contains("sample p99"), text);
    }

    @Test
    void oneForkASideIsTooFewAndSaysHowManyAreNeeded() throws IOException, ResultsException {
        Path a = edited(spin(), "a1", firstForks(1), unchanged());
        Path b = edited(park(), "b1", firstForks(1), unchanged());

        Comparison c = compare(a, b, IGNORE_WAIT);

        assertEquals(12, c.rows().size());
        for (Comparison.Row row : c.rows()) {
            assertEquals(Comparison.Verdict.TOO_FEW, row.verdict(), ComparisonView.describe(row));
            assertEquals("~ too few forks", row.verdict().label());
            assertEquals("1+1", row.forks());
            assertTrue(Double.isNaN(row.changeLow()), "no interval from one fork");
        }
        assertEquals(1, c.tooFewWarnings().size());
        String warning = c.tooFewWarnings().get(0);
        assertTrue(warning.startsWith("n=1+1 forks (12 rows): too few"), warning);
        assertTrue(warning.contains("at least 4 forks on each side"), warning);
        assertTrue(warning.contains("-f 4"), warning);

        TestResults.Run run = TestResults.ipcbench(
                "compare", "--format", "text", "--ignore-param", "wait", a.toString(), b.toString());
        assertEquals(IpcBench.EXIT_OK, run.code(), "a comparison without a gate reports; it does not fail");
        assertTrue(run.out().contains("WARNING: too few forks."), run.out());
        assertFalse(run.out().contains(" slower  ") || run.out().contains(" faster  "), run.out());
    }

    @Test
    void threeForksASideCannotReachSignificanceWithTheUTestButCanWithWelch() throws IOException, ResultsException {
        Path a = edited(spin(), "a3", firstForks(3), unchanged());
        Path b = edited(park(), "b3", firstForks(3), unchanged());

        Comparison u = compare(a, b, IGNORE_WAIT);
        for (Comparison.Row row : u.rows()) {
            assertEquals(Comparison.Verdict.TOO_FEW, row.verdict(), ComparisonView.describe(row));
            assertEquals(0.1, row.smallestP(), 1e-12, "2 / C(6, 3)");
        }
        assertTrue(
                u.tooFewWarnings().get(0).contains("the smallest p it can give is 0.100"),
                u.tooFewWarnings().get(0));

        Comparison welch =
                compare(a, b, new Comparison.Options(Comparison.DEFAULT_ALPHA, Comparison.Test.WELCH, Set.of("wait")));
        assertTrue(welch.tooFewWarnings().isEmpty());
        for (Comparison.Row row : welch.rows()) {
            if (row.a().param("transport").equals("shm") && row.statistic() != Comparison.Statistic.P99) {
                assertEquals(Comparison.Verdict.SLOWER, row.verdict(), ComparisonView.describe(row));
            } else {
                assertTrue(
                        row.verdict() == Comparison.Verdict.NO_CHANGE || row.verdict() == Comparison.Verdict.SLOWER,
                        ComparisonView.describe(row));
            }
        }
    }

    @Test
    void twoForksASideAreTooFewForTheUTest() throws ResultsException {
        Comparison c = compare(
                TestResults.resource("results/pair-significant/a.json"),
                TestResults.resource("results/pair-significant/b.json"),
                Comparison.Options.defaults());

        Comparison.Row row = c.rows().get(0);
        assertEquals(Comparison.Verdict.TOO_FEW, row.verdict());
        assertEquals(1.0 / 3, row.smallestP(), 1e-12, "2 / C(4, 2)");
        assertTrue(row.change() > 1000, "-Xint is over 100 times slower, shown even without a verdict");
    }

    // ---- the gate -----------------------------------------------------------------------------

    @Test
    void theGateFailsOnASignificantSlowdownAndPassesTheOtherWay() {
        TestResults.Run ab = TestResults.ipcbench(
                "compare", spin().toString(), park().toString(), "--ignore-param", "wait", "--fail-on-regression", "5");
        TestResults.Run ba = TestResults.ipcbench(
                "compare", park().toString(), spin().toString(), "--ignore-param", "wait", "--fail-on-regression", "5");

        assertEquals(IpcBench.EXIT_FAILURE, ab.code(), ab.err());
        assertTrue(ab.err().contains("4 comparisons are significantly slower by more than 5%"), ab.err());
        assertTrue(ab.err().contains("RoundTrip avgt shm (spin\u2192park), 64 B, cross: +"), ab.err());
        assertTrue(ab.out().contains("**FAILED**"), ab.out());
        assertTrue(ab.out().contains("| **slower** |"), ab.out());
        assertEquals(IpcBench.EXIT_OK, ba.code(), ba.err());
        assertTrue(ba.out().contains("Passed: 12 compared"), ba.out());

        TestResults.Run noGate =
                TestResults.ipcbench("compare", spin().toString(), park().toString(), "--ignore-param", "wait");
        assertEquals(IpcBench.EXIT_OK, noGate.code(), "without --fail-on-regression a slowdown is reported only");
    }

    @Test
    void theGateNeedsASlowdownBeyondTheThreshold() throws ResultsException {
        Comparison c = compare(spin(), park(), IGNORE_WAIT);
        double largest = c.rows().stream()
                .filter(r -> r.verdict() == Comparison.Verdict.SLOWER)
                .mapToDouble(Comparison.Row::change)
                .max()
                .orElseThrow();

        assertEquals(1, c.gate(largest * 0.99).regressions().size());
        assertFalse(c.gate(largest * 0.99).passed());
        assertTrue(c.gate(largest * 1.01).passed(), "significant, but not beyond the threshold");
    }

    @Test
    void aGateThatComparesNothingFails() {
        Path run = TestResults.resource("results/pair-significant/a.json");

        TestResults.Run gate = TestResults.ipcbench(
                "compare", spin().toString(), run.toString(), "--fail-on-regression", "5", "--format", "text");

        assertEquals(IpcBench.EXIT_FAILURE, gate.code(), gate.out());
        assertTrue(gate.err().contains("nothing compared"), gate.err());
        assertTrue(gate.out().contains("0 compared"), gate.out());
        assertTrue(gate.out().contains("FAILED"), gate.out());
        assertFalse(gate.out().contains("Passed"), gate.out());

        TestResults.Run noGate = TestResults.ipcbench("compare", spin().toString(), run.toString());
        assertEquals(IpcBench.EXIT_OK, noGate.code());
        assertTrue(noGate.out().contains("Nothing compared"), noGate.out());
    }

    @Test
    void aGateWithTooFewForksFailsBecauseItCannotJudge() {
        Path oneFork = TestResults.resource("results/run-a");

        TestResults.Run gate =
                TestResults.ipcbench("compare", oneFork.toString(), oneFork.toString(), "--fail-on-regression", "5");

        assertEquals(IpcBench.EXIT_FAILURE, gate.code(), gate.out());
        assertTrue(gate.err().contains("cannot be judged"), gate.err());
        assertTrue(gate.err().contains("n=1+1 forks"), gate.err());
    }

    @Test
    void aRunComparedWithItselfPassesTheGate() {
        TestResults.Run gate =
                TestResults.ipcbench("compare", spin().toString(), spin().toString(), "--fail-on-regression", "0");
        assertEquals(IpcBench.EXIT_OK, gate.code(), gate.err());
        assertTrue(gate.out().contains("Passed: 12 compared"), gate.out());
    }

    // ---- presentation and input -----------------------------------------------------------------

    @Test
    void markdownAndTextSayTheSame() throws ResultsException {
        Comparison c = compare(spin(), park(), IGNORE_WAIT);
        String md = ComparisonView.render(c, ComparisonView.Format.MARKDOWN, 5.0);
        String text = ComparisonView.render(c, ComparisonView.Format.TEXT, 5.0);

        assertTrue(md.contains("| benchmark | mode | params |"), md);
        assertFalse(text.contains("| benchmark |"), text);
        for (Comparison.Row row : c.rows()) {
            String line = ComparisonView.params(row.params());
            assertTrue(md.contains(line) && text.contains(line), line);
        }
        for (String s : List.of("p < 0.05", "Mann-Whitney U", "hierarchical bootstrap", "Regression check", "~")) {
            assertTrue(md.contains(s) && text.contains(s), s);
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

        for (List<String> bad : List.of(
                List.of("--format", "html"),
                List.of("--alpha", "1.5"),
                List.of("--fail-on-regression", "-1"),
                List.of("--test", "chi2"),
                List.of("--ignore-param", " "))) {
            List<String> args = new ArrayList<>(List.of("compare", sameA().toString(), sameB().toString()));
            args.addAll(bad);
            run = TestResults.ipcbench(args.toArray(String[]::new));
            assertEquals(IpcBench.EXIT_USAGE, run.code(), bad.toString());
        }
    }

    @Test
    void helpExplainsTheVerdictsAndTheGate() {
        TestResults.Run help = TestResults.ipcbench("compare", "--help");
        assertEquals(IpcBench.EXIT_OK, help.code());
        String text = help.out().replaceAll("\\s+", " ");
        assertTrue(text.contains("(+x% when the number grew)"), text);
        assertTrue(text.contains("when nothing was compared"), text);
        assertFalse(help.err().contains("WARN"), help.err());
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
        assertTrue(Double.isNaN(Comparison.welch(new double[] {2}, new double[] {3, 3})));
        assertTrue(Comparison.welch(new double[] {1, 2, 3}, new double[] {1.1, 2.1, 2.9}) > 0.5);
        assertTrue(Comparison.welch(new double[] {10, 10.1, 9.9, 10}, new double[] {20, 20.2, 19.8, 20.1}) < 0.001);
    }

    @Test
    void theChangeIsTheGrowthOfTheNumberAndTheVerdictNamesTheDirection() throws IOException, ResultsException {
        Comparison c = compare(spin(), park(), IGNORE_WAIT);
        Comparison.Row shm = c.rows().get(0);
        assertEquals("avgt", shm.a().mode());
        assertTrue(ComparisonView.describe(shm).contains(": +"), ComparisonView.describe(shm));
        assertTrue(ComparisonView.describe(shm).contains("(slower;"), ComparisonView.describe(shm));
        assertEquals("+12.3%", ComparisonView.change(12.34));
        assertEquals("-0.4%", ComparisonView.change(-0.4));
        assertEquals("+28791%", ComparisonView.change(28790.6));

        // Throughput halved: the number fell (-50%), and fewer operations per second is slower.
        Path piece = TestResults.resource("results/reference-piece");
        Path halved = edited(
                piece,
                "halved",
                results -> {
                    for (Map<String, Object> r : results) {
                        Map<String, Object> primary = TestResults.at(r, "primaryMetric");
                        if (primary.get("rawData") instanceof List<?> forks) {
                            primary.put(
                                    "rawData",
                                    forks.stream()
                                            .map(f -> ((List<?>) f)
                                                    .stream()
                                                            .map(v -> ((Number) v).doubleValue() / 2)
                                                            .toList())
                                            .toList());
                        }
                    }
                },
                unchanged());
        Comparison welch = compare(
                piece, halved, new Comparison.Options(Comparison.DEFAULT_ALPHA, Comparison.Test.WELCH, Set.of()));
        Comparison.Row thrpt = welch.rows().stream()
                .filter(r -> r.a().mode().equals("thrpt"))
                .findFirst()
                .orElseThrow();
        assertEquals(-50, thrpt.change(), 1e-9);
        assertEquals(Comparison.Verdict.SLOWER, thrpt.verdict(), ComparisonView.describe(thrpt));
        assertTrue(thrpt.regression(5));
        Comparison.Row avgt = welch.rows().stream()
                .filter(r -> r.a().mode().equals("avgt"))
                .findFirst()
                .orElseThrow();
        assertEquals(-50, avgt.change(), 1e-9);
        assertEquals(Comparison.Verdict.FASTER, avgt.verdict(), "half the time per operation is faster");
        assertFalse(avgt.regression(5));
    }
}
