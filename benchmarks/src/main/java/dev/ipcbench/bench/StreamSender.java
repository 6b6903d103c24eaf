package dev.ipcbench.bench;

import dev.ipcbench.peer.SinkProtocol;
import dev.ipcbench.transport.Transport;
import dev.ipcbench.transport.TransportException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * The sending side of a windowed stream to a sink peer (see {@link SinkProtocol}), as netperf and
 * iperf stream: data messages go out back to back; every half window a sync request asks the sink
 * for its running totals; the sender waits only when a whole window of messages is not yet
 * confirmed. A window of 1 is stop-and-wait: every message waits for its acknowledgement.
 *
 * <p>Everything counted was delivered. A reliable transport's every acknowledgement must count
 * exactly the messages and bytes sent before its sync request, or the stream fails. An unreliable
 * transport's acknowledgement counts what arrived before the request; what was sent before it and
 * did not arrive is lost (loopback does not reorder datagrams). A lost request or acknowledgement
 * costs {@link #ACK_WAIT} and a fresh request, whose cumulative answer covers the lost one; a sink
 * that answers nothing within the I/O deadline fails the stream.
 *
 * <p>Allocates nothing per message. Not thread-safe: one benchmark thread owns it.
 */
final class StreamSender {

    /** How long an unreliable transport waits for an acknowledgement before asking again. */
    static final Duration ACK_WAIT = Duration.ofMillis(20);

    /** Sync requests remembered, a power of two: far more than can be outstanding. */
    private static final int REQUESTS = 256;

    private static final int ACK_BUFFER = 256;

    private final Transport transport;
    private final boolean reliable;
    private final int size;
    private final int window;
    private final int syncEvery;
    private final long deadlineNanos;
    private final String context;
    private final ByteBuffer data;
    private final ByteBuffer sync = ByteBuffer.allocateDirect(SinkProtocol.SYNC_LENGTH);
    private final ByteBuffer ack = ByteBuffer.allocateDirect(ACK_BUFFER);
    /** Messages and bytes sent before each sync request, by batch number modulo {@link #REQUESTS}. */
    private final long[] requestMessages = new long[REQUESTS];

    private final long[] requestBytes = new long[REQUESTS];

    private long sent;
    private long sentBytes;
    private int sinceRequest;
    /** The newest sync request's batch number (batches start at 1). */
    private long requested;
    /** The newest acknowledged batch, and the messages sent before its request. */
    private long confirmedBatch;

    private long confirmed;
    /** The sink's cumulative totals in the newest acknowledgement. */
    private long acked;

    private long ackedBytes;
    private long lossReported;

    /**
     * @param data the payload, {@code size} bytes from position 0, sent again and again
     * @param window messages that may be unconfirmed at once, at least 1
     * @param ioTimeout how long an unreliable transport may go without any acknowledgement
     * @param context names the stream in error messages, for example {@code udp 1 KiB}
     */
    StreamSender(
            Transport transport,
            boolean reliable,
            ByteBuffer data,
            int size,
            int window,
            Duration ioTimeout,
            String context) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be at least 1 message: " + window);
        }
        this.transport = transport;
        this.reliable = reliable;
        this.data = data;
        this.size = size;
        this.window = window;
        this.syncEvery = Math.max(1, window / 2);
        this.deadlineNanos = ioTimeout.isZero() ? Long.MAX_VALUE : ioTimeout.toNanos();
        this.context = context;
    }

    /** Messages sent so far. */
    long sent() {
        return sent;
    }

    /** The window, in messages. */
    int window() {
        return window;
    }

    /** Sends one data message, first waiting while a whole window is unconfirmed. */
    void send(ThroughputBenchmark.Delivered delivered, ThroughputBenchmark.Loss loss) throws IOException {
        while (sent - confirmed >= window) {
            awaitAcknowledgement(delivered, loss);
        }
        final ByteBuffer d = data;
        d.limit(size).position(0);
        transport.send(d);
        sent++;
        sentBytes += size;
        if (++sinceRequest == syncEvery) {
            request();
        }
    }

    /**
     * Waits until everything sent is acknowledged: afterwards nothing is in flight, {@code
     * delivered} has been credited with every message that arrived and {@code loss} with every one
     * that did not.
     */
    void drain(ThroughputBenchmark.Delivered delivered, ThroughputBenchmark.Loss loss) throws IOException {
        if (sinceRequest > 0) {
            request();
        }
        while (confirmedBatch < requested) {
            awaitAcknowledgement(delivered, loss);
        }
    }

    /** Whether messages are in flight or unacknowledged requests outstanding. */
    boolean inFlight() {
        return sinceRequest > 0 || confirmedBatch < requested;
    }

    private void request() throws IOException {
        final long b = ++requested;
        requestMessages[(int) b & (REQUESTS - 1)] = sent;
        requestBytes[(int) b & (REQUESTS - 1)] = sentBytes;
        sinceRequest = 0;
        transport.send(SinkProtocol.writeSync(sync, b, sent));
    }

    private void awaitAcknowledgement(ThroughputBenchmark.Delivered delivered, ThroughputBenchmark.Loss loss)
            throws IOException {
        final ByteBuffer a = ack;
        a.clear();
        if (reliable) {
            accept(a, transport.receive(a), delivered, loss);
            return;
        }
        final long started = System.nanoTime();
        while (true) {
            a.clear();
            int length = transport.receive(a, ACK_WAIT);
            if (length >= 0) {
                accept(a, length, delivered, loss);
                return;
            }
            if (System.nanoTime() - started > deadlineNanos) {
                throw new TransportException(context + ": the sink acknowledged nothing within "
                        + Duration.ofNanos(deadlineNanos).toMillis() + " ms (requests up to batch " + requested
                        + " unanswered)");
            }
            // The request or its answer was lost: a fresh request's answer covers everything before it.
            request();
        }
    }

    private void accept(
            ByteBuffer a, int length, ThroughputBenchmark.Delivered delivered, ThroughputBenchmark.Loss loss) {
        SinkProtocol.checkAck(a, length);
        final long b = SinkProtocol.ackBatch(a);
        final long messages = SinkProtocol.ackMessages(a);
        final long bytes = SinkProtocol.ackBytes(a);
        if (b > requested || b < 1) {
            throw new IllegalStateException(context + ": acknowledgement of batch " + b
                    + ", which was never requested (last request: " + requested + ")");
        }
        if (b <= confirmedBatch || requested - b >= REQUESTS) {
            return; // late, repeated, or too old to check: a newer answer will come
        }
        final long before = requestMessages[(int) b & (REQUESTS - 1)];
        final long bytesBefore = requestBytes[(int) b & (REQUESTS - 1)];
        if (messages > before || bytes > bytesBefore || messages < acked || bytes < ackedBytes) {
            throw new IllegalStateException(context + ": the sink acknowledged " + messages + " messages, " + bytes
                    + " bytes at batch " + b + ", which is impossible: " + before + " messages, " + bytesBefore
                    + " bytes were sent before that request and " + acked + " were acknowledged before");
        }
        if (reliable && (b != confirmedBatch + 1 || messages != before || bytes != bytesBefore)) {
            throw new IllegalStateException(context + " lost data although it is reliable: " + before + " messages, "
                    + bytesBefore + " bytes were sent before request " + b + ", but the sink acknowledged " + messages
                    + " messages, " + bytes + " bytes" + (b != confirmedBatch + 1 ? " out of order" : ""));
        }
        delivered.deliveredMessages += messages - acked;
        delivered.deliveredBytes += bytes - ackedBytes;
        acked = messages;
        ackedBytes = bytes;
        confirmedBatch = b;
        confirmed = before;
        final long lost = before - messages;
        loss.lostMessages += lost - lossReported;
        lossReported = lost;
    }
}
