package dev.ipcbench.peer;

import dev.ipcbench.transport.Transport;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The peer's message loops, usable on any thread: the {@link Peer} process runs them, and so does
 * the in-process baseline. Each runs until the transport fails or is closed, and allocates nothing
 * per message.
 */
public final class PeerLoops {
    private PeerLoops() {}

    /** Runs the loop for {@code mode}, receiving into {@code buffer}. */
    public static void run(PeerMode mode, Transport transport, ByteBuffer buffer) throws IOException {
        if (mode == PeerMode.ECHO) {
            echo(transport, buffer);
        } else {
            sink(transport, buffer);
        }
    }

    /** Sends every message back unchanged. */
    public static void echo(Transport transport, ByteBuffer buffer) throws IOException {
        while (true) {
            buffer.clear();
            transport.receive(buffer);
            buffer.flip();
            transport.send(buffer);
        }
    }

    /** Counts messages and bytes, and answers each sync request (see {@link SinkProtocol}). */
    public static void sink(Transport transport, ByteBuffer buffer) throws IOException {
        final ByteBuffer ack = ByteBuffer.allocateDirect(SinkProtocol.ACK_LENGTH);
        long messages = 0;
        long bytes = 0;
        while (true) {
            buffer.clear();
            int n = transport.receive(buffer);
            if (SinkProtocol.isSync(buffer, n)) {
                transport.send(SinkProtocol.writeAck(ack, SinkProtocol.syncBatch(buffer), messages, bytes));
            } else {
                messages++;
                bytes += n;
            }
        }
    }
}
