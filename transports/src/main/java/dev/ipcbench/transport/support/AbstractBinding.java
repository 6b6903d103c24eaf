package dev.ipcbench.transport.support;

import dev.ipcbench.transport.Binding;
import dev.ipcbench.transport.PrivateDirectory;
import dev.ipcbench.transport.Transport;
import dev.ipcbench.transport.TransportException;
import dev.ipcbench.transport.TransportOptions;
import dev.ipcbench.transport.TransportTimeoutException;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What every binding shares: at most one accept, bounded by the connect timeout, that admits only
 * the peer whose hello proves it holds the run's secret; the peer process handed to the transport
 * for its error messages; and, when nothing was accepted, removal of the private directory on
 * close.
 */
public abstract class AbstractBinding implements Binding {

    private final String alias;
    private final TransportOptions options;
    private final PrivateDirectory directory;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean accepted = new AtomicBoolean();
    private volatile Process peer;

    /**
     * @param directory the private directory this binding created, or {@code null}; it passes to the
     *     accepted transport
     */
    protected AbstractBinding(String alias, TransportOptions options, PrivateDirectory directory) {
        this.alias = alias;
        this.options = options;
        this.directory = directory;
    }

    protected final String alias() {
        return alias;
    }

    protected final TransportOptions options() {
        return options;
    }

    /** The private directory, or {@code null}. */
    protected final PrivateDirectory directory() {
        return directory;
    }

    /** The peer process, once started, or {@code null}. */
    protected final Process peer() {
        return peer;
    }

    @Override
    public void peerStarted(Process process) throws IOException {
        this.peer = process;
    }

    @Override
    public final Transport accept() throws IOException {
        if (closed.get()) {
            throw new TransportException(alias + ": accept on a closed binding");
        }
        if (!accepted.compareAndSet(false, true)) {
            throw new IllegalStateException(alias + ": a binding accepts one peer only");
        }
        Deadline deadline = Deadline.arm(options.connectTimeout(), this::closeQuietly);
        List<String> refused = new ArrayList<>();
        AbstractTransport transport;
        deadline.enter();
        try {
            transport = admitPeer(refused);
        } catch (IOException e) {
            String intruders = refused.isEmpty() ? "" : "; refused before: " + String.join("; ", refused);
            if (deadline.expired()) {
                throw new TransportTimeoutException(alias + ": no peer connected within "
                        + options.connectTimeout().toMillis() + " ms (" + describePeer() + ")" + intruders);
            }
            if (closed.get()) {
                throw new TransportException(
                        alias + ": the binding was closed while waiting for the peer (" + describePeer() + ")"
                                + intruders,
                        e);
            }
            throw e instanceof TransportException
                    ? e
                    : new TransportException(
                            alias + ": accept failed: " + e + " (" + describePeer() + ")" + intruders, e);
        } finally {
            deadline.exit();
            deadline.disarm();
        }
        transport.describePeer(peer);
        return transport;
    }

    /**
     * Accepts connections until one proves, in its hello, that it is the peer this run started (see
     * {@link Hello}); closes the others. Where the meeting point can take only one connection, an
     * intruder ends the wait with the reason.
     */
    private AbstractTransport admitPeer(List<String> refused) throws IOException {
        if (acceptsAgain()) {
            return new Admission(refused).run();
        }
        byte[] secret = options.secret();
        while (true) {
            AbstractTransport candidate = acceptPeer();
            String why;
            try {
                Process p = peer;
                why = Hello.check(candidate, p == null ? -1 : p.pid(), secret);
            } catch (IOException e) {
                why = "it sent no hello (" + e.getMessage() + ")";
            }
            if (why == null) {
                admitted();
                return candidate;
            }
            candidate.close();
            String intruder = "a process that is not this run's peer connected: " + why;
            if (!acceptsAgain()) {
                throw new TransportException(alias + ": " + intruder + " (" + describePeer() + ")");
            }
            refused.add(intruder);
        }
    }

    /** Connections whose hellos are awaited at once; more are closed unread until one is decided. */
    static final int MAX_PENDING_HELLOS = 32;

    /**
     * Admission on a listener any local process can reach: each connection's hello is awaited on a
     * thread of its own, so connections that say nothing cannot hold the real peer's hello back
     * (read one after the other, a few silent ones would outlast the connect deadline). The first
     * connection that proves itself is the peer; the listener then stops listening and every other
     * connection is closed.
     */
    private final class Admission {
        private final List<String> refused;
        private final Object lock = new Object();
        private final Set<AbstractTransport> pending = new HashSet<>();
        private AbstractTransport winner;
        private boolean over;

        Admission(List<String> refused) {
            this.refused = refused;
        }

        AbstractTransport run() throws IOException {
            try {
                while (true) {
                    AbstractTransport candidate;
                    try {
                        candidate = acceptPeer();
                    } catch (IOException e) {
                        synchronized (lock) {
                            over = true;
                            if (winner != null) {
                                return winner; // admitted() closed the listener to end this accept
                            }
                        }
                        throw e;
                    }
                    boolean check;
                    synchronized (lock) {
                        if (winner != null) {
                            candidate.close();
                            over = true;
                            return winner;
                        }
                        check = pending.size() < MAX_PENDING_HELLOS;
                        if (check) {
                            pending.add(candidate);
                        } else {
                            refused.add("a connection was closed unread: " + MAX_PENDING_HELLOS
                                    + " others were already waiting to say hello");
                        }
                    }
                    if (!check) {
                        candidate.close();
                        continue;
                    }
                    Thread t = new Thread(() -> check(candidate), "ipcbench-" + alias + "-hello");
                    t.setDaemon(true);
                    t.start();
                }
            } finally {
                List<AbstractTransport> losers;
                synchronized (lock) {
                    over = true;
                    losers = new ArrayList<>(pending);
                    pending.clear();
                }
                for (AbstractTransport l : losers) {
                    closeRefused(l);
                }
            }
        }

        private void check(AbstractTransport candidate) {
            String why;
            try {
                Process p = peer;
                why = Hello.check(candidate, p == null ? -1 : p.pid(), options.secret());
            } catch (IOException | RuntimeException e) {
                why = "it sent no hello (" + e.getMessage() + ")";
            }
            synchronized (lock) {
                boolean mine = pending.remove(candidate);
                if (why == null && mine && winner == null && !over) {
                    winner = candidate;
                    try {
                        admitted(); // stops listening, which ends the accept waiting in run()
                    } catch (IOException e) {
                        // the accept ends at the deadline at the latest
                    }
                    return;
                }
                if (why != null && mine) {
                    refused.add("a process that is not this run's peer connected: " + why);
                }
            }
            closeRefused(candidate);
        }
    }

    private static void closeRefused(Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // closing a refused connection: nothing to report
        }
    }

    /**
     * Whether {@link #acceptPeer()} can be called again after an intruder was refused (a listening
     * socket reachable by other local users can; a meeting point in a private directory cannot).
     */
    protected boolean acceptsAgain() {
        return false;
    }

    /** Called once the peer is admitted: a listening socket stops listening here. */
    protected void admitted() throws IOException {}

    /**
     * Waits for the peer and returns the connected transport, which must own the private
     * directory. Blocked calls must fail promptly when {@link #closeChannels()} runs.
     */
    protected abstract AbstractTransport acceptPeer() throws IOException;

    /** Closes the listening channels (not the accepted transport's). */
    protected abstract void closeChannels() throws IOException;

    @Override
    public final void close() throws IOException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            closeChannels();
        } finally {
            if (directory != null && !handedOver) {
                directory.close();
            }
        }
    }

    private volatile boolean handedOver;

    /**
     * Called by {@link #acceptPeer()} once the new transport owns what the binding made (its
     * channel, where the transport reuses it, and the private directory).
     */
    protected final void handOver() {
        handedOver = true;
    }

    /** Whether {@link #handOver()} was called. */
    protected final boolean handedOver() {
        return handedOver;
    }

    private void closeQuietly() {
        try {
            close();
        } catch (IOException ignored) {
            // the accept reports the timeout
        }
    }

    private String describePeer() {
        Process p = peer;
        if (p == null) {
            return "no peer process known";
        }
        return p.isAlive()
                ? "peer pid " + p.pid() + " is alive"
                : "peer pid " + p.pid() + " exited with code " + p.exitValue();
    }

    /** Closes {@code c}, ignoring failures; for cleanup on error paths. */
    public static void closeAll(Closeable... cs) {
        for (Closeable c : cs) {
            if (c != null) {
                try {
                    c.close();
                } catch (IOException ignored) {
                    // cleanup path
                }
            }
        }
    }
}
