package dev.ipcbench.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PeerArgumentsTest {

    private static String refusal(String... args) {
        return assertThrows(IllegalArgumentException.class, () -> Peer.Arguments.parse(args))
                .getMessage();
    }

    @Test
    void aBufferOverADirectBuffersLimitIsRefusedByName() {
        assertEquals(
                "--buffer must be from 1 byte to 2 GiB - 1 (a direct buffer's limit), got: 8G",
                refusal("--transport", "tcp", "--address", "127.0.0.1:1", "--buffer", "8G"));
    }

    @Test
    void aTimeoutThatIsNotANumberIsRefusedByName() {
        assertEquals(
                "--io-timeout-ms takes a whole number, got: soon",
                refusal("--transport", "tcp", "--address", "127.0.0.1:1", "--io-timeout-ms", "soon"));
        assertEquals(
                "--max-message must be from 0 to 2147483647, got: 9999999999",
                refusal("--transport", "tcp", "--address", "127.0.0.1:1", "--max-message", "9999999999"));
    }

    @Test
    void goodArgumentsGetAsFarAsTheSecretWhichOnlyPeerProcessGives() {
        String why = refusal(
                "--transport", "tcp", "--address", "127.0.0.1:1", "--buffer", "1M", "--connect-timeout-ms", "2500");
        assertTrue(why.startsWith("IPCBENCH_PEER_SECRET is missing"), why);
    }
}
