package dev.ipcbench.transport.ring;

import dev.ipcbench.transport.TransportException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The layout of a shared-memory channel: a header and two single-producer single-consumer rings,
 * one per direction. All numbers are in the machine's native byte order; the producer's and the
 * consumer's counters sit on their own pairs of 64-byte cache lines (128 bytes, so the
 * adjacent-line prefetcher cannot couple them).
 *
 * <pre>
 * offset                         file header (HEADER_LENGTH = 256 bytes)
 *      0  +------------------------------------------------------------+
 *         | magic "IPCBRING" (int64)                                   |
 *      8  | version (int32) = 2       | header length (int32) = 256    |
 *     16  | ring capacity (int32)     | reserved (int32)               |
 *     24  | creator pid (int64)                                        |
 *     32  | attacher pid (int64): 0 until the peer attaches (release)  |
 *     40  | file length (int64)                                        |
 *    256  +------------------------------------------------------------+
 *         | ring A: creator -> attacher  (RING_OVERHEAD + capacity)    |
 *         +------------------------------------------------------------+
 *         | ring B: attacher -> creator  (RING_OVERHEAD + capacity)    |
 *         +------------------------------------------------------------+
 *
 * one ring (offsets from its start)
 *      0  | producer position (int64): bytes published of a streamed record |  producer
 *      8  | producer closed (int64): 1 once the producer has closed           |  producer
 *    128  | consumer position (int64): bytes ever consumed                    |  consumer
 *    256  | data: capacity bytes (a power of two, at least 4096)              |
 *
 * one record in the data, starting at a multiple of 8 (so a header never wraps)
 *         +--------------------------------+------------------------+---------+
 *         | header (int64): low 32 bits    | payload (length bytes) | padding |
 *         | length, high 32 bits sequence  |                        |         |
 *         +--------------------------------+------------------------+---------+
 *           payload bytes may wrap around the end of the data; padding brings the
 *           next record to a multiple of 8.
 * </pre>
 *
 * <p>The header is the commit flag. The producer copies the payload in, writes zero over the header
 * slot of the record after this one, and only then publishes this record's header with one release
 * store; the consumer polls the header slot at its position with acquire loads. A zero header means
 * "nothing yet", and because every header slot is zeroed before the record in front of it is
 * published, a stale header from an earlier lap can never look fresh. The consumer publishes its
 * position after each record, which tells the producer what space is free; the producer reads it
 * only when its cached copy says the ring is full. So a small message costs the cache lines of the
 * record itself, with no separate counter for the consumer to poll.
 *
 * <p>A record that cannot fit (its header, payload and the next header slot are more than the
 * capacity) streams through in pieces: its header carries the negated length, and the producer
 * publishes how far it has written in the producer position, waiting for the consumer as it goes,
 * so a message may be as long as its 31-bit length field allows, whatever the capacity. After the
 * last piece the producer zeroes the next header slot and publishes the record's end.
 *
 * <p>Positions only grow; index = position &amp; (capacity - 1). {@code benchmarks/c/ipcref.c}
 * implements the same layout in C, as the native reference.
 */
public final class RingDescriptor {

    public static final long MAGIC = 0x4950_4342_5249_4E47L; // "IPCBRING"
    public static final int VERSION = 2;

    public static final int HEADER_LENGTH = 256;
    public static final int MAGIC_OFFSET = 0;
    public static final int VERSION_OFFSET = 8;
    public static final int HEADER_LENGTH_OFFSET = 12;
    public static final int CAPACITY_OFFSET = 16;
    public static final int CREATOR_PID_OFFSET = 24;
    public static final int ATTACHER_PID_OFFSET = 32;
    public static final int FILE_LENGTH_OFFSET = 40;

    /** Bytes of a ring before its data. */
    public static final int RING_OVERHEAD = 256;

    public static final int PRODUCER_POSITION = 0;
    public static final int PRODUCER_CLOSED = 8;
    public static final int CONSUMER_POSITION = 128;
    public static final int DATA = RING_OVERHEAD;

    /** Bytes of a record header: length and sequence. */
    public static final int RECORD_HEADER = 8;

    /** A header slot's value before its record is published. */
    public static final long NO_RECORD = 0L;

    /** Records start at multiples of this. */
    public static final int ALIGNMENT = 8;

    public static final int MIN_CAPACITY = 4096;
    public static final int MAX_CAPACITY = 1 << 30;

    private RingDescriptor() {}

    /** Offset of ring A (creator to attacher). */
    public static int ringA() {
        return HEADER_LENGTH;
    }

    /** Offset of ring B (attacher to creator). */
    public static int ringB(int capacity) {
        return HEADER_LENGTH + RING_OVERHEAD + capacity;
    }

    /** Total length of a channel with rings of {@code capacity} bytes. */
    public static long fileLength(int capacity) {
        return HEADER_LENGTH + 2L * (RING_OVERHEAD + capacity);
    }

    /** A record header: {@code length} (negated for a streamed record) and {@code sequence}. */
    public static long header(int length, int sequence) {
        return (length & 0xFFFF_FFFFL) | ((long) sequence << 32);
    }

    /** The length field of a record header: 0 for no record, negative for a streamed record. */
    public static int length(long header) {
        return (int) header;
    }

    /** The sequence field of a record header. */
    public static int sequence(long header) {
        return (int) (header >>> 32);
    }

    /** {@code n} rounded up to a multiple of {@link #ALIGNMENT}. */
    public static long align(long n) {
        return (n + ALIGNMENT - 1) & -ALIGNMENT;
    }

    /**
     * Checks a ring capacity.
     *
     * @throws IllegalArgumentException when it is not a power of two between the limits
     */
    public static int checkCapacity(long capacity) {
        if (capacity < MIN_CAPACITY || capacity > MAX_CAPACITY || Long.bitCount(capacity) != 1) {
            throw new IllegalArgumentException(
                    "ring capacity must be a power of two from " + MIN_CAPACITY + " bytes to 1 GiB, got " + capacity);
        }
        return (int) capacity;
    }

    /** Writes the header of a new channel; the magic last, so a half-written header never passes. */
    public static void writeHeader(ByteBuffer b, int capacity, long creatorPid) {
        ByteBuffer n = b.duplicate().order(ByteOrder.nativeOrder());
        n.putInt(VERSION_OFFSET, VERSION);
        n.putInt(HEADER_LENGTH_OFFSET, HEADER_LENGTH);
        n.putInt(CAPACITY_OFFSET, capacity);
        n.putLong(CREATOR_PID_OFFSET, creatorPid);
        n.putLong(ATTACHER_PID_OFFSET, 0);
        n.putLong(FILE_LENGTH_OFFSET, fileLength(capacity));
        n.putLong(MAGIC_OFFSET, MAGIC);
    }

    /**
     * Checks the header of an existing channel of {@code actualLength} bytes and returns its ring
     * capacity.
     *
     * @throws TransportException naming what is wrong: magic, version, capacity or size
     */
    public static int validate(String what, ByteBuffer b, long actualLength) throws TransportException {
        if (actualLength < HEADER_LENGTH) {
            throw new TransportException(
                    what + " is " + actualLength + " bytes, smaller than the " + HEADER_LENGTH + "-byte ring header");
        }
        ByteBuffer n = b.duplicate().order(ByteOrder.nativeOrder());
        long magic = n.getLong(MAGIC_OFFSET);
        if (magic != MAGIC) {
            throw new TransportException(what + " is not an ipcbench ring: magic is 0x" + Long.toHexString(magic)
                    + ", expected 0x" + Long.toHexString(MAGIC));
        }
        int version = n.getInt(VERSION_OFFSET);
        if (version != VERSION) {
            throw new TransportException(
                    what + " has ring layout version " + version + "; this ipcbench reads version " + VERSION);
        }
        int capacity = n.getInt(CAPACITY_OFFSET);
        try {
            checkCapacity(capacity);
        } catch (IllegalArgumentException e) {
            throw new TransportException(what + ": " + e.getMessage());
        }
        long needed = fileLength(capacity);
        if (actualLength < needed || n.getLong(FILE_LENGTH_OFFSET) != needed) {
            throw new TransportException(what + " is " + actualLength + " bytes, too small for two rings of " + capacity
                    + " bytes (" + needed + " bytes needed)");
        }
        return capacity;
    }
}
