package dev.ipcbench.transport.support;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ipcbench.transport.PrivateDirectory;
import dev.ipcbench.transport.TransportException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnixRendezvousTest {

    @TempDir
    Path temp;

    @Test
    void aDirectoryTooDeepForASocketIsRefusedNamingThePathAndTheWayOut() throws Exception {
        Path deep = Files.createDirectories(temp.resolve("d".repeat(100)));
        try (PrivateDirectory dir = PrivateDirectory.createIn(deep)) {
            Path socket = dir.resolve(UnixRendezvous.SOCKET);
            TransportException e =
                    assertThrows(TransportException.class, () -> UnixRendezvous.checkPathLength("uds", socket));
            assertTrue(e.getMessage().startsWith("uds: the socket path " + socket + " is "), e.getMessage());
            assertTrue(e.getMessage().contains("over the 107 a Unix domain socket address holds"), e.getMessage());
            assertTrue(e.getMessage().contains("java.io.tmpdir"), e.getMessage());
        }
    }

    @Test
    void aShortDirectoryPasses() throws Exception {
        try (PrivateDirectory dir = PrivateDirectory.createIn(Path.of("/tmp"))) {
            assertDoesNotThrow(() -> UnixRendezvous.checkPathLength("uds", dir.resolve(UnixRendezvous.SOCKET)));
        }
    }
}
