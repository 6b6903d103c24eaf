package dev.ipcbench.transport.pipe;

import dev.ipcbench.transport.TransportOptions;
import dev.ipcbench.transport.support.FramedStreamTransport;
import java.io.Closeable;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.ReadableByteChannel;
import java.util.List;

/** Anonymous pipes: the peer's standard input and output, carrying length-prefixed messages. */
public final class PipeTransport extends FramedStreamTransport {

    PipeTransport(
            TransportOptions options,
            int maxMessage,
            ReadableByteChannel in,
            GatheringByteChannel out,
            boolean gathering,
            List<Closeable> resources) {
        super(PipeTransportProvider.ALIAS, options, maxMessage, in, out, gathering, resources);
    }
}
