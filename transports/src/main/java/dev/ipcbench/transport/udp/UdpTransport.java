package dev.ipcbench.transport.udp;

import dev.ipcbench.transport.TransportOptions;
import dev.ipcbench.transport.support.MessageChannelTransport;
import java.nio.channels.DatagramChannel;
import java.util.List;

/** A connected UDP socket on loopback: one datagram per message, which may be lost. */
public final class UdpTransport extends MessageChannelTransport {

    UdpTransport(TransportOptions options, int maxMessage, DatagramChannel channel) {
        super(UdpTransportProvider.ALIAS, options, maxMessage, channel, false, List.of(channel));
    }
}
