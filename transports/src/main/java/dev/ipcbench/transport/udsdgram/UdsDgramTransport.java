package dev.ipcbench.transport.udsdgram;

import dev.ipcbench.transport.TransportOptions;
import dev.ipcbench.transport.support.MessageChannelTransport;
import java.util.List;
import org.newsclub.net.unix.AFUNIXDatagramChannel;

/** A connected AF_UNIX datagram socket (junixsocket): one datagram per message. */
public final class UdsDgramTransport extends MessageChannelTransport {

    UdsDgramTransport(TransportOptions options, int maxMessage, AFUNIXDatagramChannel channel) {
        super(
                UdsDgramTransportProvider.ALIAS,
                options,
                maxMessage,
                channel,
                false,
                false, // junixsocket's scattering read fills only the first buffer
                List.of(channel));
    }
}
