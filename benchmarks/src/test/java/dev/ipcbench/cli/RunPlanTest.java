package dev.ipcbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ipcbench.bench.Combinations;
import dev.ipcbench.bench.FakeProvider;
import dev.ipcbench.os.Placement;
import dev.ipcbench.report.EnvironmentFile;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class RunPlanTest {

    private final Combinations combinations = new Combinations(FakeProvider.registry());

    private RunPlan plan(
            List<String> transports, List<String> sizes, List<String> waits, List<BenchmarkKind> benchmarks) {
        return RunPlan.build(combinations, transports, sizes, waits, benchmarks, true, Placement.ANY);
    }

    @Test
    void onOneCpuTheDefaultsYieldWhereTheyWouldSpin() {
        RunPlan plan = RunPlan.build(combinations, null, null, null, null, true, Placement.SAME);
        assertEquals(List.of("yield"), plan.waits().get("inproc"));
        assertEquals(List.of("yield", "backoff"), plan.waits().get("mmap"));
        assertTrue(
                plan.skipped().stream().noneMatch(x -> x.reason().contains("busy-spin")),
                "nothing spins, so nothing is skipped for spinning: " + plan.skipped());
    }

    @Test
    void theDefaultsCoverEveryTransportWithTheBaselineFirst() {
        RunPlan plan = plan(null, null, null, null);
        assertEquals(List.of("inproc", "mmap", "shm", "tcp", "udp"), plan.transports());
        assertEquals(List.of(64L, 1024L, 32768L, 1048576L), plan.sizes());
        assertEquals(List.of(BenchmarkKind.ROUND_TRIP, BenchmarkKind.THROUGHPUT), plan.kinds());
        assertEquals(List.of("spin"), plan.waits().get("inproc"), "the baseline at its fastest");
        assertEquals(List.of("spin", "backoff"), plan.waits().get("mmap"));
        assertEquals(List.of("default"), plan.waits().get("tcp"));
        RunPlan.Group first = plan.groups().get(0);
        assertEquals("inproc", first.transport());
        assertEquals(BenchmarkKind.ROUND_TRIP, first.kind());
    }

    @Test
    void anUnknownTransportIsABadArgumentListingTheKnownOnes() {
        UsageException e = assertThrows(UsageException.class, () -> plan(List.of("tcp", "nope"), null, null, null));
        assertTrue(e.getMessage().contains("unknown transport 'nope'"), e.getMessage());
        assertTrue(e.getMessage().contains("inproc, mmap, shm, tcp, udp"), e.getMessage());
    }

    @Test
    void aSizeOverEveryChosenTransportsMaximumIsABadArgument() {
        UsageException e =
                assertThrows(UsageException.class, () -> plan(List.of("udp"), List.of("64", "1M"), null, null));
        assertTrue(e.getMessage().contains("1 MiB"), e.getMessage());
        assertTrue(e.getMessage().contains("udp 65507 B"), e.getMessage());
    }

    @Test
    void aSizeOverSomeTransportsMaximumIsSkippedWithItsReason() {
        RunPlan plan = plan(List.of("udp", "tcp"), List.of("64", "1M"), null, List.of(BenchmarkKind.THROUGHPUT));
        assertEquals(List.of("inproc", "udp", "tcp"), plan.transports());
        RunPlan.Skipped skipped = plan.skipped().get(0);
        assertEquals(1, plan.skipped().size());
        assertEquals("udp", skipped.transport());
        assertEquals(1L << 20, skipped.size());
        assertTrue(skipped.reason().contains("udp carries at most"), skipped.reason());
        EnvironmentFile.Missing entry = skipped.toFile();
        assertEquals("Throughput", entry.benchmark());
        assertEquals(1L << 20, entry.size());
        assertEquals(null, entry.mode(), "a skipped combination applies to every mode");
        RunPlan.Group udp = plan.groups().stream()
                .filter(g -> g.transport().equals("udp"))
                .findFirst()
                .orElseThrow();
        assertEquals(List.of(64L), udp.sizes());
    }

    @Test
    void anUnavailableTransportIsSkippedNotFailed() {
        RunPlan plan = plan(List.of("shm"), List.of("64"), null, List.of(BenchmarkKind.ROUND_TRIP));
        assertEquals(List.of("inproc", "shm"), plan.transports());
        assertEquals(2, plan.skipped().size(), "shm at both wait strategies");
        assertTrue(plan.skipped().get(0).reason().contains("/dev/shm is missing"));
        assertEquals(1, plan.groups().size());
    }

    @Test
    void nothingValidToRunIsABadArgument() {
        UsageException e = assertThrows(
                UsageException.class,
                () -> RunPlan.build(combinations, List.of("shm"), List.of("64"), null, null, false, Placement.ANY));
        assertTrue(e.getMessage().contains("nothing to run"), e.getMessage());
        assertTrue(e.getMessage().contains("/dev/shm is missing"), e.getMessage());
    }

    @Test
    void badSizesWaitsAndBenchmarksAreBadArguments() {
        assertTrue(assertThrows(UsageException.class, () -> plan(null, List.of("lots"), null, null))
                .getMessage()
                .contains("'lots' is not a size"));
        assertThrows(UsageException.class, () -> plan(null, List.of("0"), null, null));
        assertTrue(assertThrows(UsageException.class, () -> plan(null, null, List.of("nap"), null))
                .getMessage()
                .contains("unknown wait strategy 'nap'"));
        assertTrue(assertThrows(
                        CommandLine.TypeConversionException.class,
                        () -> new BenchmarkKind.Converter().convert("latency"))
                .getMessage()
                .contains("known benchmarks: roundtrip, throughput"));
        assertTrue(assertThrows(UsageException.class, () -> plan(List.of("tcp"), null, List.of("spin"), null))
                .getMessage()
                .contains("--waits applies only"));
    }

    @Test
    void sizesAcceptSuffixesAndAreSortedWithoutDuplicates() {
        RunPlan plan = plan(List.of("tcp"), List.of("32K", "64", "1024", "64"), null, null);
        assertEquals(List.of(64L, 1024L, 32768L), plan.sizes());
    }

    @Test
    void countsRunsPerModeAndListsRows() {
        RunPlan plan = plan(List.of("tcp", "mmap"), List.of("64", "1K"), null, null);
        // inproc, tcp, mmap x 2 waits = 4 rows x 2 sizes = 8 combinations per benchmark
        assertEquals(8, plan.combinations(BenchmarkKind.ROUND_TRIP));
        assertEquals(8 + 8, plan.runs(JmhSettings.QUICK));
        assertEquals(8 * 2 + 8, plan.runs(JmhSettings.FULL));
        assertEquals(List.of("spin", "backoff"), plan.waits().get("mmap"));
    }

    @Test
    void theBaselineCanBeLeftOut() {
        RunPlan plan = RunPlan.build(combinations, List.of("tcp"), List.of("64"), null, null, false, Placement.ANY);
        assertEquals(List.of("tcp"), plan.transports());
    }

    @Test
    void theQuickSettingsFitTheTenMinuteBudgetForTheFullDefaultSet() {
        // 11 transports, mmap and shm at two wait strategies, 4 sizes, 3 sizes skipped, 2 benchmarks
        int runs = 2 * (13 * 4 - 3);
        assertTrue(
                JmhSettings.QUICK.perRun().multipliedBy(runs).toMinutes() < 10,
                JmhSettings.QUICK.perRun().multipliedBy(runs).toString());
    }

    @Test
    void theOpenLoopSkipsLossyTransportsAndMessagesTooShortForItsHeader() {
        RunPlan plan = plan(List.of("udp", "tcp"), List.of("8", "64"), null, List.of(BenchmarkKind.OPEN_LOOP));
        assertEquals(List.of(BenchmarkKind.OPEN_LOOP), plan.kinds());
        assertEquals(0, plan.runs(JmhSettings.QUICK), "the open loop is not a JMH run");
        assertEquals(2, plan.sweeps(), "inproc and tcp at 64 B");
        assertTrue(
                plan.skipped().stream()
                        .anyMatch(x -> x.transport().equals("udp") && x.reason().contains("may lose messages")),
                plan.skipped().toString());
        assertTrue(
                plan.skipped().stream()
                        .anyMatch(x -> x.transport().equals("tcp")
                                && x.size() == 8
                                && x.reason().contains("16 bytes")),
                plan.skipped().toString());
    }
}
