package dev.ipcbench.peer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ipcbench.transport.TransportException;
import dev.ipcbench.transport.TransportOptions;
import dev.ipcbench.transport.tcp.TcpTransportProvider;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 90, unit = TimeUnit.SECONDS)
class PeerProcessTest {

    @AfterEach
    void noChildLeft() {
        List<ProcessHandle> children = ProcessHandle.current()
                .children()
                .filter(ProcessHandle::isAlive)
                .toList();
        assertTrue(children.isEmpty(), "child processes left behind: " + children);
    }

    @Test
    void aPeerThatDiesAtStartFailsAtOnceWithItsLastWords() {
        PeerProcess.Builder b = PeerProcess.builder(new TcpTransportProvider())
                .forwardStderr(false)
                .jvmArguments(List.of("-XX:+ThisOptionDoesNotExist"));
        TransportException e = assertThrows(TransportException.class, b::start);
        assertTrue(e.getMessage().startsWith("tcp: the peer did not come up"), e.getMessage());
        assertTrue(e.getMessage().contains("exited with code"), e.getMessage());
        assertTrue(
                e.getMessage().contains("ThisOptionDoesNotExist"),
                "the peer's stderr belongs in the message: " + e.getMessage());
    }

    @Test
    void aPeerThatNeverConnectsFailsAtTheConnectDeadline() {
        PeerProcess.Builder b = PeerProcess.builder(new TcpTransportProvider())
                .options(TransportOptions.defaults().withConnectTimeout(Duration.ofSeconds(1)))
                // the shell runs only "sleep 60"; the peer command after it becomes its ignored arguments
                .commandPrefix(List.of("sh", "-c", "sleep 60", "sh"));
        TransportException e = assertThrows(TransportException.class, b::start);
        assertTrue(e.getMessage().contains("no peer connected within 1000 ms"), e.getMessage());
    }

    @Test
    void thePeerExitsWhenItsParentIsKilled() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process parent = new ProcessBuilder(
                        java, "-cp", System.getProperty("java.class.path"), OrphanLauncher.class.getName())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            String line;
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
                line = r.readLine();
            }
            assertNotNull(line, "the launcher printed no peer pid");
            long peerPid = Long.parseLong(line.trim());
            Optional<ProcessHandle> peer = ProcessHandle.of(peerPid);
            assertTrue(peer.isPresent() && peer.get().isAlive(), "the peer should run while its parent does");

            parent.destroyForcibly(); // SIGKILL: no shutdown hook runs in the parent
            parent.waitFor();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (peer.get().isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertFalse(peer.get().isAlive(), "the peer outlived its killed parent");
        } finally {
            parent.destroyForcibly();
            parent.waitFor();
        }
    }
}
