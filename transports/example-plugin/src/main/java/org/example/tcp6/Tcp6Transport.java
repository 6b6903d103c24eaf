package org.example.tcp6;

import dev.ipcbench.transport.TransportOptions;
import dev.ipcbench.transport.support.FramedStreamTransport;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.util.List;

/** A TCP connection over IPv6 loopback with Nagle's algorithm off, carrying length-prefixed messages. */
final class Tcp6Transport extends FramedStreamTransport {

    Tcp6Transport(TransportOptions options, int maxMessage, SocketChannel channel) throws IOException {
        super(Tcp6TransportProvider.ALIAS, options, maxMessage, channel, channel, true, List.of(channel));
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
    }
}
