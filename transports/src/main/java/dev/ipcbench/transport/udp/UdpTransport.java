package dev.ipcbench.transport.udp;

import dev.ipcbench.transport.TransportOptions;
import dev.ipcbench.transport.support.MessageChannelTransport;
import dev.ipcbench.transport.support.Messages;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.List;

/** A connected UDP socket on loopback: one datagram per message, which may be lost. */
public final class UdpTransport extends MessageChannelTransport {

    private final DatagramChannel channel;
    private final int maxMessage;
    private byte[] timedScratch;
    private DatagramPacket timedPacket;

    UdpTransport(TransportOptions options, int maxMessage, DatagramChannel channel) {
        super(UdpTransportProvider.ALIAS, options, maxMessage, channel, false, true, List.of(channel));
        this.channel = channel;
        this.maxMessage = maxMessage;
    }

    /** Waits through the socket's own timeout, so a lost datagram costs a wait, not the transport. */
    @Override
    public int receive(ByteBuffer buffer, Duration timeout) throws IOException {
        if (timedPacket == null) {
            timedScratch = new byte[maxMessage + 1];
            timedPacket = new DatagramPacket(timedScratch, timedScratch.length);
        }
        DatagramSocket socket = channel.socket();
        int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        receiveDeadline.enter();
        try {
            socket.setSoTimeout(millis);
            timedPacket.setData(timedScratch, 0, timedScratch.length);
            socket.receive(timedPacket);
        } catch (SocketTimeoutException e) {
            return -1;
        } catch (IOException e) {
            throw failure("receive", e, receiveDeadline);
        } finally {
            receiveDeadline.exit();
            if (!socket.isClosed()) {
                socket.setSoTimeout(0);
            }
        }
        int n = timedPacket.getLength();
        if (n > buffer.remaining()) {
            throw Messages.tooLargeToReceive(alias(), n, buffer.remaining());
        }
        buffer.put(timedScratch, 0, n);
        return n;
    }
}
