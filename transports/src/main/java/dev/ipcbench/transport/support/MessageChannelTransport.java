package dev.ipcbench.transport.support;

import dev.ipcbench.transport.TransportException;
import dev.ipcbench.transport.TransportOptions;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.ScatteringByteChannel;
import java.util.List;

/**
 * Messages over a channel that keeps boundaries itself (a connected datagram or seqpacket socket):
 * one write sends one message, one read returns one message.
 *
 * <p>The kernel silently truncates a datagram read into a buffer that is too small, so a receive
 * must be able to tell a whole message from a cut one. A buffer with room for more than the largest
 * message is read into directly. Otherwise, where the channel's scattering read really scatters (the
 * JDK's), one read fills the caller's buffer and spills the rest of a message that does not fit
 * into an overflow buffer, so the message lands in the caller's buffer with no copy and an
 * oversized one is still seen whole. Where it does not (junixsocket's reads only the first buffer),
 * the message goes through a scratch buffer one byte longer than the largest message and is copied.
 *
 * <p>A send touches only the channel; the scratch buffer and the read vector are the receiver's.
 * So one thread may send while another receives on channels that allow it (the JDK's datagram
 * channels and junixsocket's do).
 */
public abstract class MessageChannelTransport extends AbstractTransport {

    private final ByteChannel channel;
    private final int maxMessage;
    private final boolean zeroMeansClosed;
    private final boolean scattering;
    private final ByteBuffer scratch;
    private final ByteBuffer[] vector;

    /**
     * @param zeroMeansClosed whether a read of 0 bytes is the peer's orderly close (seqpacket), not
     *     an empty datagram
     * @param scattering whether {@code channel} is a {@link ScatteringByteChannel} whose scattering
     *     read fills every buffer given, in order
     */
    protected MessageChannelTransport(
            String alias,
            TransportOptions options,
            int maxMessage,
            ByteChannel channel,
            boolean zeroMeansClosed,
            boolean scattering,
            List<? extends Closeable> resources) {
        super(alias, options, resources);
        this.channel = channel;
        this.maxMessage = maxMessage;
        this.zeroMeansClosed = zeroMeansClosed;
        this.scattering = scattering && channel instanceof ScatteringByteChannel;
        this.scratch = ByteBuffer.allocateDirect(maxMessage + 1);
        this.vector = new ByteBuffer[2];
    }

    @Override
    public final void send(ByteBuffer message) throws IOException {
        final int length = message.remaining();
        if (length < 1 || length > maxMessage) {
            throw Messages.tooLargeToSend(alias(), length, maxMessage);
        }
        final Deadline deadline = sendDeadline;
        deadline.enter();
        try {
            int n = channel.write(message);
            if (n != length) {
                throw new TransportException(alias() + ": the kernel took " + n + " of " + length
                        + " bytes of a message; messages must go whole");
            }
        } catch (IOException e) {
            throw failure("send", e, deadline);
        } finally {
            deadline.exit();
        }
    }

    @Override
    public final int receive(ByteBuffer buffer) throws IOException {
        final Deadline deadline = receiveDeadline;
        final int room = buffer.remaining();
        deadline.enter();
        try {
            if (room > maxMessage) {
                return readOne(buffer);
            }
            if (scattering) {
                return readScattering(buffer, room);
            }
            final ByteBuffer s = scratch;
            s.clear();
            int n = readOne(s);
            if (n > room) {
                throw Messages.tooLargeToReceive(alias(), n, room);
            }
            s.flip();
            buffer.put(s);
            return n;
        } catch (IOException e) {
            throw failure("receive", e, deadline);
        } finally {
            deadline.exit();
        }
    }

    /** One read into the caller's buffer, spilling into the scratch buffer what does not fit. */
    private int readScattering(ByteBuffer buffer, int room) throws IOException {
        final ByteBuffer overflow = scratch;
        final ByteBuffer[] v = vector;
        final int start = buffer.position();
        overflow.clear().limit(maxMessage + 1 - room);
        v[0] = buffer;
        v[1] = overflow;
        try {
            while (true) {
                long n = ((ScatteringByteChannel) channel).read(v);
                if (n > room) {
                    buffer.position(start); // the message is discarded
                    throw Messages.tooLargeToReceive(alias(), n, room);
                }
                if (n > 0) {
                    return (int) n;
                }
                if (n < 0 || zeroMeansClosed) {
                    throw peerClosed("");
                }
                // an empty datagram: no transport sends one, so it is not a message; wait for the next
            }
        } finally {
            v[0] = null;
            v[1] = null;
        }
    }

    private int readOne(ByteBuffer into) throws IOException {
        while (true) {
            int n = channel.read(into);
            if (n > 0) {
                return n;
            }
            if (n < 0 || zeroMeansClosed) {
                throw peerClosed("");
            }
            // an empty datagram: no transport sends one, so it is not a message; wait for the next
        }
    }
}
