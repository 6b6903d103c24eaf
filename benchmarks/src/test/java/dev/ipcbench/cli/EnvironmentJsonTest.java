package dev.ipcbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ipcbench.bench.Combinations;
import dev.ipcbench.bench.FakeProvider;
import dev.ipcbench.report.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentJsonTest {

    @Test
    void holdsTheRequiredKeysTheSkippedCombinationsAndFailuresAsValidJson() {
        Combinations combinations = new Combinations(FakeProvider.registry());
        RunPlan plan = RunPlan.build(combinations, List.of("udp", "shm"), List.of("64", "1M"), null, null, true);
        List<ProgressFormat.Failure> failures = List.of(new ProgressFormat.Failure(
                "RoundTrip", "udp", 64, "default", "sample", "TransportTimeoutException: udp: no reply"));

        Map<String, Object> env = RunCommand.environmentJson(
                Environment.machine(null),
                List.of("ipcbench", "run", "--transports", "udp,shm"),
                List.of("-Xmx1g"),
                List.of(),
                JmhSettings.QUICK,
                combinations,
                plan,
                failures,
                List.of(),
                true);

        Map<?, ?> parsed = assertInstanceOf(Map.class, Json.parse(Json.write(env)));
        for (String key : List.of(
                "ipcbenchVersion",
                "date",
                "host",
                "cpu",
                "memory",
                "kernel",
                "os",
                "jdk",
                "git",
                "commandLine",
                "jvmArgs",
                "jmh",
                "selection",
                "skipped",
                "failed",
                "complete")) {
            assertTrue(parsed.containsKey(key), "missing " + key);
        }
        Map<?, ?> jmh = assertInstanceOf(Map.class, parsed.get("jmh"));
        assertEquals("quick", jmh.get("mode"));
        assertEquals(1L, jmh.get("forks"));

        List<?> skipped = assertInstanceOf(List.class, parsed.get("skipped"));
        // udp at 1 MiB for both benchmarks, shm (unavailable) at 2 sizes x 2 waits x 2 benchmarks
        assertEquals(2 + 8, skipped.size());
        Map<?, ?> first = assertInstanceOf(Map.class, skipped.get(0));
        assertEquals("RoundTrip", first.get("benchmark"));
        assertEquals("udp", first.get("transport"));
        assertEquals(1048576L, first.get("size"));
        assertEquals("default", first.get("wait"));
        assertTrue(((String) first.get("reason")).contains("udp carries at most"));

        List<?> failed = assertInstanceOf(List.class, parsed.get("failed"));
        Map<?, ?> failure = assertInstanceOf(Map.class, failed.get(0));
        assertEquals("sample", failure.get("mode"));
        assertEquals("default", failure.get("wait"));

        Map<?, ?> jvmArgs = assertInstanceOf(Map.class, parsed.get("jvmArgs"));
        assertEquals(List.of("-Xmx1g"), jvmArgs.get("benchmark"));
        assertEquals(List.of("udp"), parsed.get("lossyTransports"));
        assertEquals(true, parsed.get("complete"));
    }
}
