package dev.ipcbench.transport.ring;

import static dev.ipcbench.transport.ring.RingDescriptor.CONSUMER_POSITION;
import static dev.ipcbench.transport.ring.RingDescriptor.DATA;
import static dev.ipcbench.transport.ring.RingDescriptor.NO_RECORD;
import static dev.ipcbench.transport.ring.RingDescriptor.PRODUCER_CLOSED;
import static dev.ipcbench.transport.ring.RingDescriptor.PRODUCER_POSITION;
import static dev.ipcbench.transport.ring.RingDescriptor.RECORD_HEADER;
import static dev.ipcbench.transport.ring.RingDescriptor.align;

import dev.ipcbench.transport.Capabilities;
import dev.ipcbench.transport.PeerClosedException;
import dev.ipcbench.transport.TransportException;
import dev.ipcbench.transport.TransportOptions;
import dev.ipcbench.transport.TransportTimeoutException;
import dev.ipcbench.transport.support.AbstractTransport;
import dev.ipcbench.transport.support.Messages;
import java.io.Closeable;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One end of a shared-memory channel laid out by {@link RingDescriptor}: it produces into one ring
 * and consumes from the other. One thread may send while another receives: the fields each of them
 * writes sit on cache lines of their own.
 *
 * <p>Hot path: a small message is one copy in, one plain store (the next header slot) and one
 * release store (this record's header) on the sending side; one acquire load (the header), one copy
 * out and one release store (the consumer position) on the receiving side. No system call, no
 * allocation, no clock read. Only when it has to wait does a side call its {@link WaitStrategy}, and
 * every {@value #CHECK_EVERY} waits it checks its deadline, whether it was closed, and (at most every
 * 50 ms) whether the peer process is alive.
 */
public final class RingTransport extends RingPadAfterConsumer {

    /** Plain, acquire and release access to 8-byte words in the shared buffer. */
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private static final int CHECK_EVERY = 128;
    private static final int IDLE_CAP = 1 << 24;
    private static final long LIVENESS_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final ByteBuffer buffer;
    private final int capacity;
    private final int mask;
    private final int maxMessage;
    private final int maxRecordPayload;
    private final int chunk;
    private final WaitStrategy wait;
    private final long timeoutNanos;
    private final ProcessHandle peerProcess;
    private volatile boolean closing;

    // Absolute offsets in the buffer of the ring this end produces into ("out") and the one it
    // consumes from ("in").
    private final int outPosition;
    private final int outClosed;
    private final int outConsumer;
    private final int outData;
    private final int inPosition;
    private final int inClosed;
    private final int inConsumer;
    private final int inData;

    /**
     * @param buffer the whole shared region (header and both rings), zero-filled before first use
     * @param outRing offset of the ring this end produces into
     * @param inRing offset of the ring this end consumes from
     * @param peer the process on the other end, checked while waiting; {@code null} for none
     * @param resources closed, in order, after this end has marked its ring closed
     */
    public RingTransport(
            String alias,
            TransportOptions options,
            ByteBuffer buffer,
            int outRing,
            int inRing,
            int capacity,
            WaitStrategy wait,
            ProcessHandle peer,
            List<? extends Closeable> resources) {
        super(alias, options.withIoTimeout(Duration.ZERO), resources); // waits check their own deadline
        this.buffer = buffer.duplicate().order(ByteOrder.nativeOrder());
        this.capacity = RingDescriptor.checkCapacity(capacity);
        this.mask = capacity - 1;
        this.maxMessage = Math.min(options.maxMessageSize(), Capabilities.MAX_FRAMED_MESSAGE);
        this.maxRecordPayload = capacity - 2 * RECORD_HEADER;
        this.chunk = Math.max(RingDescriptor.MIN_CAPACITY, capacity / 4);
        this.wait = wait;
        this.timeoutNanos = options.ioTimeout().toNanos();
        this.peerProcess = peer;
        this.outPosition = outRing + PRODUCER_POSITION;
        this.outClosed = outRing + PRODUCER_CLOSED;
        this.outConsumer = outRing + CONSUMER_POSITION;
        this.outData = outRing + DATA;
        this.inPosition = inRing + PRODUCER_POSITION;
        this.inClosed = inRing + PRODUCER_CLOSED;
        this.inConsumer = inRing + CONSUMER_POSITION;
        this.inData = inRing + DATA;
    }

    /** The wait strategy in use. */
    public WaitStrategy waitStrategy() {
        return wait;
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
        final ByteBuffer b = buffer;
        final long t = tail;
        final long end = align(t + RECORD_HEADER + length);
        if (length > maxRecordPayload) {
            streamIn(b, t, message, length, end);
            return;
        }
        // Room for this record and the next record's header slot.
        if (end + RECORD_HEADER - consumerCache > capacity) {
            consumerCache = awaitSpace(end + RECORD_HEADER);
        }
        copyIn(b, t + RECORD_HEADER, message, length);
        // Plain store: the next header slot reads "no record" until that record is published. The
        // release store below orders it before this record's header, which the consumer acquires
        // before it looks at the next slot.
        LONG.set(b, outData + ((int) end & mask), NO_RECORD);
        // Release store: the payload and the zeroed next slot become visible before this header;
        // pairs with the getAcquire of the header in receive()/awaitRecord().
        LONG.setRelease(b, outData + ((int) t & mask), RingDescriptor.header(length, ++sendSequence));
        tail = end;
    }

    /**
     * A record that cannot fit in the ring at once: announced by a header with the negated length,
     * then published piece by piece through the producer position as the consumer frees space. The
     * last piece goes out together with the zeroed next header slot, under one release of the
     * record's end, so the consumer can never take the end of the payload for the end of the record;
     * it is kept small enough to fit once the consumer has taken everything published before it.
     */
    private void streamIn(ByteBuffer b, long t, ByteBuffer message, int length, long end) throws IOException {
        if (t + RECORD_HEADER - consumerCache > capacity) {
            consumerCache = awaitSpace(t + RECORD_HEADER);
        }
        // Release store: announces the streamed record; pairs with the getAcquire of the header in
        // receive()/awaitRecord(). Its pieces follow the producer position.
        LONG.setRelease(b, outData + ((int) t & mask), RingDescriptor.header(-length, ++sendSequence));
        final long payloadEnd = t + RECORD_HEADER + length;
        final long lastPiece = Math.min(chunk, capacity - RECORD_HEADER - (end - payloadEnd));
        long p = t + RECORD_HEADER;
        while (payloadEnd - p > lastPiece) {
            long free = capacity - (p - consumerCache);
            if (free <= 0) {
                consumerCache = awaitSpace(p + 1);
                continue;
            }
            int n = (int) Math.min(Math.min(free, payloadEnd - p - lastPiece), chunk);
            copyIn(b, p, message, n);
            p += n;
            // Release store: this piece is readable; pairs with the getAcquire in awaitProducer().
            LONG.setRelease(b, outPosition, p);
        }
        // Everything before p is published, so the consumer can free the room this needs.
        if (end + RECORD_HEADER - consumerCache > capacity) {
            consumerCache = awaitSpace(end + RECORD_HEADER);
        }
        copyIn(b, p, message, (int) (payloadEnd - p));
        // Plain store: the next header slot reads "no record"; ordered by the release store below.
        LONG.set(b, outData + ((int) end & mask), NO_RECORD);
        // Release store: the last piece and the clean next slot; pairs with the getAcquire in
        // awaitProducer(), which waits for the record's end before the consumer looks at that slot.
        LONG.setRelease(b, outPosition, end);
        tail = end;
    }

    /** Copies {@code n} bytes from the message's position into the ring at {@code position}. */
    private void copyIn(ByteBuffer b, long position, ByteBuffer message, int n) {
        final int index = (int) position & mask;
        final int first = Math.min(n, capacity - index);
        final int from = message.position();
        b.put(outData + index, message, from, first);
        if (first < n) {
            b.put(outData, message, from + first, n - first);
        }
        message.position(from + n);
    }

    @Override
    public int receive(ByteBuffer destination) throws IOException {
        if (closing) {
            throw new TransportException(alias() + ": receive on a closed transport");
        }
        final ByteBuffer b = buffer;
        final long h = head;
        final int slot = inData + ((int) h & mask);
        // Acquire load: pairs with the producer's setRelease of the header in send()/streamIn(); the
        // payload written before that store is visible after this load.
        long header = (long) LONG.getAcquire(b, slot);
        if (RingDescriptor.length(header) == 0) {
            header = awaitRecord(slot);
        }
        final int length = RingDescriptor.length(header);
        final int sequence = RingDescriptor.sequence(header);
        if (sequence != receiveSequence + 1 || length > maxRecordPayload || length == Integer.MIN_VALUE) {
            throw corrupt(length, sequence);
        }
        receiveSequence = sequence;
        if (length < 0) {
            return receiveStreamed(b, h, -length, destination);
        }
        final long end = align(h + RECORD_HEADER + length);
        final int room = destination.remaining();
        if (length <= room) {
            copyOut(b, h + RECORD_HEADER, destination, length);
        }
        head = end;
        // Release store: the record's bytes have been copied out and may be overwritten; pairs with
        // the getAcquire in awaitSpace().
        LONG.setRelease(b, inConsumer, end);
        if (length > room) {
            throw Messages.tooLargeToReceive(alias(), length, room);
        }
        return length;
    }

    /** Consumes a streamed record piece by piece; copies it out when it fits the destination. */
    private int receiveStreamed(ByteBuffer b, long h, int length, ByteBuffer destination) throws IOException {
        final long end = align(h + RECORD_HEADER + length);
        final int room = destination.remaining();
        long p = h + RECORD_HEADER;
        // Release store: the header has been read and may be overwritten, which the producer may
        // need before it can publish anything; pairs with the getAcquire in awaitSpace().
        LONG.setRelease(b, inConsumer, p);
        int remaining = length;
        while (remaining > 0) {
            if (producerCache <= p) {
                producerCache = awaitProducer(p + 1);
            }
            int n = (int) Math.min(Math.min(producerCache - p, remaining), chunk);
            if (length <= room) {
                copyOut(b, p, destination, n);
            }
            p += n;
            remaining -= n;
            // Release store: this piece may be overwritten; pairs with the getAcquire in awaitSpace().
            LONG.setRelease(b, inConsumer, p);
        }
        if (producerCache < end) {
            producerCache = awaitProducer(end);
        }
        head = end;
        // Release store: the whole record may be overwritten; pairs with the getAcquire in awaitSpace().
        LONG.setRelease(b, inConsumer, end);
        if (length > room) {
            throw Messages.tooLargeToReceive(alias(), length, room);
        }
        return length;
    }

    private TransportException corrupt(int length, int sequence) {
        try {
            close();
        } catch (IOException ignored) {
            // the corruption is what the caller must hear about
        }
        return new TransportException(alias() + ": the ring is corrupt: record " + sequence + " of length " + length
                + " where record " + (receiveSequence + 1) + " was due; the transport is now closed");
    }

    /** Copies {@code n} bytes from the ring at {@code position} to the destination's position. */
    private void copyOut(ByteBuffer b, long position, ByteBuffer destination, int n) {
        final int index = (int) position & mask;
        final int first = Math.min(n, capacity - index);
        final int to = destination.position();
        destination.put(to, b, inData + index, first);
        if (first < n) {
            destination.put(to + first, b, inData, n - first);
        }
        destination.position(to + n);
    }

    /** Waits until the header slot at {@code slot} holds a record; returns the header. */
    private long awaitRecord(int slot) throws IOException {
        final ByteBuffer b = buffer;
        final WaitStrategy w = wait;
        int idle = 0;
        int sinceCheck = 0;
        long started = 0;
        while (true) {
            w.idle(idle);
            if (idle < IDLE_CAP) {
                idle++;
            }
            // Acquire load: pairs with the producer's setRelease of the header in send()/streamIn().
            long header = (long) LONG.getAcquire(b, slot);
            if (RingDescriptor.length(header) != 0) {
                return header;
            }
            // Acquire load: pairs with the setRelease in beforeClose() on the other end; a record
            // published before the close is still delivered.
            if ((long) LONG.getAcquire(b, inClosed) != 0) {
                header = (long) LONG.getAcquire(b, slot);
                if (RingDescriptor.length(header) != 0) {
                    return header;
                }
                throw peerClosed("");
            }
            if (++sinceCheck == CHECK_EVERY) {
                sinceCheck = 0;
                started = check(started, "receive", false);
            }
        }
    }

    /** Waits until the producer position of the "in" ring reaches {@code needed}; returns it. */
    private long awaitProducer(long needed) throws IOException {
        final ByteBuffer b = buffer;
        final WaitStrategy w = wait;
        int idle = 0;
        int sinceCheck = 0;
        long started = 0;
        while (true) {
            // Acquire load: pairs with the producer's setRelease in streamIn(); the bytes it
            // published before that store are visible after this load.
            long p = (long) LONG.getAcquire(b, inPosition);
            if (p >= needed) {
                return p;
            }
            // Acquire load: pairs with the setRelease in beforeClose() on the other end.
            if ((long) LONG.getAcquire(b, inClosed) != 0) {
                throw peerClosed(" in the middle of a streamed message");
            }
            w.idle(idle);
            if (idle < IDLE_CAP) {
                idle++;
            }
            if (++sinceCheck == CHECK_EVERY) {
                sinceCheck = 0;
                started = check(started, "receive", false);
            }
        }
    }

    /** Waits until the consumer of the "out" ring has freed up to {@code position}; returns its position. */
    private long awaitSpace(long position) throws IOException {
        final ByteBuffer b = buffer;
        final WaitStrategy w = wait;
        final long needed = position - capacity;
        int idle = 0;
        int sinceCheck = 0;
        long started = 0;
        while (true) {
            // Acquire load: pairs with the consumer's setRelease in receive()/receiveStreamed(); once
            // seen, the bytes before it have been copied out and may be overwritten.
            long c = (long) LONG.getAcquire(b, outConsumer);
            if (c >= needed) {
                return c;
            }
            // Acquire load: pairs with the setRelease in beforeClose() on the other end.
            if ((long) LONG.getAcquire(b, inClosed) != 0) {
                throw peerClosed(" while this side waited for room to send");
            }
            w.idle(idle);
            if (idle < IDLE_CAP) {
                idle++;
            }
            if (++sinceCheck == CHECK_EVERY) {
                sinceCheck = 0;
                started = check(started, "send", true);
            }
        }
    }

    /**
     * The slow-path checks while waiting: closed, deadline, peer alive. Returns the wait's start.
     *
     * @param sending which side waits: each keeps its own liveness clock, in its own fields
     */
    private long check(long started, String operation, boolean sending) throws IOException {
        if (closing) {
            throw new TransportException(alias() + ": " + operation + " on a closed transport");
        }
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

    /** Marks this end's ring closed, so the other end sees end of stream after what was sent. */
    @Override
    protected void beforeClose() {
        closing = true;
        // Release store: everything published before it stays readable; pairs with the getAcquire of
        // the closed flag in the other end's awaitRecord()/awaitProducer()/awaitSpace().
        LONG.setRelease(buffer, outClosed, 1L);
    }
}

/*
 * Padding, as JCTools pads its queues: the JVM lays out a superclass's fields before its
 * subclass's, so 128 bytes of padding between the groups keep the sending thread's fields and the
 * receiving thread's fields on cache lines of their own (128, not 64: the adjacent-line prefetcher
 * fetches lines in pairs).
 */

/** Padding before the producer's fields. */
abstract class RingPadBeforeProducer extends AbstractTransport {
    long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p0a, p0b, p0c, p0d, p0e, p0f;

    RingPadBeforeProducer(String alias, TransportOptions options, List<? extends Closeable> resources) {
        super(alias, options, resources);
    }
}

/** What only the sending thread reads and writes. */
abstract class RingProducerFields extends RingPadBeforeProducer {
    /** Our producer position: where the next record goes. */
    long tail;
    /** The consumer position last read: what is known to be free. */
    long consumerCache;

    long sendLivenessCheck;
    int sendSequence;

    RingProducerFields(String alias, TransportOptions options, List<? extends Closeable> resources) {
        super(alias, options, resources);
    }
}

/** Padding between the producer's fields and the consumer's. */
abstract class RingPadBetween extends RingProducerFields {
    long p10, p11, p12, p13, p14, p15, p16, p17, p18, p19, p1a, p1b, p1c, p1d, p1e, p1f;

    RingPadBetween(String alias, TransportOptions options, List<? extends Closeable> resources) {
        super(alias, options, resources);
    }
}

/** What only the receiving thread reads and writes. */
abstract class RingConsumerFields extends RingPadBetween {
    /** Our consumer position: where the next record starts. */
    long head;
    /** The producer position last read, while a record streams through. */
    long producerCache;

    long receiveLivenessCheck;
    int receiveSequence;

    RingConsumerFields(String alias, TransportOptions options, List<? extends Closeable> resources) {
        super(alias, options, resources);
    }
}

/** Padding after the consumer's fields. */
abstract class RingPadAfterConsumer extends RingConsumerFields {
    long p20, p21, p22, p23, p24, p25, p26, p27, p28, p29, p2a, p2b, p2c, p2d, p2e, p2f;

    RingPadAfterConsumer(String alias, TransportOptions options, List<? extends Closeable> resources) {
        super(alias, options, resources);
    }
}
