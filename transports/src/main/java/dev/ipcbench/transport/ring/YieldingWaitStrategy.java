package dev.ipcbench.transport.ring;

/**
 * {@code yield}: offers the CPU to another runnable thread on every wait ({@link Thread#yield()},
 * one system call). Still uses a core when nothing else wants it; lets a peer on the same CPU run.
 */
public final class YieldingWaitStrategy implements WaitStrategy {
    public static final String ALIAS = "yield";

    @Override
    public String alias() {
        return ALIAS;
    }

    @Override
    public void idle(int idleCount) {
        Thread.yield();
    }
}
