package dev.ipcbench.bench;

import dev.ipcbench.peer.PeerMode;
import dev.ipcbench.transport.Sizes;
import dev.ipcbench.transport.Transport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Round-trip latency: one message of {@code size} bytes to a peer process in echo mode and back,
 * one operation per round trip. The {@value Combinations#BASELINE} baseline does the same between
 * two threads of this JVM, so the difference is what crossing a process boundary costs.
 *
 * <p>Every reply is checked: its length always, its last byte always, and its CRC32C on the first
 * round trip and every 1024th after, so a transport that corrupts or truncates messages fails the
 * run instead of posting a number.
 *
 * <p>This is a closed loop (ping-pong): the next message leaves only after the previous reply came
 * back, so a slow round trip delays the ones behind it instead of queueing them. The SampleTime
 * percentiles therefore hide queueing delay (coordinated omission); read them as the latency of
 * one exchange on an idle channel, not as the latency under load.
 *
 * <p>A combination that cannot run here (see {@link Combinations}) fails its setup with the
 * reason, and JMH goes on with the others. The peer is started once per trial and always ended.
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RoundTripBenchmark extends ChannelBenchmark {

    /** Every how many round trips the whole reply's checksum is checked (a power of two). */
    static final int VERIFY_EVERY = 1024;

    /** Spare room in the receive buffer, so a reply that is too long is reported as such. */
    private static final int RECEIVE_SLACK = 64;

    private Transport channel;
    private ByteBuffer sendBuffer;
    private ByteBuffer receiveBuffer;
    private CRC32C crc;
    private int expectedChecksum;
    private byte lastByte;
    private long roundTrips;

    /** Checks the combination, starts the echo peer, and prepares the payload. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Combinations combinations = Combinations.load();
        channel = openChannel(combinations, PeerMode.ECHO);
        sendBuffer = Payload.allocate(size, 0);
        receiveBuffer = ByteBuffer.allocateDirect(combinations.receiveBuffer(transport, size, RECEIVE_SLACK));
        expectedChecksum = Payload.checksum(sendBuffer, size);
        lastByte = sendBuffer.get(size - 1);
        crc = new CRC32C();
        roundTrips = 0;
    }

    /** Ends the peer process (or thread); runs even when the trial failed. */
    @TearDown(Level.Trial)
    public void tearDown() {
        channel = null;
        closeChannel();
    }

    /** One round trip; returns the reply's length. */
    @Benchmark
    public int roundTrip() throws IOException {
        final Transport t = channel;
        final ByteBuffer out = sendBuffer;
        final ByteBuffer in = receiveBuffer;
        final int n = size;
        out.limit(n).position(0);
        t.send(out);
        in.clear();
        final int received = t.receive(in);
        if (received != n || in.get(n - 1) != lastByte) {
            throw badReply(received);
        }
        if ((roundTrips++ & (VERIFY_EVERY - 1)) == 0) {
            verify(in, received);
        }
        return received;
    }

    private void verify(ByteBuffer in, int received) {
        int actual = Payload.checksum(crc, in, received);
        if (actual != expectedChecksum) {
            int at = Payload.firstDifference(in, sendBuffer, received);
            throw new IllegalStateException(transport + " " + Sizes.format(size) + " (wait " + wait
                    + "): the reply differs from the message sent, first at byte " + at + " (CRC32C "
                    + Integer.toHexString(actual) + ", expected " + Integer.toHexString(expectedChecksum) + ")");
        }
    }

    private IllegalStateException badReply(int received) {
        if (received != size) {
            return new IllegalStateException(transport + " " + Sizes.format(size) + " (wait " + wait
                    + "): the reply is " + received + " bytes long, not " + size);
        }
        return new IllegalStateException(transport + " " + Sizes.format(size) + " (wait " + wait
                + "): the reply's last byte differs from the message sent");
    }
}
