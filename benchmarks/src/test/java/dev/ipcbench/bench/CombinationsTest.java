package dev.ipcbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ipcbench.transport.TransportOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

class CombinationsTest {

    private final Combinations combinations = new Combinations(FakeProvider.registry());

    @Test
    void listsTheBaselineFirstThenTheRegistrySorted() {
        assertEquals(List.of("inproc", "mmap", "shm", "tcp", "udp"), combinations.aliases());
        assertTrue(combinations.isKnown("inproc"));
        assertFalse(combinations.isKnown("carrier-pigeon"));
    }

    @Test
    void acceptsWhatATransportCanDo() {
        assertNull(combinations.whyInvalid("tcp", 1_048_576, "default"));
        assertNull(combinations.whyInvalid("udp", 65_507, "default"));
        assertNull(combinations.whyInvalid("inproc", 64, "spin"));
        assertNull(combinations.whyInvalid("mmap", 1024, "backoff"));
        assertTrue(combinations.isValid("inproc", 1_048_576, "default"));
    }

    @Test
    void anUnknownTransportIsNamedWithTheKnownOnes() {
        String reason = combinations.whyInvalid("carrier-pigeon", 64, "default");
        assertTrue(reason.contains("unknown transport 'carrier-pigeon'"), reason);
        assertTrue(reason.contains("inproc, mmap, shm, tcp, udp"), reason);
    }

    @Test
    void anUnavailableTransportGivesItsCause() {
        String reason = combinations.whyInvalid("shm", 64, "default");
        assertTrue(reason.contains("shm is not available here"), reason);
        assertTrue(reason.contains("/dev/shm is missing"), reason);
    }

    @Test
    void aSizeOverTheMaximumSaysTheMaximum() {
        String reason = combinations.whyInvalid("udp", 1_048_576, "default");
        assertTrue(reason.contains("udp carries at most 65507 B"), reason);
        assertTrue(reason.contains("1 MiB"), reason);
        assertTrue(combinations.whyInvalid("tcp", 0, "default").contains("at least 1 byte"));
    }

    @Test
    void waitStrategiesOnlyWhereThereAreAny() {
        String reason = combinations.whyInvalid("tcp", 64, "spin");
        assertTrue(reason.contains("tcp has no wait strategies"), reason);
        String unknown = combinations.whyInvalid("mmap", 64, "nap");
        assertTrue(unknown.contains("unknown wait strategy 'nap'"), unknown);
        assertTrue(unknown.contains("spin, yield, backoff, park"), unknown);
    }

    @Test
    void requireValidThrowsWithTheReason() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> combinations.requireValid("udp", 1 << 20, "default"));
        assertTrue(e.getMessage().contains("transport=udp"), e.getMessage());
        assertTrue(e.getMessage().contains("udp carries at most"), e.getMessage());
        combinations.requireValid("tcp", 64, "default");
    }

    @Test
    void optionsCarryTheWaitStrategyUnlessDefault() {
        assertEquals(TransportOptions.defaults(), Combinations.options("default"));
        assertEquals("spin", Combinations.options("spin").property("wait", null));
    }

    @Test
    void reliabilityComesFromTheCapabilities() {
        assertTrue(combinations.reliable("inproc"));
        assertTrue(combinations.reliable("tcp"));
        assertFalse(combinations.reliable("udp"));
    }

    @Test
    void theBaselineHasNoProvider() {
        assertThrows(IllegalArgumentException.class, () -> combinations.provider("inproc"));
        assertNull(combinations.unavailabilityCause("inproc"));
    }
}
