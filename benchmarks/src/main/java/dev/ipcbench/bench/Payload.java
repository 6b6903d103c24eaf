package dev.ipcbench.bench;

import dev.ipcbench.peer.SinkProtocol;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * Benchmark payloads: a deterministic, non-repeating byte pattern that never begins like a sink
 * sync request, and its CRC32C checksum.
 */
final class Payload {

    /** The first byte of {@link SinkProtocol#SYNC_MAGIC}, which no payload may begin with. */
    private static final byte SYNC_FIRST_BYTE = (byte) (SinkProtocol.SYNC_MAGIC >>> 56);

    private Payload() {}

    /**
     * A direct buffer of {@code size} bytes (and {@code extra} bytes of spare capacity) filled with
     * the pattern; position 0, limit {@code size}.
     */
    static ByteBuffer allocate(int size, int extra) {
        ByteBuffer b = ByteBuffer.allocateDirect(Math.addExact(size, extra));
        fill(b, size);
        return b;
    }

    /** Fills bytes 0 to {@code size} of {@code b} with the pattern; position 0, limit {@code size}. */
    static void fill(ByteBuffer b, int size) {
        b.clear();
        // xorshift64: no short period, so a shifted or repeated block of the message changes it
        long x = 0x9E37_79B9_7F4A_7C15L;
        int i = 0;
        ByteBuffer longs = b.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        for (; i + Long.BYTES <= size; i += Long.BYTES) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            longs.putLong(i, x);
        }
        for (; i < size; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            b.put(i, (byte) x);
        }
        if (size > 0 && b.get(0) == SYNC_FIRST_BYTE) {
            b.put(0, (byte) (SYNC_FIRST_BYTE + 1));
        }
        b.position(0).limit(size);
    }

    /** The CRC32C of bytes 0 to {@code size} of {@code b}, leaving its position and limit alone. */
    static int checksum(ByteBuffer b, int size) {
        CRC32C crc = new CRC32C();
        crc.update(b.duplicate().position(0).limit(size));
        return (int) crc.getValue();
    }

    /**
     * The CRC32C of bytes 0 to {@code length} of {@code b}, computed with {@code crc} (reset first);
     * allocates nothing. Leaves the position at {@code length}.
     */
    static int checksum(CRC32C crc, ByteBuffer b, int length) {
        crc.reset();
        b.limit(length).position(0);
        crc.update(b);
        return (int) crc.getValue();
    }

    /** The offset of the first byte where {@code a} and {@code b} differ over {@code length} bytes, or -1. */
    static int firstDifference(ByteBuffer a, ByteBuffer b, int length) {
        return a.duplicate()
                .position(0)
                .limit(length)
                .mismatch(b.duplicate().position(0).limit(length));
    }
}
