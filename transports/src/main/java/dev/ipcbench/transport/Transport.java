package dev.ipcbench.transport;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * One end of a bidirectional, in-order, message-preserving channel between two processes.
 *
 * <p>Messages are 1 to {@link Capabilities#maxMessageSize()} bytes long. The caller owns the
 * buffers: direct buffers, allocated once and reused, keep the path free of copies and allocation.
 *
 * <p>Threads: at most one thread sends and at most one thread receives at a time, and they may be
 * two threads working at once: one sending while the other receives (the open-loop benchmark sends
 * on a schedule from one thread and takes the echoes on another). One thread doing both, in turn,
 * is the simple case. {@link #close()} may be called from any thread.
 *
 * @implSpec Implementations must deliver every byte unchanged and in order (unreliable transports
 *     may lose whole messages, never parts of one), handle short reads and short writes, allocate
 *     nothing per message, and bound every blocking call by {@link TransportOptions#ioTimeout()}.
 *     They must let one thread send while another receives: the state of sending and of receiving
 *     (buffers, positions, deadlines) kept apart, on channels that allow a read and a write at once.
 *     The contract suite checks it ({@code oneThreadSendsWhileAnotherReceivesTheEchoes}).
 */
public interface Transport extends Closeable {

    /** The alias of the provider that made this transport, for messages and reports. */
    String alias();

    /**
     * Sends the bytes between the buffer's position and limit as one message. On return the
     * position equals the limit.
     *
     * @throws IllegalArgumentException before anything is sent, when the message is empty
     * @throws MessageTooLargeException before anything is sent, when the message is longer than the
     *     transport allows
     * @throws TransportTimeoutException when the send made no progress within the I/O timeout (the
     *     transport is closed)
     * @throws TransportException when the peer is gone or the channel failed
     */
    void send(ByteBuffer message) throws IOException;

    /**
     * Receives exactly one whole message into the buffer, starting at its position. On return the
     * position has advanced by the message's length and the limit is unchanged.
     *
     * @return the length of the message
     * @throws MessageTooLargeException when the message is longer than {@code buffer.remaining()}:
     *     the message is discarded and the transport stays usable
     * @throws TransportTimeoutException when no message arrived within the I/O timeout (the
     *     transport is closed)
     * @throws PeerClosedException when the peer closed its end or died
     */
    int receive(ByteBuffer buffer) throws IOException;

    /**
     * Receives one message like {@link #receive(ByteBuffer)}, but gives up after {@code timeout},
     * returning -1 and leaving the transport open. Used to wait for an acknowledgement that an
     * unreliable transport may have lost.
     *
     * @implSpec Transports whose {@link Capabilities#reliable()} is false must override this. The
     *     default suits reliable transports: a message is delivered or the transport fails, so it
     *     waits as {@link #receive(ByteBuffer)} does, under the I/O deadline.
     */
    default int receive(ByteBuffer buffer, java.time.Duration timeout) throws IOException {
        return receive(buffer);
    }

    /**
     * Closes this end and removes every file it created. Idempotent; safe from any thread, where it
     * makes a blocked send or receive fail.
     */
    @Override
    void close() throws IOException;
}
