package dev.ipcbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ipcbench.report.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
    void theMachineFactsAreValidJsonWithTheRequiredKeys() {
        Map<String, Object> machine = Environment.machine(null);
        Object parsed = Json.parse(Json.write(machine));
        Map<?, ?> env = assertInstanceOf(Map.class, parsed);
        for (String key : List.of("ipcbenchVersion", "date", "host", "cpu", "memory", "kernel", "os", "jdk", "git")) {
            assertTrue(env.containsKey(key), "missing " + key);
        }
        Map<?, ?> jdk = assertInstanceOf(Map.class, env.get("jdk"));
        assertEquals(System.getProperty("java.version"), jdk.get("version"));
        assertEquals(System.getProperty("java.vendor"), jdk.get("vendor"));
        Map<?, ?> cpu = assertInstanceOf(Map.class, env.get("cpu"));
        assertEquals((long) Runtime.getRuntime().availableProcessors(), cpu.get("availableProcessors"));
        assertTrue(((String) env.get("date")).endsWith("Z"), "UTC date: " + env.get("date"));
    }
}
