package dev.ipcbench.bench;

import dev.ipcbench.peer.PeerMode;
import dev.ipcbench.transport.Sizes;
import dev.ipcbench.transport.Transport;
import dev.ipcbench.transport.TransportOptions;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Control;

/**
 * One-way throughput: a stream of {@code size}-byte messages to a peer process in sink mode, sent
 * without waiting for each one (see {@link StreamSender}): the sender waits only when {@code window}
 * messages are unconfirmed, and flow control (a full pipe, socket buffer or ring) holds it back
 * otherwise.
 *
 * <p>One operation is one message. At the end of every iteration, warm-up included, the last
 * invocation asks the sink for its totals and waits for them, inside the timed loop, so the
 * iteration's time runs from its first send to the acknowledgement of its last message and the
 * primary score (messages/s) counts only messages the sink confirmed: for reliable transports every
 * one, checked against what was sent at every acknowledgement. The aux counters {@code
 * deliveredMessages} and {@code deliveredBytes} are what the sink acknowledged, per second; {@code
 * lostMessages} counts messages sent and never received (only unreliable transports such as {@code
 * udp} can lose any; their default window keeps within the receiver's socket buffer, so loss means
 * something else went wrong). In the rare case that JMH ends the loop before the benchmark sees
 * the end of the iteration, the iteration's teardown waits for the last acknowledgements untimed:
 * at most one window of messages, a small fraction of an iteration at the default window.
 *
 * <p>{@code window}: messages in flight, {@value #AUTO} (the default: {@value #AUTO_BYTES} bytes'
 * worth, from {@value #MIN_AUTO} to {@value #MAX_AUTO} messages, and never more than the transport
 * can queue without loss), or a number; {@code 1} is stop-and-wait, a round trip per message.
 *
 * <p>A combination that cannot run here (see {@link Combinations}) fails its setup with the
 * reason, and JMH goes on with the others. The peer is started once per trial and always ended.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ThroughputBenchmark extends ChannelBenchmark {

    /** The {@code window} value that picks a window for the transport and size. */
    public static final String AUTO = "auto";

    /** Bytes in flight the automatic window aims at. */
    public static final int AUTO_BYTES = 8 << 20;

    /** The automatic window's bounds, in messages. */
    public static final int MIN_AUTO = 8;

    public static final int MAX_AUTO = 4096;

    /** Messages in flight: {@value #AUTO} or a positive number. */
    @Param({AUTO})
    public String window;

    /** Delivered messages and bytes, as acknowledged by the sink; JMH reports them per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Delivered {
        /** Messages the sink acknowledged during this iteration. */
        public long deliveredMessages;

        /** Bytes the sink acknowledged during this iteration. */
        public long deliveredBytes;
    }

    /** Messages lost; JMH reports the sum over the measurement iterations. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Loss {
        /** Messages sent during this iteration (or just before) that the sink never received. */
        public long lostMessages;
    }

    private StreamSender sender;
    private Delivered delivered;
    private Loss loss;

    /** Checks the combination, starts the sink peer, and prepares the payload. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Combinations combinations = Combinations.load();
        int messages = parseWindow(combinations);
        Transport channel = openChannel(combinations, PeerMode.SINK);
        sender = new StreamSender(
                channel,
                combinations.reliable(transport),
                Payload.allocate(size, 0),
                size,
                messages,
                TransportOptions.DEFAULT_IO_TIMEOUT,
                transport + " " + Sizes.format(size) + " (wait " + wait + ", window " + messages + ")");
    }

    /** The window this combination runs with. */
    private int parseWindow(Combinations combinations) {
        if (AUTO.equals(window)) {
            return autoWindow(size, combinations.maxInFlight(transport, size));
        }
        try {
            int w = Integer.parseInt(window);
            if (w >= 1) {
                return w;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(
                "window must be " + AUTO + " or a number of messages, at least 1; got '" + window + "'");
    }

    /** The automatic window for messages of {@code size} bytes over a transport that can queue {@code limit}. */
    static int autoWindow(int size, int limit) {
        int messages = Math.max(MIN_AUTO, Math.min(MAX_AUTO, AUTO_BYTES / size));
        return Math.max(1, Math.min(messages, limit));
    }

    /** Ends the peer process (or thread); runs even when the trial failed. */
    @TearDown(Level.Trial)
    public void tearDown() {
        sender = null;
        closeChannel();
    }

    /** Sends one message; the last invocation of an iteration waits for everything to be confirmed. */
    @Benchmark
    public void stream(Control control, Delivered delivered, Loss loss) throws IOException {
        final StreamSender s = sender;
        s.send(delivered, loss);
        if (control.stopMeasurement) {
            s.drain(delivered, loss);
        }
        this.delivered = delivered;
        this.loss = loss;
    }

    /**
     * Nothing may be in flight between iterations: when JMH ended the loop before {@link #stream}
     * saw the end, the last acknowledgements are awaited here, untimed.
     */
    @TearDown(Level.Iteration)
    public void settle() throws IOException {
        StreamSender s = sender;
        if (s != null && delivered != null && s.inFlight()) {
            s.drain(delivered, loss);
        }
    }
}
