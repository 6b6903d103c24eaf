package dev.ipcbench.transport.pipe;

import dev.ipcbench.transport.Binding;
import dev.ipcbench.transport.Capabilities;
import dev.ipcbench.transport.Transport;
import dev.ipcbench.transport.TransportException;
import dev.ipcbench.transport.TransportOptions;
import dev.ipcbench.transport.support.AbstractBinding;
import dev.ipcbench.transport.support.AbstractTransport;
import dev.ipcbench.transport.support.AbstractTransportProvider;
import java.io.Closeable;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * {@code pipe}: anonymous pipes, the peer process's standard input and output. The peer reads and
 * writes file descriptors 0 and 1 through channels (never {@code System.out}, whose buffered
 * PrintStream swallows errors) and logs only to standard error.
 *
 * <p>On Linux the benchmark side opens the same pipes through {@code /proc/PID/fd/0} and {@code
 * /proc/PID/fd/1}: that gives it {@link FileChannel}s, so a message goes from the caller's direct
 * buffer to the kernel in one gathering write with no copy in between. Elsewhere it falls back to
 * the {@link Process} streams, copying through an array and flushing per message.
 */
public final class PipeTransportProvider extends AbstractTransportProvider {

    /** This transport's alias. */
    public static final String ALIAS = "pipe";

    /** The address: there is nothing to find, the channel is the peer's standard input and output. */
    public static final String ADDRESS = "stdio";

    public PipeTransportProvider() {
        super(
                ALIAS,
                "anonymous pipes: the peer process's stdin and stdout, FileChannel",
                new Capabilities(true, Capabilities.MAX_FRAMED_MESSAGE, true));
    }

    @Override
    public String nativeReference() {
        return "pipe";
    }

    @Override
    protected Binding createBinding(TransportOptions options) throws IOException {
        return new Bound(options, maxMessageSize(options));
    }

    @Override
    protected Transport connectTo(String address, TransportOptions options) throws IOException {
        if (!ADDRESS.equals(address)) {
            throw new IllegalArgumentException(
                    ALIAS + ": the address must be '" + ADDRESS + "', got '" + address + "'");
        }
        FileChannel in = new FileInputStream(FileDescriptor.in).getChannel();
        FileChannel out = new FileOutputStream(FileDescriptor.out).getChannel();
        return new PipeTransport(options, maxMessageSize(options), in, out, true, List.of(out, in));
    }

    private static final class Bound extends AbstractBinding {
        private final int maxMessage;
        private volatile boolean closed;

        Bound(TransportOptions options, int maxMessage) {
            super(ALIAS, options, null);
            this.maxMessage = maxMessage;
        }

        @Override
        public String address() {
            return ADDRESS;
        }

        @Override
        protected AbstractTransport acceptPeer() throws IOException {
            Process p = peer();
            if (p == null) {
                throw new TransportException(ALIAS + ": the pipe transport needs the peer process; start it first");
            }
            if (closed) {
                throw new TransportException(ALIAS + ": closed before the peer came up");
            }
            Path fd = Path.of("/proc", Long.toString(p.pid()), "fd");
            PipeTransport transport;
            if (Files.isDirectory(fd)) {
                // The same pipes, opened again: writing the peer's fd 0, reading its fd 1.
                FileChannel out = FileChannel.open(fd.resolve("0"), StandardOpenOption.WRITE);
                FileChannel in;
                try {
                    in = FileChannel.open(fd.resolve("1"), StandardOpenOption.READ);
                } catch (IOException e) {
                    out.close();
                    throw e;
                }
                List<Closeable> resources = List.of(out, in, p.getOutputStream(), p.getInputStream());
                transport = new PipeTransport(options(), maxMessage, in, out, true, resources);
            } else {
                List<Closeable> resources = List.of(p.getOutputStream(), p.getInputStream());
                transport = new PipeTransport(
                        options(),
                        maxMessage,
                        Channels.newChannel(p.getInputStream()),
                        new FlushingChannel(p.getOutputStream()),
                        false,
                        resources);
            }
            handOver();
            return transport;
        }

        @Override
        protected void closeChannels() {
            closed = true;
        }
    }
}
