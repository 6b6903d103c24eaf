package dev.ipcbench.transport.support;

import dev.ipcbench.transport.Capabilities;
import dev.ipcbench.transport.TransportException;
import dev.ipcbench.transport.TransportOptions;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.ReadableByteChannel;
import java.util.List;

/**
 * Messages over a byte stream, each preceded by its length as a 4-byte big-endian integer.
 *
 * <pre>
 * +----------------+---------------------------+----------------+-----
 * | length (int32) | payload (length bytes)    | length (int32) | ...
 * +----------------+---------------------------+----------------+-----
 * </pre>
 *
 * <p>A send is one system call: a frame of up to {@value #STAGED} bytes is copied behind its header
 * into a staging buffer and written at once (a {@code write} costs the kernel less than a {@code
 * writev}, and for small frames the saving is larger than the copy); a larger frame goes out in one
 * gathering write of header and payload. Where the channel cannot gather (junixsocket's gathering
 * write takes only the first buffer), frames up to {@value #READ_AHEAD} bytes are staged, and
 * larger ones go as header then payload. More calls are made only
 * when the kernel takes part of a frame. A receive reads whatever the stream has into a read-ahead
 * buffer, so a small message costs one read even when several arrive together; the part of a large
 * message that is not yet buffered is read straight into the caller's buffer. A message longer than
 * the caller's buffer is skipped, so the stream stays in step and usable.
 *
 * <p>Sending uses only the staging buffer, the header and the write channel; receiving only the
 * read-ahead buffer and the read channel; each has its own deadline. So one thread may send while
 * another receives, as long as the channels allow a read and a write at once (the JDK's socket and
 * file channels and junixsocket's do).
 */
public abstract class FramedStreamTransport extends AbstractTransport {

    /** Bytes of the length header. */
    public static final int HEADER = Integer.BYTES;

    /** Default size of the read-ahead buffer. */
    public static final int READ_AHEAD = 64 * 1024;

    /** Frames up to this many bytes (header included) are staged and sent with one plain write. */
    public static final int STAGED = 8 * 1024;

    private final ReadableByteChannel in;
    private final GatheringByteChannel out;
    private final int maxMessage;
    private final ByteBuffer readAhead;
    private final ByteBuffer header;
    private final ByteBuffer[] frame;
    private final ByteBuffer staging;
    private final boolean gathering;

    /**
     * @param out where frames go
     * @param gathering whether {@code out}'s gathering write really sends every buffer given
     */
    protected FramedStreamTransport(
            String alias,
            TransportOptions options,
            int maxMessage,
            ReadableByteChannel in,
            GatheringByteChannel out,
            boolean gathering,
            List<? extends Closeable> resources) {
        super(alias, options, resources);
        this.in = in;
        this.out = out;
        this.gathering = gathering;
        this.maxMessage = Math.min(maxMessage, Capabilities.MAX_FRAMED_MESSAGE);
        this.readAhead = ByteBuffer.allocateDirect(READ_AHEAD).order(ByteOrder.BIG_ENDIAN);
        this.readAhead.limit(0); // read mode: position..limit holds unread bytes
        this.header = ByteBuffer.allocateDirect(HEADER).order(ByteOrder.BIG_ENDIAN);
        this.frame = new ByteBuffer[] {header, null};
        // Without real gathering writes, a staged copy saves a second system call up to a larger size.
        this.staging =
                ByteBuffer.allocateDirect(gathering ? STAGED : READ_AHEAD).order(ByteOrder.BIG_ENDIAN);
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
            if (length <= staging.capacity() - HEADER) {
                sendStaged(message, length);
            } else if (gathering) {
                sendGathering(message, length);
            } else {
                sendSeparately(message, length);
            }
        } catch (IOException e) {
            throw failure("send", e, deadline);
        } finally {
            deadline.exit();
        }
    }

    /** A small frame: copied behind its header and written with one call. */
    private void sendStaged(ByteBuffer message, int length) throws IOException {
        final ByteBuffer staging = this.staging;
        staging.clear();
        staging.putInt(length);
        staging.put(message);
        staging.flip();
        writeFully(staging);
    }

    /** Header and payload in one gathering write; the loop covers short writes of either. */
    private void sendGathering(ByteBuffer message, int length) throws IOException {
        final ByteBuffer[] frame = this.frame;
        final ByteBuffer header = this.header;
        header.clear();
        header.putInt(0, length);
        frame[1] = message;
        try {
            do {
                out.write(frame);
            } while (message.hasRemaining());
        } finally {
            frame[1] = null;
        }
    }

    /** For channels without real gathering writes: the header, then the payload. */
    private void sendSeparately(ByteBuffer message, int length) throws IOException {
        final ByteBuffer header = this.header;
        header.clear();
        header.putInt(0, length);
        writeFully(header);
        writeFully(message);
    }

    private void writeFully(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            out.write(b);
        }
    }

    @Override
    public final int receive(ByteBuffer buffer) throws IOException {
        final Deadline deadline = receiveDeadline;
        final ByteBuffer ahead = readAhead;
        deadline.enter();
        try {
            if (ahead.remaining() < HEADER) {
                fill(HEADER);
            }
            final int length = ahead.getInt();
            if (length < 1) {
                close();
                throw new TransportException(alias() + ": corrupt frame: length " + length
                        + "; the stream is out of step and the transport is now closed");
            }
            final int room = buffer.remaining();
            if (length > room) {
                skip(length);
                throw Messages.tooLargeToReceive(alias(), length, room);
            }
            final int buffered = ahead.remaining();
            if (buffered >= length) {
                copy(ahead, buffer, length);
            } else {
                copy(ahead, buffer, buffered);
                readFully(buffer, length - buffered, length);
            }
            return length;
        } catch (IOException e) {
            throw failure("receive", e, deadline);
        } finally {
            deadline.exit();
        }
    }

    /** Reads until at least {@code needed} bytes are buffered. */
    private void fill(int needed) throws IOException {
        final ByteBuffer ahead = readAhead;
        ahead.compact();
        try {
            while (ahead.position() < needed) {
                if (in.read(ahead) < 0) {
                    throw peerClosed(
                            ahead.position() == 0
                                    ? ""
                                    : " in the middle of a length header (" + ahead.position() + " of " + HEADER
                                            + " bytes)");
                }
            }
        } finally {
            ahead.flip();
        }
    }

    /** Reads exactly {@code count} bytes into {@code buffer}, never beyond them. */
    private void readFully(ByteBuffer buffer, int count, int length) throws IOException {
        final int limit = buffer.limit();
        buffer.limit(buffer.position() + count);
        try {
            while (buffer.hasRemaining()) {
                if (in.read(buffer) < 0) {
                    throw peerClosed(" in the middle of a " + length + "-byte message");
                }
            }
        } finally {
            buffer.limit(limit);
        }
    }

    /** Discards the {@code length} bytes of a message that does not fit. */
    private void skip(int length) throws IOException {
        final ByteBuffer ahead = readAhead;
        int fromBuffer = Math.min(ahead.remaining(), length);
        ahead.position(ahead.position() + fromBuffer);
        long rest = (long) length - fromBuffer;
        while (rest > 0) {
            ahead.clear();
            ahead.limit((int) Math.min(ahead.capacity(), rest));
            int n = in.read(ahead);
            if (n < 0) {
                ahead.limit(0);
                throw peerClosed(" in the middle of a " + length + "-byte message");
            }
            rest -= n;
        }
        if (fromBuffer < length) {
            ahead.position(0).limit(0); // reads stopped at the message's end: nothing is buffered
        }
    }

    private static void copy(ByteBuffer from, ByteBuffer to, int count) {
        final int limit = from.limit();
        from.limit(from.position() + count);
        to.put(from);
        from.limit(limit);
    }
}
