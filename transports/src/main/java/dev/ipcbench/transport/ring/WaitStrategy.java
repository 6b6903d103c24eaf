package dev.ipcbench.transport.ring;

/**
 * How a thread waits for the other side of a shared-memory ring: a trade of CPU for latency.
 * Implementations are stateless: the caller passes how many times in a row it has waited without
 * progress, so one instance serves every thread.
 *
 * @implSpec {@link #idle(int)} must return (it may sleep briefly, never indefinitely); it must not
 *     allocate.
 */
public interface WaitStrategy {

    /** The short name users type, for example {@code spin}. */
    String alias();

    /**
     * Waits a little.
     *
     * @param idleCount how many calls in a row found nothing to do, starting at 0
     */
    void idle(int idleCount);
}
