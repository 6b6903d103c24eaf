package dev.ipcbench.transport.udsjunix;

import dev.ipcbench.transport.TransportOptions;
import dev.ipcbench.transport.support.FramedStreamTransport;
import java.util.List;
import org.newsclub.net.unix.AFUNIXSocketChannel;

/** A Unix domain stream socket through junixsocket, carrying length-prefixed messages. */
public final class UdsJunixTransport extends FramedStreamTransport {

    UdsJunixTransport(TransportOptions options, int maxMessage, AFUNIXSocketChannel channel) {
        super(
                UdsJunixTransportProvider.ALIAS,
                options,
                maxMessage,
                channel,
                channel,
                false, // junixsocket's gathering write sends only the first buffer
                List.of(channel));
    }
}
