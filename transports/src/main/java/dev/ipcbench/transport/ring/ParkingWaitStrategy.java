package dev.ipcbench.transport.ring;

import java.util.concurrent.locks.LockSupport;

/**
 * {@code park}: sleeps {@value #PARK_NANOS} ns on every wait ({@link LockSupport#parkNanos}); the
 * kernel's timer slack makes that about 50-60 us on Linux. Least CPU, most latency.
 */
public final class ParkingWaitStrategy implements WaitStrategy {
    public static final String ALIAS = "park";

    static final long PARK_NANOS = 1_000;

    @Override
    public String alias() {
        return ALIAS;
    }

    @Override
    public void idle(int idleCount) {
        LockSupport.parkNanos(PARK_NANOS);
    }
}
