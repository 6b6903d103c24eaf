package dev.ipcbench.transport.uds;

import dev.ipcbench.transport.PrivateDirectory;
import dev.ipcbench.transport.TransportOptions;
import dev.ipcbench.transport.support.FramedStreamTransport;
import java.io.Closeable;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/** A Unix domain stream socket through the JDK's own support, carrying length-prefixed messages. */
public final class UdsTransport extends FramedStreamTransport {

    UdsTransport(TransportOptions options, int maxMessage, SocketChannel channel, PrivateDirectory directory) {
        super(UdsTransportProvider.ALIAS, options, maxMessage, channel, channel, true, resources(channel, directory));
    }

    static List<Closeable> resources(Closeable channel, PrivateDirectory directory) {
        List<Closeable> list = new ArrayList<>();
        list.add(channel);
        if (directory != null) {
            list.add(directory);
        }
        return list;
    }
}
