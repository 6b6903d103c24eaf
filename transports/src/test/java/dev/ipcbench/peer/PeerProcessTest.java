package dev.ipcbench.peer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ipcbench.transport.PrivateDirectory;
import dev.ipcbench.transport.TransportException;
import dev.ipcbench.transport.TransportOptions;
import dev.ipcbench.transport.TransportRegistry;
import dev.ipcbench.transport.tcp.TcpTransportProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

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

    /**
     * Every transport: the benchmark JVM is killed with SIGKILL (no shutdown hook runs), and neither
     * its peer nor a file of the rendezvous (socket, FIFO, ring) is left behind.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("availableTransports")
    void thePeerExitsAndNoFileIsLeftWhenItsParentIsKilled(String alias) throws Exception {
        Set<Path> before = privateDirectories();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process parent = new ProcessBuilder(
                        java, "-cp", System.getProperty("java.class.path"), OrphanLauncher.class.getName(), alias)
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
            Set<Path> left = privateDirectories();
            left.removeAll(before);
            assertTrue(left.isEmpty(), alias + " left files behind its killed parent: " + left);
        } finally {
            parent.destroyForcibly();
            parent.waitFor();
        }
    }

    static List<String> availableTransports() {
        return TransportRegistry.load().providers().stream()
                .filter(p -> p.isAvailable())
                .map(p -> p.alias())
                .toList();
    }

    private static Set<Path> privateDirectories() throws IOException {
        Set<Path> found = new TreeSet<>();
        for (Path parent : List.of(Path.of(System.getProperty("java.io.tmpdir")), Path.of("/dev/shm"))) {
            if (!Files.isDirectory(parent)) {
                continue;
            }
            try (Stream<Path> s = Files.list(parent)) {
                s.filter(p -> p.getFileName().toString().startsWith(PrivateDirectory.PREFIX))
                        .forEach(found::add);
            }
        }
        return found;
    }
}
