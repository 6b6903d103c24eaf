package dev.ipcbench.bench;

import dev.ipcbench.peer.PeerLoops;
import dev.ipcbench.peer.PeerMode;
import dev.ipcbench.peer.PeerProcess;
import dev.ipcbench.transport.Transport;
import dev.ipcbench.transport.TransportOptions;
import dev.ipcbench.transport.inproc.InProcessPair;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The benchmark's side of a channel and whatever runs the other side: a {@link PeerProcess} in a
 * separate JVM, or, for the in-process baseline, a daemon thread of this JVM running the same
 * {@link PeerLoops}. {@link #close()} always ends the other side.
 */
final class Endpoint implements Closeable {

    private static final long JOIN_MILLIS = 2_000;

    private final Transport transport;
    private final PeerProcess peer;
    private final InProcessPair pair;
    private Thread loop;
    private volatile boolean closing;
    private volatile Throwable loopFailure;

    private Endpoint(Transport transport, PeerProcess peer, InProcessPair pair) {
        this.transport = transport;
        this.peer = peer;
        this.pair = pair;
    }

    /**
     * Opens a channel to a peer running {@code mode}: a peer process, or a thread for the baseline.
     *
     * @param bufferSize the peer's receive buffer, at least the largest message it will get
     */
    static Endpoint open(
            Combinations combinations,
            String alias,
            TransportOptions options,
            PeerMode mode,
            int bufferSize,
            Pinning pinning)
            throws IOException {
        if (Combinations.isBaseline(alias)) {
            InProcessPair pair = InProcessPair.open(options);
            Endpoint endpoint = new Endpoint(pair.left(), null, pair);
            try {
                endpoint.startLoop(mode, bufferSize, pinning);
            } catch (IOException | RuntimeException | Error e) {
                endpoint.close();
                throw e;
            }
            return endpoint;
        }
        PeerProcess peer = PeerProcess.builder(combinations.provider(alias))
                .mode(mode)
                .options(options)
                .bufferSize(bufferSize)
                .commandPrefix(pinning.peerPrefix())
                .start();
        return new Endpoint(peer.transport(), peer, null);
    }

    /**
     * Runs the peer loop over the pair's other end on a daemon thread, so it never holds the JVM;
     * the thread first pins itself where the placement says the peer goes.
     */
    private void startLoop(PeerMode mode, int bufferSize, Pinning pinning) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(bufferSize);
        Transport other = pair.right();
        java.util.concurrent.CompletableFuture<Void> pinned = new java.util.concurrent.CompletableFuture<>();
        Thread t = new Thread(
                () -> {
                    try {
                        pinning.pinPeerThread();
                        pinned.complete(null);
                    } catch (IOException | RuntimeException e) {
                        pinned.completeExceptionally(e);
                        return;
                    }
                    try {
                        PeerLoops.run(mode, other, buffer);
                    } catch (IOException | RuntimeException | Error e) {
                        if (!closing) {
                            loopFailure = e;
                            System.err.println("ipcbench: the " + Combinations.BASELINE + " " + mode.argument()
                                    + " thread failed: " + e);
                        }
                    }
                },
                "ipcbench-" + Combinations.BASELINE + "-" + mode.argument());
        t.setDaemon(true);
        loop = t;
        t.start();
        try {
            pinned.get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException(
                    "the " + Combinations.BASELINE + " peer thread could not be pinned: " + e.getCause(), e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException("the " + Combinations.BASELINE + " peer thread did not start within 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting the " + Combinations.BASELINE + " peer thread", e);
        }
    }

    /** The benchmark's end of the channel. */
    Transport transport() {
        return transport;
    }

    /** The peer process's pid, or -1 for the baseline, whose peer is a thread of this process. */
    long peerPid() {
        return peer == null ? -1 : peer.pid();
    }

    /** Why the baseline's peer thread stopped early, or {@code null}. */
    Throwable loopFailure() {
        return loopFailure;
    }

    /** Closes the channel and ends the peer process or thread; idempotent. */
    @Override
    public void close() throws IOException {
        closing = true;
        if (peer != null) {
            CpuCostProfiler.recordFinalReading(peer.pid());
            peer.close();
            return;
        }
        try {
            pair.close();
        } finally {
            try {
                if (loop != null) {
                    loop.join(JOIN_MILLIS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Closes {@code endpoint} if not null, reporting a failure on standard error instead of throwing. */
    static void closeQuietly(Endpoint endpoint, String what) {
        if (endpoint == null) {
            return;
        }
        try {
            endpoint.close();
        } catch (IOException | RuntimeException e) {
            System.err.println("ipcbench: closing " + what + " failed: " + e);
        }
    }
}
