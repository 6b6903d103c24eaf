package dev.ipcbench.transport.udsseqpacket;

import dev.ipcbench.transport.TransportOptions;
import dev.ipcbench.transport.support.MessageChannelTransport;
import java.util.List;
import org.newsclub.net.unix.AFDatagramSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/** An AF_UNIX SOCK_SEQPACKET connection (junixsocket): one record per message, no framing. */
public final class UdsSeqpacketTransport extends MessageChannelTransport {

    UdsSeqpacketTransport(TransportOptions options, int maxMessage, AFDatagramSocket<AFUNIXSocketAddress> socket) {
        super(
                UdsSeqpacketTransportProvider.ALIAS,
                options,
                maxMessage,
                socket.getChannel(),
                true,
                false, // junixsocket's scattering read fills only the first buffer
                List.of(socket));
    }
}
