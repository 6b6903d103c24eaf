package dev.ipcbench.transport;

import java.io.Closeable;
import java.io.IOException;

/**
 * The benchmark side's half of a rendezvous: bound and waiting for exactly one peer.
 *
 * @implSpec {@link #accept} returns at most once; the transport it returns owns every resource the
 *     binding created (files, directories), so closing the transport removes them. {@link #close()}
 *     is idempotent, makes a pending {@link #accept} fail promptly, and removes everything when no
 *     transport was accepted.
 */
public interface Binding extends Closeable {

    /** The address the peer passes to {@link TransportProvider#connect}. */
    String address();

    /**
     * Called once the peer process has been started, before {@link #accept}; a transport whose
     * channel is the peer's standard input and output takes its streams here.
     */
    default void peerStarted(Process peer) throws IOException {}

    /**
     * Waits for the peer to connect and to prove, with its hello (see {@link
     * dev.ipcbench.transport.support.Hello}), that it holds the run's secret ({@link
     * TransportOptions#secret()}); a connection that does not is closed and, where the meeting point
     * allows, the wait goes on for the real peer.
     *
     * @throws TransportTimeoutException when no peer came within the connect timeout
     */
    Transport accept() throws IOException;

    @Override
    void close() throws IOException;
}
