package dev.ipcbench.transport.support;

import dev.ipcbench.transport.TransportTimeoutException;
import java.io.Closeable;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Bounds blocking calls without a clock read or a system call on the fast path: the owning thread
 * bumps a counter around each call ({@link #enter()}, {@link #exit()}), and one shared watchdog
 * thread, ticking every {@value #TICK_MILLIS} ms, closes the {@code target} when a call has been
 * in progress, unchanged, for longer than the timeout. Closing a channel makes the blocked call fail
 * with {@link java.nio.channels.AsynchronousCloseException}; {@link #expired()} then tells a
 * timeout from an ordinary close.
 *
 * <p>One thread at a time may use a deadline: give send and receive their own.
 */
public final class Deadline {

    static final long TICK_MILLIS = 20;

    private static final VarHandle STATE;
    /** Copy-on-write, so the watchdog's tick iterates without allocating. Guarded by the class. */
    private static volatile Deadline[] armed = new Deadline[0];

    private static Thread watchdog;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Deadline.class, "state", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long timeoutNanos;
    private final Closeable target;

    /** Owner thread only: the last value published to {@link #state}. */
    private long counter;

    /** Odd while a call is in progress. Written by the owner, read by the watchdog. */
    @SuppressWarnings("unused")
    private volatile long state;

    private volatile boolean expired;

    // Watchdog thread only.
    private long lastSeen;
    private long stuckSince;

    private Deadline(long timeoutNanos, Closeable target) {
        this.timeoutNanos = timeoutNanos;
        this.target = target;
    }

    /**
     * A deadline that closes {@code target} when a call takes longer than {@code timeout}; a zero
     * timeout means no deadline. Call {@link #disarm()} when the target is closed.
     */
    public static Deadline arm(Duration timeout, Closeable target) {
        Deadline d = new Deadline(timeout.toNanos(), target);
        if (d.timeoutNanos > 0) {
            add(d);
        }
        return d;
    }

    /** The timeout this deadline enforces, zero for none. */
    public Duration timeout() {
        return Duration.ofNanos(timeoutNanos);
    }

    /** Marks the start of a blocking call. */
    public void enter() {
        // Release store: pairs with the watchdog's volatile read in tick(); the watchdog only needs
        // to see that the value changed, never data written before it.
        STATE.setRelease(this, ++counter);
    }

    /** Marks the end of a blocking call; always call it in a {@code finally} after {@link #enter()}. */
    public void exit() {
        // Release store: pairs with the watchdog's volatile read in tick().
        STATE.setRelease(this, ++counter);
    }

    /** Whether the watchdog closed the target because a call overran. */
    public boolean expired() {
        return expired;
    }

    /** Stops watching; idempotent. */
    public void disarm() {
        remove(this);
    }

    private static synchronized void add(Deadline d) {
        Deadline[] now = armed;
        Deadline[] next = java.util.Arrays.copyOf(now, now.length + 1);
        next[now.length] = d;
        armed = next;
        if (watchdog == null) {
            Thread t = new Thread(Deadline::watch, "ipcbench-deadline-watchdog");
            t.setDaemon(true);
            watchdog = t;
            t.start();
        }
    }

    private static synchronized void remove(Deadline d) {
        Deadline[] now = armed;
        for (int i = 0; i < now.length; i++) {
            if (now[i] == d) {
                Deadline[] next = new Deadline[now.length - 1];
                System.arraycopy(now, 0, next, 0, i);
                System.arraycopy(now, i + 1, next, i, now.length - i - 1);
                armed = next;
                return;
            }
        }
    }

    /** A blocking action, for {@link #bounded}. */
    @FunctionalInterface
    public interface BlockingCall<T> {
        T call() throws IOException;
    }

    /**
     * Runs one blocking call (a connect, an open) under a deadline that closes {@code target} when it
     * overruns.
     *
     * @param what names the call in the timeout's message, for example {@code "tcp: connect to
     *     127.0.0.1:4000"}
     * @throws TransportTimeoutException when the deadline expired
     */
    public static <T> T bounded(String what, Duration timeout, Closeable target, BlockingCall<T> call)
            throws IOException {
        Deadline d = arm(timeout, target);
        d.enter();
        try {
            return call.call();
        } catch (IOException e) {
            if (d.expired()) {
                throw new TransportTimeoutException(what + " did not complete within " + timeout.toMillis() + " ms", e);
            }
            throw e;
        } finally {
            d.exit();
            d.disarm();
        }
    }

    private void tick(long now) {
        long s = state;
        if ((s & 1) == 0 || s != lastSeen) {
            lastSeen = s;
            stuckSince = now;
            return;
        }
        if (now - stuckSince >= timeoutNanos) {
            expired = true;
            remove(this);
            try {
                target.close();
            } catch (Exception | Error ignored) {
                // the owner sees the closed channel either way
            }
        }
    }

    private static void watch() {
        while (true) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS));
            long now = System.nanoTime();
            for (Deadline d : armed) {
                d.tick(now);
            }
        }
    }
}
