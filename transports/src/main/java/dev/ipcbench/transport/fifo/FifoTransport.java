package dev.ipcbench.transport.fifo;

import dev.ipcbench.transport.TransportOptions;
import dev.ipcbench.transport.support.FramedStreamTransport;
import java.nio.channels.FileChannel;
import java.util.List;

/** Two named pipes, one per direction, carrying length-prefixed messages. */
public final class FifoTransport extends FramedStreamTransport {

    FifoTransport(TransportOptions options, int maxMessage, FileChannel in, FileChannel out) {
        super(FifoTransportProvider.ALIAS, options, maxMessage, in, out, true, List.of(out, in));
    }
}
