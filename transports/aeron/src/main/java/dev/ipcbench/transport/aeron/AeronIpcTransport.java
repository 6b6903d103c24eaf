package dev.ipcbench.transport.aeron;

import dev.ipcbench.transport.PeerClosedException;
import dev.ipcbench.transport.TransportException;
import dev.ipcbench.transport.TransportOptions;
import dev.ipcbench.transport.TransportTimeoutException;
import dev.ipcbench.transport.support.AbstractTransport;
import dev.ipcbench.transport.support.Messages;
import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.Publication;
import io.aeron.logbuffer.ControlledFragmentHandler;
import io.aeron.logbuffer.FrameDescriptor;
import io.aeron.logbuffer.Header;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * One end of an {@code aeron-ipc} channel: an exclusive publication to the other process and the
 * one image of its publication.
 *
 * <p>Hot path: {@link #send} wraps the caller's buffer (no copy, no allocation) and offers it; Aeron
 * copies it into the log buffer, in MTU-sized fragments when it is larger. {@link #receive} polls
 * the image with a {@link ControlledFragmentHandler} that copies each fragment straight into the
 * caller's buffer and stops the poll at the end of one whole message, so the next message stays in
 * the log for the next call. Only when it has to wait does a side call its Agrona idle strategy,
 * checking on every wait whether it was closed and every {@value #CHECK_EVERY} waits its deadline
 * and (at most every 50 ms) whether the peer process is alive.
 */
final class AeronIpcTransport extends AbstractTransport {

    private static final int CHECK_EVERY = 128;
    private static final long LIVENESS_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /** Fragments per poll: enough for any message in one call, bounded so a poll never runs away. */
    private static final int FRAGMENT_LIMIT = 1 << 16;

    private final ExclusivePublication publication;
    private final Image image;
    private final IdleStrategy sendIdle;
    private final IdleStrategy receiveIdle;
    private final int maxMessage;
    private final long timeoutNanos;
    private final ProcessHandle peerProcess;
    private final UnsafeBuffer sendView = new UnsafeBuffer(0, 0);
    private final Assembler assembler = new Assembler();
    private volatile boolean closing;

    private long sendLivenessCheck;
    private long receiveLivenessCheck;

    AeronIpcTransport(
            String alias,
            TransportOptions options,
            ExclusivePublication publication,
            Image image,
            ProcessHandle peer,
            List<? extends Closeable> resources) {
        super(alias, options.withIoTimeout(Duration.ZERO), resources); // waits check their own deadline
        this.publication = publication;
        this.image = image;
        this.sendIdle = IdleStrategies.parse(options);
        this.receiveIdle = IdleStrategies.parse(options);
        this.maxMessage = Math.min(
                AeronIpcTransportProvider.maxMessage(publication.termBufferLength()), options.maxMessageSize());
        this.timeoutNanos = options.ioTimeout().toNanos();
        this.peerProcess = peer;
    }

    @Override
    public void send(ByteBuffer message) throws IOException {
        final int length = message.remaining();
        if (length < 1 || length > maxMessage) {
            throw Messages.tooLargeToSend(alias(), length, maxMessage);
        }
        if (closing) {
            throw new TransportException(alias() + ": send on a closed transport");
        }
        final UnsafeBuffer view = sendView;
        view.wrap(message, message.position(), length);
        final long result = publication.offer(view, 0, length);
        if (result < 0) {
            awaitOffer(view, length, result);
        }
        message.position(message.limit());
    }

    /** Retries an offer that was refused, until it is taken, the peer is gone or the deadline passes. */
    private void awaitOffer(UnsafeBuffer view, int length, long refused) throws IOException {
        final IdleStrategy idle = sendIdle;
        final ExclusivePublication p = publication;
        long result = refused;
        int sinceCheck = 0;
        long started = 0;
        idle.reset();
        while (true) {
            if (result == Publication.NOT_CONNECTED) {
                throw new PeerClosedException(
                        alias() + ": send failed, the peer's subscription is gone (" + peerState() + ")");
            }
            if (result == Publication.CLOSED) {
                throw new TransportException(alias() + ": send on a closed transport");
            }
            if (result == Publication.MAX_POSITION_EXCEEDED) {
                throw new TransportException(alias() + ": the publication reached its maximum position; "
                        + "no more messages can be sent on it");
            }
            // BACK_PRESSURED (the peer has not consumed a term's worth yet) or ADMIN_ACTION: retry.
            idle.idle();
            if (closing) {
                throw new TransportException(alias() + ": send on a closed transport");
            }
            if (++sinceCheck == CHECK_EVERY) {
                sinceCheck = 0;
                started = check(started, "send", true);
            }
            result = p.offer(view, 0, length);
            if (result >= 0) {
                return;
            }
        }
    }

    @Override
    public int receive(ByteBuffer buffer) throws IOException {
        if (closing) {
            throw new TransportException(alias() + ": receive on a closed transport");
        }
        final Assembler a = assembler;
        a.begin(buffer);
        image.controlledPoll(a, FRAGMENT_LIMIT);
        if (!a.complete) {
            awaitMessage(a);
        }
        return a.finish();
    }

    private void awaitMessage(Assembler a) throws IOException {
        final IdleStrategy idle = receiveIdle;
        final Image img = image;
        int sinceCheck = 0;
        long started = 0;
        idle.reset();
        while (true) {
            idle.idle();
            if (closing) {
                throw new TransportException(alias() + ": receive on a closed transport");
            }
            if (img.controlledPoll(a, FRAGMENT_LIMIT) > 0) {
                if (a.complete) {
                    return;
                }
                idle.reset(); // part of a message: the rest is coming
            }
            if (++sinceCheck == CHECK_EVERY) {
                sinceCheck = 0;
                if (img.isEndOfStream() || img.isClosed()) {
                    throw peerClosed("");
                }
                started = check(started, "receive", false);
            }
        }
    }

    /** The slow-path checks while waiting: deadline, peer alive. Returns the wait's start. */
    private long check(long started, String operation, boolean sending) throws IOException {
        long now = System.nanoTime();
        if (started == 0) {
            return now;
        }
        if (timeoutNanos > 0 && now - started > timeoutNanos) {
            close();
            throw new TransportTimeoutException(alias() + ": " + operation + " made no progress within "
                    + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms; the transport is now closed ("
                    + peerState() + ")");
        }
        ProcessHandle p = peerProcess;
        if (p != null && now - (sending ? sendLivenessCheck : receiveLivenessCheck) > LIVENESS_NANOS) {
            if (sending) {
                sendLivenessCheck = now;
            } else {
                receiveLivenessCheck = now;
            }
            if (!p.isAlive()) {
                throw new PeerClosedException(alias() + ": " + operation + " failed, the peer process (pid " + p.pid()
                        + ") has exited (" + peerState() + ")");
            }
        }
        return started;
    }

    @Override
    protected void beforeClose() {
        // Seen by a sending or receiving thread on its next wait, before the client's close linger
        // (50 ms) ends and the log buffers are unmapped.
        closing = true;
    }

    /**
     * Copies the fragments of one message into the caller's buffer, from its position, and stops the
     * poll after the message's last fragment. A message longer than the buffer is consumed to its
     * end and counted, so that it can be reported and the next message is read whole.
     */
    private static final class Assembler implements ControlledFragmentHandler {
        private ByteBuffer destination;
        private int start;
        private int room;
        private long length;
        private boolean tooLarge;
        boolean complete;

        void begin(ByteBuffer buffer) {
            destination = buffer;
            start = buffer.position();
            room = buffer.remaining();
            length = 0;
            tooLarge = false;
            complete = false;
        }

        @Override
        public Action onFragment(DirectBuffer buffer, int offset, int fragmentLength, Header header) {
            final byte flags = header.flags();
            if ((flags & FrameDescriptor.BEGIN_FRAG_FLAG) != 0) {
                length = 0;
                tooLarge = false;
            }
            if (!tooLarge) {
                if (length + fragmentLength > room) {
                    tooLarge = true;
                } else {
                    buffer.getBytes(offset, destination, start + (int) length, fragmentLength);
                }
            }
            length += fragmentLength;
            if ((flags & FrameDescriptor.END_FRAG_FLAG) != 0) {
                complete = true;
                return Action.BREAK; // one message per receive: the rest stays for the next call
            }
            return Action.CONTINUE;
        }

        int finish() throws IOException {
            ByteBuffer d = destination;
            destination = null;
            if (tooLarge) {
                throw Messages.tooLargeToReceive(AeronIpcTransportProvider.ALIAS, length, room);
            }
            d.position(start + (int) length);
            return (int) length;
        }
    }
}
