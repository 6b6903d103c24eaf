package dev.ipcbench.transport.uds;

import dev.ipcbench.transport.TransportOptions;
import dev.ipcbench.transport.support.FramedStreamTransport;
import java.nio.channels.SocketChannel;
import java.util.List;

/** A Unix domain stream socket through the JDK's own support, carrying length-prefixed messages. */
public final class UdsTransport extends FramedStreamTransport {

    UdsTransport(TransportOptions options, int maxMessage, SocketChannel channel) {
        super(UdsTransportProvider.ALIAS, options, maxMessage, channel, channel, true, List.of(channel));
    }
}
