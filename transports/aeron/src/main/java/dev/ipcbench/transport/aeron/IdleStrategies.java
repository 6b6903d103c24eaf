package dev.ipcbench.transport.aeron;

import dev.ipcbench.transport.TransportOption;
import dev.ipcbench.transport.TransportOptions;
import java.util.List;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

/**
 * ipcbench's wait strategy names mapped to Agrona idle strategies, with the same behaviour as the
 * rings' strategies of the same name, so that {@code wait=backoff} means one thing for {@code mmap}
 * and {@code aeron-ipc}: {@code spin} busy-spins, {@code yield} yields, {@code backoff} spins 10,000
 * times, yields 100 times, then parks from 1 us doubling up to 1 ms, and {@code park} parks 1 us.
 */
final class IdleStrategies {

    static final String SPIN = "spin";
    static final String DEFAULT = "backoff";
    static final List<String> ALIASES = List.of(SPIN, "yield", DEFAULT, "park");

    private IdleStrategies() {}

    /**
     * A new idle strategy (Agrona's keep state: one per waiting thread) for the options' {@value
     * TransportOption#WAIT}.
     *
     * @throws IllegalArgumentException naming the known ones for an unknown name
     */
    static IdleStrategy parse(TransportOptions options) {
        String name = options.property(TransportOption.WAIT, DEFAULT);
        switch (name) {
            case SPIN:
                return new BusySpinIdleStrategy();
            case "yield":
                return new YieldingIdleStrategy();
            case DEFAULT:
                return new BackoffIdleStrategy(10_000, 100, 1_000, 1_000_000);
            case "park":
                return new SleepingIdleStrategy(1_000);
            default:
                throw new IllegalArgumentException(AeronIpcTransportProvider.ALIAS + ": unknown wait strategy '" + name
                        + "'; known: " + String.join(", ", ALIASES));
        }
    }
}
