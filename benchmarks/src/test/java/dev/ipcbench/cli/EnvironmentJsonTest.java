package dev.ipcbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ipcbench.bench.Combinations;
import dev.ipcbench.bench.FakeProvider;
import dev.ipcbench.os.Affinity;
import dev.ipcbench.os.Placement;
import dev.ipcbench.report.EnvironmentFile;
import dev.ipcbench.report.ResultsFolder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code environment.json} as a run writes it, read back with the same types and as plain JSON. */
class EnvironmentJsonTest {

    @TempDir
    Path temp;

    @Test
    void holdsTheMachineTheSettingsTheSkippedCombinationsAndFailures() throws Exception {
        Combinations combinations = new Combinations(FakeProvider.registry());
        RunPlan plan = RunPlan.build(
                combinations, List.of("udp", "shm"), List.of("64", "1M"), null, null, true, Placement.ANY);
        List<EnvironmentFile.Missing> failures = List.of(new EnvironmentFile.Missing(
                "RoundTrip", "sample", "udp", 64L, "default", "TransportTimeoutException: udp: no reply"));
        List<String> jmhOptions = List.of("-f", "2", "-prof", "gc");
        ResultsWriter writer = new ResultsWriter(new ResultsWriter.Run(
                temp,
                combinations,
                plan,
                JmhSettings.QUICK,
                jmhOptions,
                List.of("-Xmx1g"),
                PlacementChoice.decide(Placement.ANY, Affinity.detect()),
                Environment.machine(null),
                List.of("ipcbench", "run", "--transports", "udp,shm"),
                List.of("/opt/plugins/tcp6.jar"),
                null,
                null));

        ResultsFolder written = writer.write(List.of(), failures, true);
        EnvironmentFile env = ResultsFolder.readEnvironment(temp.resolve(ResultsFolder.ENVIRONMENT_JSON));

        assertEquals(written.environment().orElseThrow(), env, "what is written reads back the same");
        assertEquals("quick", env.jmh().mode());
        assertEquals(jmhOptions, env.jmh().options());
        // udp at 1 MiB for both benchmarks, shm (unavailable) at 2 sizes x 2 waits x 2 benchmarks
        assertEquals(2 + 8, env.skipped().size());
        assertEquals(failures, env.failed());
        assertEquals(List.of("udp"), env.lossyTransports());
        assertEquals(List.of("-Xmx1g"), env.jvmArgs().extra());
        assertEquals(List.of("/opt/plugins/tcp6.jar"), env.classpath());

        Map<?, ?> raw = new ObjectMapper()
                .readValue(temp.resolve(ResultsFolder.ENVIRONMENT_JSON).toFile(), Map.class);
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
                "lossyTransports",
                "complete",
                "placement",
                "classpath")) {
            assertTrue(raw.containsKey(key), "missing " + key);
        }
        Map<?, ?> skipped = (Map<?, ?>) ((List<?>) raw.get("skipped")).get(0);
        assertEquals(List.of("benchmark", "transport", "size", "wait", "reason"), List.copyOf(skipped.keySet()));
        assertEquals(1048576, skipped.get("size"));
    }
}
