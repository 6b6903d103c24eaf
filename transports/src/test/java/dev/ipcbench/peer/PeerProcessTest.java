package dev.ipcbench.peer;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ipcbench.transport.TransportException;
import dev.ipcbench.transport.TransportOptions;
import dev.ipcbench.transport.tcp.TcpTransportProvider;
import java.time.Duration;
import java.util.List;
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
}
