package dev.ipcbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ipcbench.report.EnvironmentFile;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentTest {

    @TempDir
    Path temp;

    @Test
    void readsTheCpuModelAndProcessorCount() {
        String cpuinfo = "processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Xeon(R) CPU @ 2.20GHz\n\n"
                + "processor\t: 1\nmodel name\t: Intel(R) Xeon(R) CPU @ 2.20GHz\n";
        assertEquals("Intel(R) Xeon(R) CPU @ 2.20GHz", Environment.cpuModel(cpuinfo));
        assertEquals(2, Environment.cpuinfoProcessors(cpuinfo));
        assertNull(Environment.cpuModel("processor\t: 0\n"));
        assertNull(Environment.cpuinfoProcessors(""));
    }

    @Test
    void readsTheMemoryTotalInBytes() {
        assertEquals(8_148_000L * 1024, Environment.memTotalBytes("MemTotal:        8148000 kB\nMemFree: 1 kB\n"));
        assertNull(Environment.memTotalBytes("MemFree: 1 kB\n"));
    }

    @Test
    void readsThePrettyOsName() {
        String osRelease = "NAME=\"Debian GNU/Linux\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\n";
        assertEquals("Debian GNU/Linux 12 (bookworm)", Environment.prettyName(osRelease));
        assertNull(Environment.prettyName("ID=debian\n"));
    }

    @Test
    void aDirectoryOutsideGitHasNoCommit() {
        assertNull(Environment.git(temp));
    }

    @Test
    void theMachineFactsComeFromThisJvm() {
        EnvironmentFile machine = Environment.machine(null);
        assertEquals(System.getProperty("java.version"), machine.jdk().version());
        assertEquals(System.getProperty("java.vendor"), machine.jdk().vendor());
        assertEquals(Runtime.getRuntime().availableProcessors(), machine.cpu().availableProcessors());
        assertTrue(machine.date().endsWith("Z"), "UTC date: " + machine.date());
        assertNull(machine.git());
    }

    @Test
    void quietFlagsOnlyForJvmsThatKnowThem() {
        assertEquals(List.of("--enable-native-access=ALL-UNNAMED"), JvmFlags.quiet(17));
        assertEquals(
                List.of("--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"),
                JvmFlags.quiet(25));
        assertEquals(
                List.of("--sun-misc-unsafe-memory-access=allow"),
                JvmFlags.missing(25, List.of("-Xmx1g", "--enable-native-access=ALL-UNNAMED")));
        assertEquals(Runtime.version().feature(), JvmFlags.featureOf(null));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        assertEquals(Runtime.version().feature(), JvmFlags.featureOf(java));
    }
}
