package dev.ipcbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ipcbench.peer.PeerLoops;
import dev.ipcbench.peer.SinkProtocol;
import dev.ipcbench.transport.Transport;
import dev.ipcbench.transport.TransportOptions;
import dev.ipcbench.transport.inproc.InProcessPair;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StreamSenderTest {

    private static final int SIZE = 100;

    private final ThroughputBenchmark.Delivered delivered = new ThroughputBenchmark.Delivered();
    private final ThroughputBenchmark.Loss loss = new ThroughputBenchmark.Loss();

    @Test
    void aRealSinkAcknowledgesEveryMessageAndByteSent() throws Exception {
        try (InProcessPair pair = InProcessPair.open(TransportOptions.defaults())) {
            Thread sink = new Thread(() -> {
                try {
                    PeerLoops.sink(pair.right(), ByteBuffer.allocateDirect(4096));
                } catch (IOException e) {
                    // closed at the end of the test
                }
            });
            sink.setDaemon(true);
            sink.start();
            StreamSender sender = sender(pair.left(), true, 64);
            for (int i = 0; i < 10_000; i++) {
                sender.send(delivered, loss);
            }
            sender.drain(delivered, loss);
            assertFalse(sender.inFlight());
            assertEquals(10_000, delivered.deliveredMessages);
            assertEquals(10_000L * SIZE, delivered.deliveredBytes);
            assertEquals(0, loss.lostMessages);
        }
    }

    @Test
    void aWindowOfOneWaitsForEveryMessagesAcknowledgement() throws Exception {
        FakeSink sink = new FakeSink(true);
        StreamSender sender = sender(sink, true, 1);
        for (int i = 0; i < 5; i++) {
            sender.send(delivered, loss);
            assertEquals(i + 1, sink.syncs, "one sync request per message");
        }
        assertEquals(4, sink.acksTaken, "the sender waited for each acknowledgement before the next message");
    }

    @Test
    void theSenderWaitsOnlyWhenAWholeWindowIsUnconfirmed() throws Exception {
        FakeSink sink = new FakeSink(true);
        StreamSender sender = sender(sink, true, 8);
        for (int i = 0; i < 8; i++) {
            sender.send(delivered, loss);
        }
        assertEquals(2, sink.syncs, "a sync request every half window");
        assertEquals(0, sink.acksTaken, "no wait while the window has room");
        sender.send(delivered, loss);
        assertEquals(1, sink.acksTaken, "the ninth message waits for the first acknowledgement");
        assertEquals(4, delivered.deliveredMessages);
    }

    @Test
    void aReliableTransportThatLosesAMessageFailsTheStream() throws Exception {
        FakeSink sink = new FakeSink(true);
        sink.dropData = n -> n == 3;
        StreamSender sender = sender(sink, true, 4);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> {
            for (int i = 0; i < 8; i++) {
                sender.send(delivered, loss);
            }
            sender.drain(delivered, loss);
        });
        assertTrue(e.getMessage().contains("lost data although it is reliable"), e.getMessage());
    }

    @Test
    void anUnreliableTransportCountsWhatWasLostAndWhatArrived() throws Exception {
        FakeSink sink = new FakeSink(false);
        sink.dropData = n -> n % 10 == 0; // every tenth message
        StreamSender sender = sender(sink, false, 16);
        for (int i = 0; i < 1000; i++) {
            sender.send(delivered, loss);
        }
        sender.drain(delivered, loss);
        assertEquals(900, delivered.deliveredMessages);
        assertEquals(900L * SIZE, delivered.deliveredBytes);
        assertEquals(100, loss.lostMessages);
    }

    @Test
    void aLostAcknowledgementCostsAWaitAndAFreshRequestNotTheStream() throws Exception {
        FakeSink sink = new FakeSink(false);
        sink.dropAck = b -> b == 10; // the answer to the last request during the stream
        StreamSender sender = sender(sink, false, 4);
        for (int i = 0; i < 20; i++) {
            sender.send(delivered, loss);
        }
        sender.drain(delivered, loss);
        assertEquals(20, delivered.deliveredMessages);
        assertEquals(0, loss.lostMessages);
        assertTrue(sink.timeouts >= 1, "the sender waited for the lost acknowledgement");
    }

    @Test
    void lossIsReportedOnceAcrossIterations() throws Exception {
        FakeSink sink = new FakeSink(false);
        sink.dropData = n -> n == 5;
        StreamSender sender = sender(sink, false, 4);
        for (int i = 0; i < 10; i++) {
            sender.send(delivered, loss);
        }
        sender.drain(delivered, loss);
        assertEquals(1, loss.lostMessages);
        ThroughputBenchmark.Loss next = new ThroughputBenchmark.Loss(); // JMH's next iteration
        for (int i = 0; i < 10; i++) {
            sender.send(delivered, next);
        }
        sender.drain(delivered, next);
        assertEquals(0, next.lostMessages, "the first iteration's loss is not reported again");
    }

    @Test
    void anAcknowledgementOfMoreThanWasSentIsRefused() throws Exception {
        FakeSink sink = new FakeSink(true);
        sink.inflate = 1;
        StreamSender sender = sender(sink, true, 2);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> {
            for (int i = 0; i < 4; i++) {
                sender.send(delivered, loss);
            }
        });
        assertTrue(e.getMessage().contains("impossible"), e.getMessage());
    }

    private static StreamSender sender(Transport t, boolean reliable, int window) {
        ByteBuffer data = Payload.allocate(SIZE, 0);
        return new StreamSender(t, reliable, data, SIZE, window, Duration.ofSeconds(5), "test");
    }

    /**
     * A sink answered in the caller's thread: sends are counted (or dropped), sync requests queue an
     * acknowledgement (or drop it). A reliable receive with nothing queued would block forever, so it
     * fails the test instead.
     */
    private static final class FakeSink implements Transport {
        private final boolean reliable;
        private final ArrayDeque<ByteBuffer> acks = new ArrayDeque<>();
        LongPredicate dropData = n -> false;
        LongPredicate dropAck = b -> false;
        long inflate;
        long dataSeen;
        long messages;
        long bytes;
        int syncs;
        int acksTaken;
        int timeouts;

        FakeSink(boolean reliable) {
            this.reliable = reliable;
        }

        @Override
        public String alias() {
            return "fake";
        }

        @Override
        public void send(ByteBuffer message) {
            int n = message.remaining();
            ByteBuffer copy = ByteBuffer.allocate(n).put(message).flip();
            copy.position(n);
            if (SinkProtocol.isSync(copy, n)) {
                syncs++;
                long batch = SinkProtocol.syncBatch(copy);
                if (!dropAck.test(batch)) {
                    acks.add(SinkProtocol.writeAck(
                            ByteBuffer.allocate(SinkProtocol.ACK_LENGTH), batch, messages + inflate, bytes));
                }
                return;
            }
            if (!dropData.test(++dataSeen)) {
                messages++;
                bytes += n;
            }
        }

        @Override
        public int receive(ByteBuffer buffer) {
            if (!reliable) {
                throw new AssertionError("an unreliable transport's sender must wait with a timeout");
            }
            if (acks.isEmpty()) {
                throw new AssertionError("the sender waits for an acknowledgement that was never requested");
            }
            return take(buffer);
        }

        @Override
        public int receive(ByteBuffer buffer, Duration timeout) {
            if (acks.isEmpty()) {
                timeouts++;
                return -1;
            }
            return take(buffer);
        }

        private int take(ByteBuffer buffer) {
            acksTaken++;
            ByteBuffer a = acks.poll();
            int n = a.remaining();
            buffer.put(a);
            return n;
        }

        @Override
        public void close() {}
    }
}
