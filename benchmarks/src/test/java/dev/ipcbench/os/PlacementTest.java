package dev.ipcbench.os;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlacementTest {

    @Test
    void parsesTheThreeNamesAndRejectsOthersWithTheKnownOnes() {
        assertEquals(Placement.SAME, Placement.parse("same"));
        assertEquals(Placement.CROSS, Placement.parse("cross"));
        assertEquals(Placement.ANY, Placement.parse("any"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Placement.parse("near"));
        assertTrue(e.getMessage().contains("'near'") && e.getMessage().contains("same, cross, any"), e.getMessage());
    }

    @Test
    void cpuListsAreParsed() {
        assertEquals(List.of(0, 1, 2, 3, 6, 8, 9), Affinity.parseList("0-3,6,8-9\n"));
        assertEquals(List.of(5), Affinity.parseList("5"));
    }

    @Test
    void withTasksetAndTwoCpusEveryPlacementWorksAndCrossIsTheDefault() {
        Affinity a = new Affinity("/usr/bin/taskset", List.of(2, 3), "Linux");
        for (Placement p : Placement.values()) {
            assertNull(a.whyNot(p), p.toString());
        }
        assertEquals(Placement.CROSS, Placement.defaultFor(a));
        assertEquals(2, a.benchmarkCpu(Placement.CROSS));
        assertEquals(3, a.peerCpu(Placement.CROSS));
        assertEquals(2, a.peerCpu(Placement.SAME));
        assertEquals(-1, a.peerCpu(Placement.ANY));
        assertEquals(List.of("/usr/bin/taskset", "-c", "3"), a.prefix(3));
    }

    @Test
    void withoutTasksetOnlyAnyWorksAndIsTheDefault() {
        Affinity a = new Affinity(null, List.of(0, 1), "Linux");
        assertTrue(a.whyNot(Placement.SAME).contains("taskset"), a.whyNot(Placement.SAME));
        assertTrue(a.whyNot(Placement.CROSS).contains("taskset"));
        assertNull(a.whyNot(Placement.ANY));
        assertEquals(Placement.ANY, Placement.defaultFor(a));
    }

    @Test
    void withOneCpuCrossIsImpossibleButSameWorks() {
        Affinity a = new Affinity("/usr/bin/taskset", List.of(0), "Linux");
        assertTrue(a.whyNot(Placement.CROSS).contains("two CPUs"), a.whyNot(Placement.CROSS));
        assertNull(a.whyNot(Placement.SAME));
        assertEquals(Placement.SAME, Placement.defaultFor(a));
    }

    @Test
    void onMacOsNothingIsPinned() {
        Affinity a = new Affinity(null, List.of(0, 1, 2, 3), "Mac OS X");
        assertTrue(a.whyNot(Placement.SAME).contains("Mac OS X"), a.whyNot(Placement.SAME));
        assertEquals(Placement.ANY, Placement.defaultFor(a));
    }

    @Test
    void cpuTimeOfThisProcessIsReadAndGrows() {
        org.junit.jupiter.api.Assumptions.assumeTrue(CpuTime.isSupported(), "no /proc here");
        long before = CpuTime.ofThisProcess();
        assertTrue(before > 0, "cpu time " + before);
        long x = 0;
        long end = System.nanoTime() + 50_000_000L;
        while (System.nanoTime() < end) {
            x += System.nanoTime() & 1;
        }
        long after = CpuTime.ofThisProcess();
        assertTrue(after > before, "cpu time did not grow: " + before + " -> " + after + " (" + x + ")");
        long viaProc = CpuTime.ofProcess(ProcessHandle.current().pid());
        assertTrue(viaProc >= 0 && viaProc % CpuTime.processResolutionNanos() == 0, "via /proc: " + viaProc);
        assertEquals(-1, CpuTime.ofProcess(Long.MAX_VALUE - 1));
    }
}
