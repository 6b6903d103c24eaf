package dev.ipcbench.transport.ring;

/**
 * {@code spin}: never gives up the CPU, only hints the processor ({@link Thread#onSpinWait()}).
 * Lowest latency; burns a whole core per waiting thread, and starves the other side when both share
 * one CPU.
 */
public final class BusySpinWaitStrategy implements WaitStrategy {
    public static final String ALIAS = "spin";

    @Override
    public String alias() {
        return ALIAS;
    }

    @Override
    public void idle(int idleCount) {
        Thread.onSpinWait();
    }
}
