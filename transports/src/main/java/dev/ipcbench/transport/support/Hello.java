package dev.ipcbench.transport.support;

import dev.ipcbench.transport.Transport;
import dev.ipcbench.transport.TransportException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;

/**
 * The first message on every new channel, from the peer: a magic number, the peer's process id and
 * the run's secret. It proves the channel works end to end before any measurement, and that the
 * process on the other end is the one this run started: the secret reached the peer through its
 * environment, which only its owner can read, so another local user who connects first cannot
 * forge it.
 *
 * <pre>
 * +----------------------+-----------------+------------------------------+
 * | "IPCBHELO" (int64)   | pid (int64)     | secret (SECRET_LENGTH bytes) |
 * +----------------------+-----------------+------------------------------+
 * </pre>
 */
public final class Hello {
    /** "IPCBHELO" in ASCII. */
    static final long MAGIC = 0x4950_4342_4845_4C4FL;

    /** Bytes of a run's secret. */
    public static final int SECRET_LENGTH = 16;

    /** Bytes of a hello. */
    public static final int LENGTH = 16 + SECRET_LENGTH;

    private Hello() {}

    /** Sends this process's hello carrying {@code secret}. */
    public static void send(Transport transport, byte[] secret) throws IOException {
        ByteBuffer b = ByteBuffer.allocateDirect(LENGTH).order(ByteOrder.BIG_ENDIAN);
        b.putLong(MAGIC)
                .putLong(ProcessHandle.current().pid())
                .put(secret, 0, SECRET_LENGTH)
                .flip();
        transport.send(b);
    }

    /**
     * Receives a hello and says why it does not come from process {@code expectedPid} holding
     * {@code secret}, or returns {@code null} when it does.
     *
     * @throws IOException when no message arrives (the transport's own deadline applies)
     */
    public static String check(Transport transport, long expectedPid, byte[] secret) throws IOException {
        ByteBuffer b = ByteBuffer.allocateDirect(256).order(ByteOrder.BIG_ENDIAN);
        int n;
        try {
            n = transport.receive(b);
        } catch (dev.ipcbench.transport.MessageTooLargeException e) {
            return "its first message was " + e.length() + " bytes, not a hello";
        }
        if (n != LENGTH || b.getLong(0) != MAGIC) {
            return "its first message (" + n + " bytes) was not a hello";
        }
        byte[] got = new byte[SECRET_LENGTH];
        b.get(16, got);
        if (!MessageDigest.isEqual(got, secret)) {
            return "its hello did not carry this run's secret";
        }
        long pid = b.getLong(8);
        if (expectedPid > 0 && pid != expectedPid) {
            return "its hello came from pid " + pid + ", not from the peer " + expectedPid + " this run started";
        }
        return null;
    }

    /** Like {@link #check}, failing with the reason. */
    public static void require(Transport transport, long expectedPid, byte[] secret) throws IOException {
        String why = check(transport, expectedPid, secret);
        if (why != null) {
            throw new TransportException(
                    transport.alias() + ": the process that connected is not this run's peer: " + why);
        }
    }
}
