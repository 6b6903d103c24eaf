package dev.ipcbench.transport.support;

import dev.ipcbench.transport.TransportException;
import dev.ipcbench.transport.TransportOptions;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.util.List;

/**
 * Messages over a channel that keeps boundaries itself (a connected datagram or seqpacket socket):
 * one write sends one message, one read returns one message.
 *
 * <p>The kernel silently truncates a datagram read into a buffer that is too small. So a receive
 * whose buffer could hold any message goes straight into it; otherwise it goes through a scratch
 * buffer one byte longer than the largest message, where a message that does not fit is detected,
 * reported and discarded.
 */
public abstract class MessageChannelTransport extends AbstractTransport {

    private final ByteChannel channel;
    private final int maxMessage;
    private final boolean zeroMeansClosed;
    private final ByteBuffer scratch;

    /**
     * @param zeroMeansClosed whether a read of 0 bytes is the peer's orderly close (seqpacket), not
     *     an empty datagram
     */
    protected MessageChannelTransport(
            String alias,
            TransportOptions options,
            int maxMessage,
            ByteChannel channel,
            boolean zeroMeansClosed,
            List<? extends Closeable> resources) {
        super(alias, options, resources);
        this.channel = channel;
        this.maxMessage = maxMessage;
        this.zeroMeansClosed = zeroMeansClosed;
        this.scratch = ByteBuffer.allocateDirect(maxMessage + 1);
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
                int n = readOne(buffer);
                return n;
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
