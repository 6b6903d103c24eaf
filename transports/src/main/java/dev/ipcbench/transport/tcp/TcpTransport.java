package dev.ipcbench.transport.tcp;

import dev.ipcbench.transport.TransportOptions;
import dev.ipcbench.transport.support.FramedStreamTransport;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.util.List;

/** A TCP connection with Nagle's algorithm off, carrying length-prefixed messages. */
public final class TcpTransport extends FramedStreamTransport {

    TcpTransport(TransportOptions options, int maxMessage, SocketChannel channel) throws IOException {
        super(TcpTransportProvider.ALIAS, options, maxMessage, channel, channel, true, List.of(channel));
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
    }
}
