package dev.ipcbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ipcbench.report.ResultsFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputDirectoryTest {

    @TempDir
    Path temp;

    @Test
    void theDefaultIsResultsDateHostAndNeverOverwritesResults() throws IOException {
        LocalDate day = LocalDate.of(2025, 11, 21);
        Path first = OutputDirectory.defaultFor(temp, day, "Bench Box");
        assertEquals(temp.resolve("results").resolve("2025-11-21-bench-box"), first);
        Files.createDirectories(first);
        Files.writeString(first.resolve(ResultsFolder.JMH_JSON), "[]");
        assertEquals(
                temp.resolve("results").resolve("2025-11-21-bench-box-2"),
                OutputDirectory.defaultFor(temp, day, "Bench Box"));
    }

    @Test
    void checkCreatesTheDirectoryOnlyWhenAsked() {
        Path dir = temp.resolve("a").resolve("b");
        OutputDirectory.check(dir, false);
        assertFalse(Files.exists(dir));
        OutputDirectory.check(dir, true);
        assertTrue(Files.isDirectory(dir));
    }

    @Test
    void aFileInTheWayIsABadArgument() throws IOException {
        Path file = Files.writeString(temp.resolve("file"), "x");
        assertThrows(UsageException.class, () -> OutputDirectory.check(file, false));
        assertThrows(UsageException.class, () -> OutputDirectory.check(file.resolve("sub"), false));
        UsageException e = assertThrows(UsageException.class, () -> OutputDirectory.check(file.resolve("sub"), true));
        assertTrue(e.getMessage().contains("cannot create output directory"), e.getMessage());
    }
}
