package dev.ipcbench.transport.support;

import dev.ipcbench.transport.TransportException;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * How two datagram sockets pair up: the peer, connected to the bound side's address, sends a knock;
 * the bound side connects to the knock's sender and answers with a welcome; only then does either
 * side send messages. (Connecting a JDK datagram channel drops datagrams queued before it, so the
 * peer must not send before the welcome.)
 */
public final class DatagramRendezvous {

    private static final byte[] KNOCK = "ipcbench knock 1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] WELCOME = "ipcbench welcome 1".getBytes(StandardCharsets.US_ASCII);

    private DatagramRendezvous() {}

    /** The bound side: waits for a knock, connects the channel to its sender, sends the welcome. */
    public static void awaitKnock(String alias, DatagramChannel channel) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(64);
        SocketAddress from;
        while (true) {
            buf.clear();
            from = channel.receive(buf);
            buf.flip();
            if (from != null && is(buf, KNOCK)) {
                break;
            }
            // a stray datagram on the bound address: not our peer, ignore it
        }
        channel.connect(from);
        channel.write(ByteBuffer.wrap(WELCOME));
    }

    /**
     * The peer: sends the knock on a connected channel and waits for the welcome within {@code
     * timeout}.
     */
    public static void knock(String alias, DatagramChannel channel, Duration timeout) throws IOException {
        channel.write(ByteBuffer.wrap(KNOCK));
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

    private static boolean is(ByteBuffer buf, byte[] expected) {
        return buf.remaining() == expected.length && buf.equals(ByteBuffer.wrap(expected));
    }
}
