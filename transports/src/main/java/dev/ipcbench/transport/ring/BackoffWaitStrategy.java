package dev.ipcbench.transport.ring;

import java.util.concurrent.locks.LockSupport;

/**
 * {@code backoff}: spins for the first {@value #SPINS} waits (a few microseconds), yields for the
 * next {@value #YIELDS}, then parks for growing times from {@value #MIN_PARK_NANOS} ns up to {@value
 * #MAX_PARK_NANOS} ns. Fast when messages come quickly, nearly idle when they do not; the short spin
 * keeps it usable with both sides on one CPU, where a long one would hold the CPU the other side
 * needs.
 */
public final class BackoffWaitStrategy implements WaitStrategy {
    public static final String ALIAS = "backoff";

    static final int SPINS = 100;
    static final int YIELDS = 100;
    static final long MIN_PARK_NANOS = 1_000;
    static final long MAX_PARK_NANOS = 1_000_000;

    @Override
    public String alias() {
        return ALIAS;
    }

    @Override
    public void idle(int idleCount) {
        if (idleCount < SPINS) {
            Thread.onSpinWait();
        } else if (idleCount < SPINS + YIELDS) {
            Thread.yield();
        } else {
            int doublings = Math.min(idleCount - SPINS - YIELDS, 20);
            LockSupport.parkNanos(Math.min(MIN_PARK_NANOS << doublings, MAX_PARK_NANOS));
        }
    }
}
