package dev.ipcbench.transport.support;

import dev.ipcbench.transport.PeerClosedException;
import dev.ipcbench.transport.Transport;
import dev.ipcbench.transport.TransportException;
import dev.ipcbench.transport.TransportOptions;
import dev.ipcbench.transport.TransportTimeoutException;
import java.io.Closeable;
import java.io.IOException;
import java.net.PortUnreachableException;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * What every transport shares: its alias, deadlines for send and receive, idempotent close of the
 * resources it owns (closed in the order given, so channels go before their directory), and error
 * messages that name the transport and the peer's state.
 */
public abstract class AbstractTransport implements Transport {

    /** How long an error waits for a peer that is on its way out to exit and say why. */
    private static final long PEER_EXIT_GRACE_MILLIS = 500;

    private final String alias;
    private final List<Closeable> resources;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Process peer;
    private volatile Supplier<String> lastWords;

    /** Bounds {@link #send}; expiry closes this transport. */
    protected final Deadline sendDeadline;

    /** Bounds {@link #receive}; expiry closes this transport. */
    protected final Deadline receiveDeadline;

    /**
     * @param resources closed, in order, by {@link #close()}
     */
    // The deadlines hold this transport from the start, but the watchdog closes a target only when a
    // call has been in progress past its timeout, and no call can start before construction ends.
    @SuppressWarnings("this-escape")
    protected AbstractTransport(String alias, TransportOptions options, List<? extends Closeable> resources) {
        this.alias = alias;
        this.resources = new ArrayList<>(resources);
        Closeable self = this::closeQuietly;
        this.sendDeadline = Deadline.arm(options.ioTimeout(), self);
        this.receiveDeadline = Deadline.arm(options.ioTimeout(), self);
    }

    @Override
    public final String alias() {
        return alias;
    }

    /** Names the peer process in error messages; set by the benchmark side. */
    public final void describePeer(Process process) {
        this.peer = process;
    }

    /**
     * Names the peer process in error messages, and what it said when it failed: a peer that found
     * the channel broken says why before it exits, and that reason belongs in this side's error.
     */
    public final void describePeer(Process process, Supplier<String> lastWords) {
        this.peer = process;
        this.lastWords = lastWords;
    }

    /** Whether {@link #close()} has been called (or a deadline expired). */
    protected final boolean isClosed() {
        return closed.get();
    }

    @Override
    public final void close() throws IOException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        sendDeadline.disarm();
        receiveDeadline.disarm();
        beforeClose();
        IOException first = null;
        for (Closeable c : resources) {
            try {
                c.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw new TransportException(alias + ": close failed: " + first.getMessage(), first);
        }
    }

    /** Runs once, at the start of {@link #close()}, before the resources are closed. */
    protected void beforeClose() {}

    private void closeQuietly() {
        try {
            close();
        } catch (IOException ignored) {
            // the deadline's owner reports the timeout, which is what matters
        }
    }

    /**
     * The peer's state for error messages, for example {@code peer pid 42 has exited with code 1;
     * it said: ...}. Called only on the way to an error: it gives a peer that is on its way out a
     * moment to exit and say why.
     */
    protected final String peerState() {
        Process p = peer;
        if (p == null) {
            return "peer state unknown";
        }
        try {
            p.waitFor(PEER_EXIT_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (p.isAlive()) {
            return "peer pid " + p.pid() + " is alive";
        }
        Supplier<String> words = lastWords;
        String said = words == null ? null : words.get();
        return "peer pid " + p.pid() + " has exited with code " + p.exitValue()
                + (said == null ? "" : "; it said: " + said);
    }

    /** The exception to throw when the peer closed its end (end of stream). */
    protected final PeerClosedException peerClosed(String detail) {
        return new PeerClosedException(alias + ": the peer closed the channel" + detail + " (" + peerState() + ")");
    }

    /**
     * Translates an I/O failure of {@code operation} into an exception naming the transport, the
     * cause (deadline, close, peer gone) and the peer's state.
     */
    protected final IOException failure(String operation, IOException e, Deadline deadline) {
        if (deadline.expired()) {
            return new TransportTimeoutException(
                    alias + ": " + operation + " made no progress within "
                            + deadline.timeout().toMillis() + " ms; the transport is now closed (" + peerState() + ")",
                    e);
        }
        if (e instanceof TransportException) {
            return e;
        }
        if (closed.get()) {
            return new TransportException(alias + ": " + operation + " on a closed transport", e);
        }
        if (e instanceof ClosedChannelException
                || e instanceof PortUnreachableException
                || isPeerGoneMessage(e.getMessage())) {
            // Not closed by us: the library closed the channel or the kernel reported the peer gone.
            return new PeerClosedException(
                    alias + ": " + operation + " failed, the peer is gone (" + e + "; " + peerState() + ")", e);
        }
        return new TransportException(alias + ": " + operation + " failed: " + e + " (" + peerState() + ")", e);
    }

    private static boolean isPeerGoneMessage(String m) {
        if (m == null) {
            return false;
        }
        String s = m.toLowerCase(java.util.Locale.ROOT);
        return s.contains("broken pipe")
                || s.contains("connection reset")
                || s.contains("connection refused")
                || s.contains("not connected")
                || s.contains("socket is closed");
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + alias + (closed.get() ? ", closed" : "") + "]";
    }
}
