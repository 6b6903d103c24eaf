package dev.ipcbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ipcbench.os.Placement;
import dev.ipcbench.peer.PeerLoops;
import dev.ipcbench.report.OpenLoopFile;
import dev.ipcbench.transport.Transport;
import dev.ipcbench.transport.inproc.InProcessPair;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The open loop's behaviour over an in-process channel and through its program: every message sent
 * is received, checked and recorded once; a sender that cannot keep up stops and says so; a wrong
 * reply fails the rate. Nothing here asserts on timing.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OpenLoopTest {

    private static final Duration NEVER = Duration.ofSeconds(60);
    private static final OpenLoop.CpuClock NO_CPU = new OpenLoop.CpuClock() {
        @Override
        public long self() {
            return -1;
        }

        @Override
        public long peer() {
            return -1;
        }
    };

    private InProcessPair pair;
    private Thread echo;

    @BeforeEach
    void echoPeer() throws IOException {
        pair = InProcessPair.open(Combinations.options("backoff"));
        Transport other = pair.right();
        echo = new Thread(
                () -> {
                    try {
                        PeerLoops.echo(other, ByteBuffer.allocateDirect(64 * 1024));
                    } catch (IOException | RuntimeException e) {
                        // closed at the end of the test
                    }
                },
                "test-echo");
        echo.setDaemon(true);
        echo.start();
    }

    @AfterEach
    void close() throws Exception {
        pair.close();
        echo.join(5_000);
    }

    @Test
    void everyScheduledMessageIsReceivedAndTimedFromWhenItWasDue() throws IOException {
        OpenLoop loop = new OpenLoop(pair.left(), 64, 128, "inproc 64 B", NO_CPU);
        OpenLoop.Measurement m = loop.run(OfferedRate.parse("20k"), 2_000, Duration.ofMillis(100), NEVER, 8);
        assertEquals(2_000, m.sent());
        assertEquals(2_000, m.latency().getTotalCount(), "one latency per reply");
        assertEquals(2_000, m.lag().getTotalCount(), "one send lag per message");
        assertFalse(m.fellBehind());
        assertTrue(m.achievedPerSecond() > 0, "a rate: " + m.achievedPerSecond());
        assertTrue(m.latency().getMinValue() >= m.lag().getMinValue(), "the latency includes the send lag");
        assertEquals(-1, m.cpuSelf(), "unknown CPU stays unknown");

        // The channel is in step for the next rate: the next run starts at message 0 again.
        OpenLoop.Measurement again = loop.run(OfferedRate.parse("5k"), 100, Duration.ofMillis(100), NEVER, 8);
        assertEquals(100, again.sent());
    }

    @Test
    void maxSendsForItsDurationWithinTheWindowAndTimesFromTheSend() throws IOException {
        OpenLoop loop = new OpenLoop(pair.left(), 1024, 2048, "inproc 1 KiB", NO_CPU);
        OpenLoop.Measurement m = loop.run(OfferedRate.MAX, 0, Duration.ofMillis(100), NEVER, 4);
        assertTrue(m.sent() > 0);
        assertEquals(m.sent(), m.latency().getTotalCount());
        assertEquals(0, m.lag().getTotalCount(), "max has no schedule to be late for");
    }

    @Test
    void aSenderThatCannotKeepUpStopsAtTheLagLimitAndSaysSo() throws IOException {
        Transport slow = new Wrapper(pair.left()) {
            @Override
            public void send(ByteBuffer message) throws IOException {
                sleep(2); // 2 ms a message where the schedule allows 0.1 ms
                super.send(message);
            }
        };
        OpenLoop loop = new OpenLoop(slow, 64, 128, "slow 64 B", NO_CPU);
        OpenLoop.Measurement m =
                loop.run(OfferedRate.parse("10k"), 10_000, Duration.ofSeconds(1), Duration.ofMillis(20), 8);
        assertTrue(m.fellBehind());
        assertTrue(m.sent() < 10_000, "stopped early: " + m.sent());
        assertEquals(m.sent(), m.latency().getTotalCount(), "what was sent was received and timed");
        OpenLoopSettings s = OpenLoopSettings.QUICK;
        assertNotNull(OpenLoopMain.keptUp(m.rate(), m.fellBehind(), m.achievedPerSecond(), s));
    }

    @Test
    void aReplyOutOfOrderFailsTheRateAndStopsBothThreads() {
        Transport scrambling = new Wrapper(pair.left()) {
            private int received;

            @Override
            public int receive(ByteBuffer buffer) throws IOException {
                int start = buffer.position();
                int n = super.receive(buffer);
                if (++received == 3) {
                    buffer.putLong(start, 7); // reply 2 claims to be reply 7
                }
                return n;
            }
        };
        OpenLoop loop = new OpenLoop(scrambling, 64, 128, "scrambled 64 B", NO_CPU);
        IOException e = assertThrows(
                IOException.class, () -> loop.run(OfferedRate.parse("10k"), 1_000, Duration.ofSeconds(1), NEVER, 8));
        assertTrue(e.getMessage().contains("reply 7 came where reply 2 was due"), e.getMessage());
    }

    @Test
    void aCorruptPayloadIsFound() {
        Transport corrupting = new Wrapper(pair.left()) {
            @Override
            public int receive(ByteBuffer buffer) throws IOException {
                int start = buffer.position();
                int n = super.receive(buffer);
                buffer.put(start + 20, (byte) (buffer.get(start + 20) + 1)); // inside the payload, checked on reply 0
                return n;
            }
        };
        OpenLoop loop = new OpenLoop(corrupting, 64, 128, "corrupt 64 B", NO_CPU);
        IOException e = assertThrows(
                IOException.class, () -> loop.run(OfferedRate.parse("10k"), 100, Duration.ofSeconds(1), NEVER, 8));
        assertTrue(e.getMessage().contains("differs from the message sent"), e.getMessage());
    }

    @Test
    void saturationIsAShortfallOrFallingBehindOrP99OverTheBoundAndMaxIsNever() {
        OpenLoopSettings s = OpenLoopSettings.QUICK; // 1 ms bound
        OfferedRate tenK = OfferedRate.parse("10k");
        assertNull(OpenLoopMain.saturation(tenK, false, 9_600, 500_000, s), "within 5% and the bound");
        assertTrue(OpenLoopMain.saturation(tenK, false, 9_400, 500_000, s).contains("short of the offered 10k/s"));
        assertTrue(OpenLoopMain.saturation(tenK, true, 10_000, 500_000, s).contains("behind its schedule"));
        assertTrue(OpenLoopMain.saturation(tenK, false, 10_000, 2_000_000, s).contains("over the bound of 1 ms"));
        assertNull(OpenLoopMain.keptUp(tenK, false, 10_000, s), "over the bound is still kept up");
        assertNull(OpenLoopMain.saturation(OfferedRate.MAX, true, 1, Long.MAX_VALUE, s), "max is the capacity");
    }

    @Test
    void theProgramSweepsTheRatesAndReportsOneResultEach() throws IOException {
        List<OpenLoopFile.Entry> entries = sweep("inproc", "backoff");
        assertEquals(
                List.of("2k", "max"),
                entries.stream().map(OpenLoopFile.Entry::rate).toList());
        OpenLoopFile.Entry two = entries.get(0);
        assertEquals(2_000L, two.offeredPerSecond());
        assertTrue(two.messages() > 0);
        assertEquals((long) two.messages(), two.decodeHistogram().orElseThrow().getTotalCount());
        assertNotNull(two.sendLagP99Ns());
        assertNotNull(two.cpuSelfNsPerMessage());
        assertNull(two.cpuPeerNsPerMessage(), "the baseline's peer is a thread of this process");
        assertNull(entries.get(1).offeredPerSecond());
        assertTrue(entries.get(1).keptUp() && !entries.get(1).saturated(), "max is never saturated");
    }

    @Test
    void aPeerProcessIsMeasuredAndEnded() throws IOException {
        List<OpenLoopFile.Entry> entries = sweep("tcp", Combinations.DEFAULT_WAIT);
        assertEquals(2, entries.size());
        assertNotNull(entries.get(0).cpuPeerNsPerMessage(), "the peer process's CPU is read");
        assertEquals(
                List.of(),
                ProcessHandle.current()
                        .children()
                        .filter(ProcessHandle::isAlive)
                        .toList(),
                "no peer left behind");
    }

    private static List<OpenLoopFile.Entry> sweep(String transport, String wait) throws IOException {
        OpenLoopSettings tiny = new OpenLoopSettings(
                "test",
                OfferedRate.parseList(List.of("2k", "max")),
                Duration.ofSeconds(1),
                Duration.ofMillis(100),
                Duration.ofMillis(100),
                10,
                Duration.ofMillis(200),
                8,
                null);
        OpenLoopMain.Arguments a = new OpenLoopMain.Arguments(transport, 64, wait, Placement.ANY, tiny, false);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            OpenLoopMain.sweep(a, out);
        }
        return OpenLoopMain.results(
                bytes.toString(StandardCharsets.UTF_8).lines().toList());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A transport that passes everything to another. */
    private static class Wrapper implements Transport {
        private final Transport inner;

        Wrapper(Transport inner) {
            this.inner = inner;
        }

        @Override
        public String alias() {
            return inner.alias();
        }

        @Override
        public void send(ByteBuffer message) throws IOException {
            inner.send(message);
        }

        @Override
        public int receive(ByteBuffer buffer) throws IOException {
            return inner.receive(buffer);
        }

        @Override
        public void close() throws IOException {
            inner.close();
        }
    }
}
