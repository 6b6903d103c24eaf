package dev.ipcbench.bench;

import dev.ipcbench.peer.PeerMode;
import dev.ipcbench.peer.SinkProtocol;
import dev.ipcbench.transport.Sizes;
import dev.ipcbench.transport.Transport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One-way throughput: a stream of {@code size}-byte messages to a peer process in sink mode.
 *
 * <p>One invocation sends {@value #BATCH} messages and a sync request, then waits for the sink's
 * acknowledgement of that batch (see {@link SinkProtocol}), so every message counted was delivered.
 * The primary score is messages sent per second; the {@link Delivered} counters {@code messages}
 * and {@code bytes} are what the sink acknowledged, per second; {@link Loss#lost} counts messages
 * lost (only unreliable transports such as {@code udp} can lose any).
 *
 * <p>Reliable transports must deliver everything: an acknowledgement that counts fewer messages or
 * bytes than were sent fails the run. Unreliable transports wait at most {@value #ACK_WAIT_MILLIS} ms
 * for the acknowledgement: a lost datagram or acknowledgement costs that wait, never a hang. The
 * accounting is cumulative: messages not yet acknowledged when the wait ends count as lost for now,
 * and a later acknowledgement whose cumulative totals prove some of them arrived credits them back;
 * no message is counted twice. {@code lost} in one iteration is the change of the running loss
 * estimate during it, so the sum over iterations is the loss over the measurement.
 *
 * <p>A combination that cannot run here (see {@link Combinations}) fails its setup with the
 * reason, and JMH goes on with the others. The peer is started once per trial and always ended.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(ThroughputBenchmark.BATCH)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ThroughputBenchmark extends ChannelBenchmark {

    /** Messages per invocation, between two acknowledgements. */
    public static final int BATCH = 64;

    /** How long an unreliable transport waits for an acknowledgement before counting a loss. */
    public static final int ACK_WAIT_MILLIS = 200;

    private static final Duration ACK_WAIT = Duration.ofMillis(ACK_WAIT_MILLIS);
    private static final long ACK_WAIT_NANOS = ACK_WAIT.toNanos();
    private static final int ACK_BUFFER = 256;

    /**
     * Delivered messages and bytes, as acknowledged by the sink; JMH reports them per second.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Delivered {
        /** Messages the sink acknowledged during this iteration. */
        public long messages;

        /** Bytes the sink acknowledged during this iteration. */
        public long bytes;

        /** Starts each iteration from zero. */
        @Setup(Level.Iteration)
        public void reset() {
            messages = 0;
            bytes = 0;
        }
    }

    /** Messages lost; JMH reports the sum over the measurement iterations. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Loss {
        /** Change of the running loss estimate during this iteration (see the class comment). */
        public long lost;

        /** Starts each iteration from zero. */
        @Setup(Level.Iteration)
        public void reset() {
            lost = 0;
        }
    }

    private Transport channel;
    private boolean reliable;
    private ByteBuffer data;
    private ByteBuffer sync;
    private ByteBuffer ack;
    private String context;
    private AckLedger ledger;
    /** Number of the last sync request. */
    private long batch;

    /** Checks the combination, starts the sink peer, and prepares the payload. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Combinations combinations = Combinations.load();
        channel = openChannel(combinations, PeerMode.SINK);
        reliable = combinations.reliable(transport);
        context = transport + " " + Sizes.format(size) + " (wait " + wait + ")";
        data = Payload.allocate(size, 0);
        sync = ByteBuffer.allocateDirect(SinkProtocol.SYNC_LENGTH);
        ack = ByteBuffer.allocateDirect(ACK_BUFFER);
        ledger = new AckLedger(context);
        batch = 0;
    }

    /** Ends the peer process (or thread); runs even when the trial failed. */
    @TearDown(Level.Trial)
    public void tearDown() {
        channel = null;
        closeChannel();
    }

    /** Sends one batch and waits for its acknowledgement. */
    @Benchmark
    public void stream(Delivered delivered, Loss loss) throws IOException {
        final Transport t = channel;
        final ByteBuffer d = data;
        final AckLedger l = ledger;
        final int n = size;
        for (int i = 0; i < BATCH; i++) {
            d.limit(n).position(0);
            t.send(d);
        }
        l.recordSent(BATCH, (long) BATCH * n);
        final long b = ++batch;
        t.send(SinkProtocol.writeSync(sync, b, l.sent()));
        if (reliable) {
            awaitAck(t, l, b, delivered);
        } else {
            awaitAckOrTimeout(t, l, b, delivered, loss);
        }
    }

    /** Reliable transports: the acknowledgement must come, and must count everything sent. */
    private void awaitAck(Transport t, AckLedger l, long b, Delivered delivered) throws IOException {
        final ByteBuffer a = ack;
        a.clear();
        int length = t.receive(a);
        SinkProtocol.checkAck(a, length);
        long ackBatch = SinkProtocol.ackBatch(a);
        long messages = SinkProtocol.ackMessages(a);
        long bytes = SinkProtocol.ackBytes(a);
        if (ackBatch != b || messages != l.sent() || bytes != l.sentBytes()) {
            throw new IllegalStateException(context + " lost data although it is reliable: sent " + l.sent()
                    + " messages, " + l.sentBytes() + " bytes up to batch " + b + ", but the sink acknowledged batch "
                    + ackBatch + " with " + messages + " messages, " + bytes + " bytes");
        }
        l.credit(messages, bytes, delivered);
    }

    /**
     * Unreliable transports: waits a bounded time for this batch's acknowledgement, crediting what
     * any acknowledgement proves, then updates the loss estimate.
     */
    private void awaitAckOrTimeout(Transport t, AckLedger l, long b, Delivered delivered, Loss loss)
            throws IOException {
        final ByteBuffer a = ack;
        final long deadline = System.nanoTime() + ACK_WAIT_NANOS;
        while (true) {
            a.clear();
            int length = t.receive(a, ACK_WAIT);
            if (length < 0) {
                break; // timed out: whatever is unacknowledged counts as lost for now
            }
            SinkProtocol.checkAck(a, length);
            long ackBatch = SinkProtocol.ackBatch(a);
            if (ackBatch > b) {
                throw new IllegalStateException(context + ": acknowledgement of batch " + ackBatch
                        + ", which was never requested (last request: " + b + ")");
            }
            l.credit(SinkProtocol.ackMessages(a), SinkProtocol.ackBytes(a), delivered);
            if (ackBatch == b || System.nanoTime() - deadline >= 0) {
                break; // a late acknowledgement of an earlier batch only credits; keep waiting for ours
            }
        }
        l.settleLoss(loss);
    }
}
