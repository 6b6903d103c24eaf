package dev.ipcbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ipcbench.bench.Combinations;
import dev.ipcbench.os.Affinity;
import dev.ipcbench.os.Placement;
import dev.ipcbench.report.EnvironmentFile;
import dev.ipcbench.report.NativeFile;
import dev.ipcbench.transport.support.Executables;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the native reference measures for a plan, and that it really measures it. */
class NativeReferenceTest {

    private final Combinations combinations = Combinations.load();

    private RunPlan plan(String transports, String sizes, String waits, Placement placement) {
        return RunPlan.build(
                combinations,
                List.of(transports.split(",")),
                List.of(sizes.split(",")),
                waits == null ? null : List.of(waits.split(",")),
                null,
                false,
                placement);
    }

    @Test
    void everyPlannedMechanismWithACounterpartIsMeasuredOnceAtEachSize() {
        List<NativeReference.Case> cases = NativeReference.cases(
                plan("tcp,udp,uds,uds-junix,shm,mmap", "64,1K", "spin,backoff", Placement.CROSS),
                combinations,
                Placement.CROSS);
        assertTrue(cases.contains(new NativeReference.Case("roundtrip", "tcp", 64, null, null)), cases.toString());
        assertTrue(cases.contains(new NativeReference.Case("roundtrip", "udp", 1024, null, null)), cases.toString());
        assertTrue(cases.contains(new NativeReference.Case("stream", "tcp", 1024, null, null)), cases.toString());
        assertTrue(
                cases.stream()
                        .noneMatch(c -> c.op().equals("stream") && c.mech().equals("udp")),
                "a C stream over udp would measure loss: " + cases);
        assertEquals(
                2,
                cases.stream()
                        .filter(c -> c.op().equals("roundtrip") && c.mech().equals("uds"))
                        .count(),
                "uds and uds-junix share one C reference: " + cases);
        assertTrue(cases.contains(new NativeReference.Case("roundtrip", "ring", 64, "spin", null)), cases.toString());
        assertTrue(
                cases.stream().noneMatch(c -> "backoff".equals(c.waitStrategy())),
                "the C ring has no backoff: " + cases);
        assertTrue(cases.contains(new NativeReference.Case("roundtrip", "cacheline", 64, "spin", null)), "the floor");
        assertTrue(cases.stream().anyMatch(c -> c.op().equals("memcpy")), "memcpy beside the ring streams");
    }

    @Test
    void onOneCpuNothingSpins() {
        List<NativeReference.Case> cases =
                NativeReference.cases(plan("shm", "64", "yield,spin", Placement.SAME), combinations, Placement.SAME);
        assertTrue(cases.stream().noneMatch(c -> "spin".equals(c.waitStrategy())), cases.toString());
        assertTrue(cases.contains(new NativeReference.Case("roundtrip", "ring", 64, "yield", null)), cases.toString());
    }

    @Test
    void theReferenceBuildsAndMeasuresARoundTrip() throws Exception {
        assumeTrue(Executables.find("cc") != null, "no C compiler here: the reference is skipped, with its reason");
        PlacementChoice where = PlacementChoice.decide(Placement.ANY, Affinity.detect());
        JmhSettings settings = new JmhSettings(
                "test",
                1,
                0,
                java.time.Duration.ZERO,
                1,
                java.time.Duration.ofMillis(200),
                List.of(org.openjdk.jmh.annotations.Mode.SampleTime));
        RunPlan plan = RunPlan.build(
                combinations,
                List.of("tcp"),
                List.of("64"),
                null,
                List.of(BenchmarkKind.ROUND_TRIP),
                false,
                Placement.ANY);
        try (NativeReference reference = NativeReference.prepare(plan, combinations, where, settings)) {
            assertNull(reference.skipped());
            reference.measure(NativeFile.START, new PrintWriter(new StringWriter()));
            NativeFile file = reference.file();
            assertEquals("tcp", file.transports().get("tcp"));
            NativeFile.Measurement m = file.measurements().get(0);
            assertNull(m.error(), m.error());
            assertTrue(m.meanNs() > 0 && m.p50Ns() > 0 && m.count() > 0, m.toString());
            assertEquals(
                    List.of(NativeFile.START, "roundtrip", "tcp", 64L, "any"),
                    List.of(m.phase(), m.op(), m.mech(), m.size(), m.placement()),
                    m.toString());
            assertNull(m.waitStrategy(), "a socket has no wait strategy: " + m);
        }
    }

    @Test
    void aReadingOfTheMachineBetweenTwoSamplesSeesOnlyOthersWork() {
        // 1000 ticks passed on all CPUs; 600 were busy, 200 of them this run's own, 50 stolen.
        MachineState.Sample before = new MachineState.Sample(0, 0.5, 1000, 10, 10_000, 300);
        MachineState.Sample after = new MachineState.Sample(1_000_000_000L, 0.7, 1600, 60, 11_000, 500);
        EnvironmentFile.Load l = MachineState.between("RoundTrip", "tcp", "default", before, after);
        assertEquals(0.4, l.othersCpu(), 1e-9);
        assertEquals(0.05, l.steal(), 1e-9);
        assertEquals(1.0, l.seconds(), 1e-9);
        assertEquals(0.5, l.loadBefore(), 1e-9);
    }
}
