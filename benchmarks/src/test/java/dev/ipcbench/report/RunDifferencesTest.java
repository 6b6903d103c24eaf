package dev.ipcbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which differences between two runs {@code compare} flags: those that can change a result (CPU,
 * kernel, JDK, JVM arguments that change behaviour, JMH settings, placement, memory beyond a few
 * percent, facts later versions add), and not paths, host names or a few KB of memory.
 */
class RunDifferencesTest {

    @TempDir
    Path temp;

    private static Path run() {
        return TestResults.resource("results/spin-park/a");
    }

    /** A copy of the run with its environment.json and every result of its jmh.json edited. */
    private Path copy(Consumer<Map<String, Object>> environment, Consumer<Map<String, Object>> eachResult)
            throws IOException {
        Path dir = temp.resolve("b" + Files.list(temp).count());
        TestResults.copyFolder(run(), dir);
        @SuppressWarnings("unchecked")
        Map<String, Object> env = (Map<String, Object>) TestResults.json(dir.resolve("environment.json"));
        environment.accept(env);
        Files.writeString(dir.resolve("environment.json"), ResultsFolder.toJson(env), StandardCharsets.UTF_8);
        List<Map<String, Object>> results = TestResults.results(dir.resolve("jmh.json"));
        results.forEach(eachResult);
        Files.writeString(dir.resolve("jmh.json"), ResultsFolder.toJson(results), StandardCharsets.UTF_8);
        return dir;
    }

    private Path copyEnvironment(Consumer<Map<String, Object>> environment) throws IOException {
        return copy(environment, r -> {});
    }

    private Path copyResults(Consumer<Map<String, Object>> eachResult) throws IOException {
        return copy(e -> {}, eachResult);
    }

    private static List<String> flagged(Path b) throws ResultsException {
        return Comparison.of(ResultsFolder.load(run()), ResultsFolder.load(b), Comparison.DEFAULT_ALPHA)
                .differences()
                .stream()
                .map(Comparison.Difference::what)
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Map<String, Object> env, String key) {
        return (Map<String, Object>) env.computeIfAbsent(key, k -> new LinkedHashMap<String, Object>());
    }

    @Test
    void aDifferentCpuModelIsFlaggedAtTheTop() throws IOException, ResultsException {
        Path b = copyEnvironment(e -> object(e, "cpu").put("model", "Some Other CPU"));

        assertEquals(List.of("CPU model"), flagged(b));
        Comparison c = Comparison.of(ResultsFolder.load(run()), ResultsFolder.load(b), Comparison.DEFAULT_ALPHA);
        String md = ComparisonView.render(c, ComparisonView.Format.MARKDOWN, null);
        int warning = md.indexOf("the runs differ in");
        assertTrue(warning > 0 && warning < md.indexOf("## Results"), "the warning comes before the results");
        assertTrue(md.contains("Some Other CPU"), md);
    }

    @Test
    void machineFactsThatMatterAreFlagged() throws IOException, ResultsException {
        Path b = copyEnvironment(e -> {
            object(e, "cpu").put("availableProcessors", 4);
            e.put("kernel", "6.1.0-18-amd64");
            object(e, "jdk").put("vendor", "Eclipse Adoptium");
            object(e, "placement").put("applied", "same");
            object(e, "placement").put("peerCpu", 0);
        });

        assertEquals(List.of("CPU count", "kernel", "JDK vendor", "placement", "peer process CPU"), flagged(b));
    }

    @Test
    void memoryIsFlaggedOnlyBeyondAFewPercent() throws IOException, ResultsException {
        long bytes = ((Number)
                        TestResults.at(TestResults.json(run().resolve("environment.json")), "memory", "totalBytes"))
                .longValue();

        assertEquals(List.of(), flagged(copyEnvironment(e -> object(e, "memory").put("totalBytes", bytes + 4096))));
        assertEquals(
                List.of(), flagged(copyEnvironment(e -> object(e, "memory").put("totalBytes", bytes * 102 / 100))));
        assertEquals(
                List.of("memory"),
                flagged(copyEnvironment(e -> object(e, "memory").put("totalBytes", bytes / 2))));
    }

    @Test
    void pathsHostsDatesAndCommitsAreNotDifferences() throws IOException, ResultsException {
        Path b = copy(
                e -> {
                    e.put("host", "another-host");
                    e.put("date", "2030-01-01T00:00:00Z");
                    object(e, "jdk").put("home", "/opt/other/jdk");
                    object(e, "git").put("commit", "0000000000000000000000000000000000000000");
                    e.put("commandLine", List.of("ipcbench", "run", "--out", "/somewhere/else"));
                },
                r -> r.put("jvmArgs", List.of("-Dipcbench.home=/somewhere/else")));

        assertEquals(List.of(), flagged(b));
    }

    @Test
    void durationsAreComparedAsDurations() throws IOException, ResultsException {
        // The run measured 200 ms iterations; JMH may write the same time in another unit.
        Path same = copyResults(r -> {
            r.put("measurementTime", "0.2 s");
            r.put("warmupTime", "200000 us");
        });
        assertEquals(List.of(), flagged(same));

        Path longer = copyResults(r -> r.put("measurementTime", "1 s"));
        assertEquals(List.of("measurement time"), flagged(longer));

        assertEquals(RunDifferences.duration("1000 ms"), RunDifferences.duration("1 s"));
        assertEquals(RunDifferences.duration("1 min"), RunDifferences.duration("60 s"));
        assertEquals("1000000000 ns", RunDifferences.duration("1000ms"));
    }

    @Test
    void jmhSettingsThatChangeTheMeasurementAreFlagged() throws IOException, ResultsException {
        Path b = copyResults(r -> {
            r.put("forks", 3);
            r.put("measurementIterations", 10);
            r.put("warmupIterations", 5);
        });

        assertEquals(List.of("forks", "warm-up iterations", "measurement iterations"), flagged(b));
    }

    @Test
    void jvmArgumentsAreComparedByWhatTheyDo() throws IOException, ResultsException {
        Path a = copyResults(r -> r.put("jvmArgs", List.of("-Dipcbench.home=/work/a", "-Xmx1g")));
        Path sameHeap = copyResults(r -> r.put(
                "jvmArgs", List.of("--enable-native-access=ALL-UNNAMED", "-Dipcbench.home=/work/b", "-Xmx1024m")));
        Path other = copyResults(r -> r.put("jvmArgs", List.of("-Xmx1g", "-XX:-UseCompressedOops")));

        assertEquals(List.of(), differences(a, sameHeap));
        assertEquals(List.of("JVM arguments"), differences(a, other));
    }

    private static List<String> differences(Path a, Path b) throws ResultsException {
        return Comparison.of(ResultsFolder.load(a), ResultsFolder.load(b), Comparison.DEFAULT_ALPHA)
                .differences()
                .stream()
                .map(Comparison.Difference::what)
                .toList();
    }

    @Test
    void jmhOptionsAreFlaggedOnlyForWhatTheSettingsDoNotShow() throws IOException, ResultsException {
        // The run passed -f 5 -wi 1 -w 200ms -i 3 -r 200ms -bm avgt,sample: the same settings, given otherwise.
        Path none = copyEnvironment(e -> object(e, "jmh").remove("options"));
        Path profiler = copyEnvironment(e -> {
            List<Object> options = new ArrayList<>(TestResults.at(e, "jmh", "options"));
            options.addAll(List.of("-prof", "gc"));
            object(e, "jmh").put("options", options);
        });

        assertEquals(List.of(), flagged(none));
        assertEquals(List.of("other JMH options"), flagged(profiler));
    }

    @Test
    void factsLaterVersionsAddAreComparedWhenBothRunsHaveThem() throws IOException, ResultsException {
        Consumer<Map<String, Object>> base = e -> {
            e.put("loadAverage", List.of(0.12, 0.30, 0.25));
            object(e, "cpu").put("governor", "performance");
            object(e, "cpu").put("smt", true);
            e.put("virtualization", "kvm");
            object(e, "cgroup").put("cpuMax", "max");
            object(e, "cgroup").put("memoryMaxBytes", 8_000_000_000L);
            object(e, "cgroup").put("path", "/user.slice/a");
        };
        Path a = copyEnvironment(base);
        Path quiet = copyEnvironment(base.andThen(e -> {
            e.put("loadAverage", List.of(0.40, 0.10, 0.05));
            object(e, "cgroup").put("memoryMaxBytes", 8_000_004_096L);
            object(e, "cgroup").put("path", "/user.slice/b");
        }));
        Path busy = copyEnvironment(base.andThen(e -> {
            e.put("loadAverage", List.of(1.9, 1.2, 0.6));
            object(e, "cpu").put("governor", "powersave");
            object(e, "cpu").put("smt", false);
            e.put("virtualization", "none");
            object(e, "cgroup").put("cpuMax", "100000 100000");
            object(e, "cgroup").put("memoryMaxBytes", 2_000_000_000L);
        }));

        assertEquals(List.of(), differences(a, quiet));
        assertEquals(
                List.of(
                        "cpu.governor",
                        "cpu.smt",
                        "loadAverage",
                        "virtualization",
                        "cgroup.cpuMax",
                        "cgroup.memoryMaxBytes"),
                differences(a, busy));
        assertEquals(List.of(), flagged(busy), "a fact only one run knows is not a difference");
    }

    @Test
    void loadAndNoiseFlagsAreNotedNotFlaggedAsMachineDifferences() throws IOException, ResultsException {
        Consumer<Map<String, Object>> quiet = e -> {
            e.put("load", List.of(Map.of("benchmark", "RoundTrip", "transport", "shm", "othersCpu", 0.0)));
            e.put("flags", List.of());
        };
        Path a = copyEnvironment(quiet);
        Path busy = copyEnvironment(e -> {
            e.put("load", List.of(Map.of("benchmark", "RoundTrip", "transport", "shm", "othersCpu", 0.45)));
            e.put(
                    "flags",
                    List.of(
                            Map.of("kind", "busy", "transport", "shm", "reason", "others used 45% of a CPU"),
                            Map.of("kind", "regime", "transport", "shm", "reason", "the reference moved"),
                            Map.of("kind", "busy", "transport", "tcp", "reason", "others used 30% of a CPU")));
        });

        Comparison c = Comparison.of(ResultsFolder.load(a), ResultsFolder.load(busy), Comparison.DEFAULT_ALPHA);

        assertEquals(List.of(), c.differences());
        assertTrue(
                c.notes()
                        .contains(
                                "B doubts some of its own results (2 busy, 1 regime); its report says which and why."),
                c.notes().toString());
        assertTrue(
                c.notes().stream().noneMatch(n -> n.startsWith("A doubts")),
                c.notes().toString());
    }
}
