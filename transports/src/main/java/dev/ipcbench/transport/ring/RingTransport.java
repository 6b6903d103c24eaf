package dev.ipcbench.transport.ring;

import static dev.ipcbench.transport.ring.RingDescriptor.CONSUMER_POSITION;
import static dev.ipcbench.transport.ring.RingDescriptor.DATA;
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
 * and consumes from the other. One thread may send while another receives.
 *
 * <p>Hot path: a small message is one bounds check, one copy in, and one release store on the
 * sending side; one acquire load, one copy out, and one release store on the receiving side. No
 * system call, no allocation, no clock read. Only when it has to wait does a side call its {@link
 * WaitStrategy}, and every 128 waits it checks its deadline, whether it was closed, and (at most
 * every 50 ms) whether the peer process is alive.
 */
public final class RingTransport extends AbstractTransport {

    /** Plain, acquire and release access to 8-byte counters in the shared buffer. */
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private static final int CHECK_EVERY = 128;
    private static final int IDLE_CAP = 1 << 24;
    private static final long LIVENESS_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final ByteBuffer buffer;
    private final int capacity;
    private final int mask;
    private final int maxMessage;
    private final int chunk;
    private final WaitStrategy wait;
    private final long timeoutNanos;
    private volatile ProcessHandle peerProcess;
    private volatile boolean closing;

    // Producing side (ring "out"): absolute offsets in the buffer.
    private final int outPosition;
    private final int outClosed;
    private final int outConsumer;
    private final int outData;
    private long tail; // our producer position, published or not
    private long consumerCache; // last consumer position seen
    private int sendSequence;

    // Consuming side (ring "in").
    private final int inPosition;
    private final int inClosed;
    private final int inConsumer;
    private final int inData;
    private long head; // our consumer position
    private long producerCache; // last producer position seen
    private int receiveSequence;

    private long lastLivenessCheck;

    /**
     * @param buffer the whole shared region (header and both rings)
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
        // Resume from the shared counters (zero for a new channel).
        this.tail = (long) LONG.getAcquire(this.buffer, outPosition);
        this.consumerCache = (long) LONG.getAcquire(this.buffer, outConsumer);
        this.head = (long) LONG.getAcquire(this.buffer, inConsumer);
        this.producerCache = (long) LONG.getAcquire(this.buffer, inPosition);
    }

    /** Sets the process checked for liveness while waiting. */
    void peer(ProcessHandle process) {
        this.peerProcess = process;
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
        long t = tail;
        final long end = align(t + RECORD_HEADER + length);
        // Room for the whole record, or for its header when it must stream through in pieces.
        final long needed = end - t <= capacity ? end : t + RECORD_HEADER;
        if (needed - consumerCache > capacity) {
            consumerCache = awaitSpace(needed);
        }
        final int index = (int) t & mask;
        b.putInt(outData + index, length);
        b.putInt(outData + index + 4, ++sendSequence);
        if (end - t <= capacity) {
            copyIn(b, t + RECORD_HEADER, message, length);
            tail = end;
            // Release store: the header and payload written above become visible to the consumer
            // before the new position; pairs with the getAcquire in awaitData().
            LONG.setRelease(b, outPosition, end);
            return;
        }
        streamIn(b, t + RECORD_HEADER, message, length, end);
    }

    /** A record larger than the ring: published piece by piece as the consumer frees space. */
    private void streamIn(ByteBuffer b, long position, ByteBuffer message, int length, long end) throws IOException {
        long t = position;
        int remaining = length;
        while (remaining > 0) {
            long free = capacity - (t - consumerCache);
            if (free <= 0) {
                // Release store: publish what is written before waiting, or both sides wait forever;
                // pairs with the getAcquire in awaitData().
                LONG.setRelease(b, outPosition, t);
                consumerCache = awaitSpace(t + 1);
                free = capacity - (t - consumerCache);
            }
            int n = (int) Math.min(Math.min(free, remaining), chunk);
            copyIn(b, t, message, n);
            t += n;
            remaining -= n;
            // Release store: this piece is readable; pairs with the getAcquire in awaitData().
            LONG.setRelease(b, outPosition, t);
        }
        if (end - consumerCache > capacity) {
            consumerCache = awaitSpace(end);
        }
        tail = end;
        // Release store: the padding is skipped; pairs with the getAcquire in awaitData().
        LONG.setRelease(b, outPosition, end);
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
        long h = head;
        if (producerCache - h < RECORD_HEADER) {
            producerCache = awaitData(h + RECORD_HEADER);
        }
        final int index = (int) h & mask;
        final int length = b.getInt(inData + index);
        final int sequence = b.getInt(inData + index + 4);
        if (sequence != receiveSequence + 1 || length < 1) {
            close();
            throw new TransportException(alias() + ": the ring is corrupt: record " + sequence + " of length " + length
                    + " where record " + (receiveSequence + 1) + " was due; the transport is now closed");
        }
        receiveSequence = sequence;
        final long end = align(h + RECORD_HEADER + length);
        final int room = destination.remaining();
        if (length > room) {
            streamOut(b, h + RECORD_HEADER, null, length, end);
            throw Messages.tooLargeToReceive(alias(), length, room);
        }
        if (producerCache >= h + RECORD_HEADER + length) {
            copyOut(b, h + RECORD_HEADER, destination, length);
            head = end;
            // Release store: the record's bytes have been copied out and may be overwritten;
            // pairs with the getAcquire in awaitSpace().
            LONG.setRelease(b, inConsumer, end);
            return length;
        }
        streamOut(b, h + RECORD_HEADER, destination, length, end);
        return length;
    }

    /** Consumes a record that is not all there yet; copies it out unless {@code destination} is null. */
    private void streamOut(ByteBuffer b, long position, ByteBuffer destination, int length, long end)
            throws IOException {
        long h = position;
        int remaining = length;
        while (remaining > 0) {
            long available = producerCache - h;
            if (available <= 0) {
                // Release store: hand back what was consumed before waiting, or a producer streaming a
                // large record waits forever; pairs with the getAcquire in awaitSpace().
                LONG.setRelease(b, inConsumer, h);
                producerCache = awaitData(h + 1);
                available = producerCache - h;
            }
            int n = (int) Math.min(Math.min(available, remaining), chunk);
            if (destination != null) {
                copyOut(b, h, destination, n);
            }
            h += n;
            remaining -= n;
            // Release store: this piece may be overwritten; pairs with the getAcquire in awaitSpace().
            LONG.setRelease(b, inConsumer, h);
        }
        head = end;
        // Release store: past the padding; pairs with the getAcquire in awaitSpace().
        LONG.setRelease(b, inConsumer, end);
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

    /** Waits until the producer position of the "in" ring reaches {@code needed}; returns it. */
    private long awaitData(long needed) throws IOException {
        final ByteBuffer b = buffer;
        final WaitStrategy w = wait;
        int idle = 0;
        long started = 0;
        while (true) {
            // Acquire load: pairs with the producer's setRelease in send()/streamIn(); the bytes it
            // published before that store are visible after this load.
            long p = (long) LONG.getAcquire(b, inPosition);
            if (p >= needed) {
                return p;
            }
            // Acquire load: pairs with the setRelease in close() on the other end.
            if ((long) LONG.getAcquire(b, inClosed) != 0) {
                p = (long) LONG.getAcquire(b, inPosition);
                if (p >= needed) {
                    return p;
                }
                throw peerClosed("");
            }
            w.idle(idle);
            if (idle < IDLE_CAP) {
                idle++;
            }
            if (idle % CHECK_EVERY == 0) {
                started = check(started, "receive");
            }
        }
    }

    /** Waits until the consumer of the "out" ring has freed up to {@code position}; returns its position. */
    private long awaitSpace(long position) throws IOException {
        final ByteBuffer b = buffer;
        final WaitStrategy w = wait;
        final long needed = position - capacity;
        int idle = 0;
        long started = 0;
        while (true) {
            // Acquire load: pairs with the consumer's setRelease in receive()/streamOut(); once seen,
            // the bytes before it have been copied out and may be overwritten.
            long c = (long) LONG.getAcquire(b, outConsumer);
            if (c >= needed) {
                return c;
            }
            // Acquire load: pairs with the setRelease in close() on the other end.
            if ((long) LONG.getAcquire(b, inClosed) != 0) {
                throw peerClosed(" while this side waited for room to send");
            }
            w.idle(idle);
            if (idle < IDLE_CAP) {
                idle++;
            }
            if (idle % CHECK_EVERY == 0) {
                started = check(started, "send");
            }
        }
    }

    /** The slow-path checks while waiting: closed, deadline, peer alive. Returns the wait's start. */
    private long check(long started, String operation) throws IOException {
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
        if (p != null && now - lastLivenessCheck > LIVENESS_NANOS) {
            lastLivenessCheck = now;
            if (!p.isAlive()) {
                throw new PeerClosedException(
                        alias() + ": " + operation + " failed, the peer process (pid " + p.pid() + ") has exited");
            }
        }
        return started;
    }

    /** Marks this end's ring closed, so the other end sees end of stream after what was sent. */
    @Override
    protected void beforeClose() {
        closing = true;
        // Release store: everything published before it stays readable; pairs with the getAcquire of
        // the closed flag in the other end's awaitData()/awaitSpace().
        LONG.setRelease(buffer, outClosed, 1L);
    }
}
