package dev.ipcbench.transport.support;

import dev.ipcbench.transport.TransportException;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * How two datagram sockets pair up: the peer, connected to the bound side's address, sends a knock
 * carrying the run's secret; the bound side ignores any datagram that is not such a knock (another
 * local user can send to a UDP port), connects to the knock's sender and answers with a welcome;
 * only then does either side send messages. (Connecting a JDK datagram channel drops datagrams
 * queued before it, so the peer must not send before the welcome.)
 */
public final class DatagramRendezvous {

    private static final byte[] KNOCK = "ipcbench knock 2".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] WELCOME = "ipcbench welcome 1".getBytes(StandardCharsets.US_ASCII);

    private DatagramRendezvous() {}

    /**
     * The bound side: waits for a knock carrying {@code secret}, connects the channel to its sender,
     * sends the welcome.
     */
    public static void awaitKnock(String alias, DatagramChannel channel, byte[] secret) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(256);
        ByteBuffer expected = knock(secret);
        SocketAddress from;
        while (true) {
            buf.clear();
            from = channel.receive(buf);
            buf.flip();
            if (from != null && buf.equals(expected)) {
                break;
            }
            // a stray datagram, or an intruder without the secret: not our peer, ignore it
        }
        channel.connect(from);
        channel.write(ByteBuffer.wrap(WELCOME));
    }

    /**
     * The peer: sends the knock with {@code secret} on a connected channel and waits for the welcome
     * within {@code timeout}.
     */
    public static void knock(String alias, DatagramChannel channel, byte[] secret, Duration timeout)
            throws IOException {
        channel.write(knock(secret));
        ByteBuffer buf = ByteBuffer.allocate(64);
        Deadline.bounded(
                alias + ": waiting for the welcome from " + channel.getRemoteAddress(), timeout, channel, () -> {
                    channel.read(buf);
                    return null;
                });
        buf.flip();
        if (!is(buf, WELCOME)) {
            throw new TransportException(
                    alias + ": expected the welcome datagram, got " + buf.remaining() + " other bytes");
        }
    }

    private static ByteBuffer knock(byte[] secret) {
        return ByteBuffer.allocate(KNOCK.length + secret.length)
                .put(KNOCK)
                .put(secret)
                .flip();
    }

    private static boolean is(ByteBuffer buf, byte[] expected) {
        return buf.remaining() == expected.length && buf.equals(ByteBuffer.wrap(expected));
    }
}
