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
            Combinations combinations, String alias, TransportOptions options, PeerMode mode, int bufferSize)
            throws IOException {
        if (Combinations.isBaseline(alias)) {
            InProcessPair pair = InProcessPair.open(options);
            Endpoint endpoint = new Endpoint(pair.left(), null, pair);
            try {
                endpoint.startLoop(mode, bufferSize);
            } catch (RuntimeException | Error e) {
                pair.close();
                throw e;
            }
            return endpoint;
        }
        PeerProcess peer = PeerProcess.builder(combinations.provider(alias))
                .mode(mode)
                .options(options)
                .bufferSize(bufferSize)
                .start();
        return new Endpoint(peer.transport(), peer, null);
    }

    /** Runs the peer loop over the pair's other end on a daemon thread, so it never holds the JVM. */
    private void startLoop(PeerMode mode, int bufferSize) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(bufferSize);
        Transport other = pair.right();
        Thread t = new Thread(
                () -> {
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
    }

    /** The benchmark's end of the channel. */
    Transport transport() {
        return transport;
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
