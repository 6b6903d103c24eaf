package dev.ipcbench.peer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The batch protocol between a sender and a peer in {@link PeerMode#SINK} mode.
 *
 * <p>The sender streams data messages, then a sync request; the sink answers each sync request with
 * an acknowledgement carrying the request's batch number and its running totals. Totals are
 * cumulative, so a lost request or acknowledgement (possible over UDP) loses no accounting, and the
 * batch number lets the sender discard a late acknowledgement of an earlier batch.
 *
 * <pre>
 * sync request, 24 bytes          acknowledgement, 32 bytes
 * +------------------------+      +------------------------+
 * | SYNC magic   (int64)   |      | ACK magic    (int64)   |
 * | batch number (int64)   |      | batch number (int64)   |
 * | messages sent (int64)  |      | messages received      |
 * +------------------------+      | bytes received (int64) |
 *                                 +------------------------+
 * </pre>
 *
 * <p>All numbers are big-endian. A data message of exactly 24 bytes must not begin with the SYNC
 * magic; the benchmark's payloads never do.
 */
public final class SinkProtocol {

    /** "IPCBSYNC" in ASCII. */
    public static final long SYNC_MAGIC = 0x4950_4342_5359_4E43L;

    /** "IPCB ACK" in ASCII. */
    public static final long ACK_MAGIC = 0x4950_4342_2041_434BL;

    public static final int SYNC_LENGTH = 24;
    public static final int ACK_LENGTH = 32;

    private SinkProtocol() {}

    /** Whether the {@code length} bytes before {@code buffer}'s position are a sync request. */
    public static boolean isSync(ByteBuffer buffer, int length) {
        int start = buffer.position() - length;
        return length == SYNC_LENGTH && buffer.order(ByteOrder.BIG_ENDIAN).getLong(start) == SYNC_MAGIC;
    }

    /** Writes a sync request into {@code buffer} (cleared first), ready to send. */
    public static ByteBuffer writeSync(ByteBuffer buffer, long batch, long messagesSent) {
        buffer.clear();
        buffer.order(ByteOrder.BIG_ENDIAN).putLong(SYNC_MAGIC).putLong(batch).putLong(messagesSent);
        return buffer.flip();
    }

    /** The batch number of the sync request ending at {@code buffer}'s position. */
    public static long syncBatch(ByteBuffer buffer) {
        return buffer.order(ByteOrder.BIG_ENDIAN).getLong(buffer.position() - SYNC_LENGTH + 8);
    }

    /** Writes an acknowledgement into {@code buffer} (cleared first), ready to send. */
    public static ByteBuffer writeAck(ByteBuffer buffer, long batch, long messages, long bytes) {
        buffer.clear();
        buffer.order(ByteOrder.BIG_ENDIAN)
                .putLong(ACK_MAGIC)
                .putLong(batch)
                .putLong(messages)
                .putLong(bytes);
        return buffer.flip();
    }

    /**
     * Checks that the {@code length} bytes before {@code buffer}'s position are an acknowledgement.
     *
     * @throws IllegalStateException when they are not
     */
    public static void checkAck(ByteBuffer buffer, int length) {
        int start = buffer.position() - length;
        if (length != ACK_LENGTH || buffer.order(ByteOrder.BIG_ENDIAN).getLong(start) != ACK_MAGIC) {
            throw new IllegalStateException("expected a " + ACK_LENGTH + "-byte sink acknowledgement, got " + length
                    + " bytes that are not one");
        }
    }

    /** Field of the acknowledgement ending at {@code buffer}'s position: its batch number. */
    public static long ackBatch(ByteBuffer buffer) {
        return buffer.getLong(buffer.position() - ACK_LENGTH + 8);
    }

    /** Field of the acknowledgement: messages received so far. */
    public static long ackMessages(ByteBuffer buffer) {
        return buffer.getLong(buffer.position() - ACK_LENGTH + 16);
    }

    /** Field of the acknowledgement: bytes received so far. */
    public static long ackBytes(ByteBuffer buffer) {
        return buffer.getLong(buffer.position() - ACK_LENGTH + 24);
    }
}
