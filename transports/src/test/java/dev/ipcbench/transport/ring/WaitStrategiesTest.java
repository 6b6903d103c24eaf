package dev.ipcbench.transport.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WaitStrategiesTest {

    @Test
    void everyBuiltInIsFoundByItsAlias() {
        assertEquals(java.util.List.of("spin", "yield", "backoff", "park"), WaitStrategies.aliases());
        for (WaitStrategy w : WaitStrategies.builtIn()) {
            assertEquals(w.getClass(), WaitStrategies.parse(w.alias()).getClass());
        }
    }

    @Test
    void aClassNameWorksToo() {
        assertInstanceOf(YieldingWaitStrategy.class, WaitStrategies.parse(YieldingWaitStrategy.class.getName()));
    }

    @Test
    void unknownNamesListTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WaitStrategies.parse("nap"));
        assertTrue(
                e.getMessage().contains("'nap'") && e.getMessage().contains("spin, yield, backoff, park"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> WaitStrategies.parse("java.lang.String"));
    }

    @Test
    void backoffSpinsThenYieldsThenParksWithoutBlockingLong() {
        WaitStrategy w = new BackoffWaitStrategy();
        // Every phase returns; the deepest park is capped at a millisecond.
        for (int i :
                new int[] {0, BackoffWaitStrategy.SPINS, BackoffWaitStrategy.SPINS + BackoffWaitStrategy.YIELDS, 1 << 24
                }) {
            long start = System.nanoTime();
            w.idle(i);
            assertTrue(System.nanoTime() - start < 5_000_000_000L, "idle(" + i + ") did not return");
        }
    }
}
