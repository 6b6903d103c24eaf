package dev.ipcbench.transport.inproc;

import dev.ipcbench.transport.Transport;
import dev.ipcbench.transport.TransportOptions;
import dev.ipcbench.transport.ring.MappedRing;
import dev.ipcbench.transport.ring.RingDescriptor;
import dev.ipcbench.transport.ring.RingTransport;
import dev.ipcbench.transport.ring.WaitStrategy;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.List;

/**
 * The baseline: both ends of a channel inside one JVM, for two threads. It uses the very rings of
 * {@code mmap} and {@code shm}, in an ordinary direct buffer, so comparing it with them shows what
 * crossing a process boundary costs. Not an IPC transport, so not in the registry; its alias in
 * results is {@value #ALIAS}. Takes the same options as {@link MappedRing}.
 */
public final class InProcessPair implements Closeable {

    /** The baseline's name in benchmark parameters and results. */
    public static final String ALIAS = "inproc";

    private final RingTransport left;
    private final RingTransport right;

    private InProcessPair(RingTransport left, RingTransport right) {
        this.left = left;
        this.right = right;
    }

    /** Opens a pair with the given options ({@code wait}, {@code ring.capacity}). */
    public static InProcessPair open(TransportOptions options) {
        options.requireKnownProperties(ALIAS, MappedRing.OPTION_NAMES);
        WaitStrategy wait = MappedRing.waitStrategy(options);
        int capacity = RingDescriptor.checkCapacity(
                options.sizeProperty(MappedRing.CAPACITY_OPTION, MappedRing.DEFAULT_CAPACITY));
        int length = Math.toIntExact(RingDescriptor.fileLength(capacity));
        ByteBuffer buffer =
                ByteBuffer.allocateDirect(length + 128).alignedSlice(128).order(ByteOrder.nativeOrder());
        RingDescriptor.writeHeader(buffer, capacity, ProcessHandle.current().pid());
        int a = RingDescriptor.ringA();
        int b = RingDescriptor.ringB(capacity);
        RingTransport left = new RingTransport(ALIAS, options, buffer, a, b, capacity, wait, null, List.of());
        // The right end plays the peer process, which waits as long as it lives: no I/O deadline.
        RingTransport right = new RingTransport(
                ALIAS, options.withIoTimeout(Duration.ZERO), buffer, b, a, capacity, wait, null, List.of());
        return new InProcessPair(left, right);
    }

    /** The end the benchmark thread uses. */
    public Transport left() {
        return left;
    }

    /** The end the echo or sink thread uses. */
    public Transport right() {
        return right;
    }

    /** Closes both ends; a thread waiting on either fails promptly. */
    @Override
    public void close() throws IOException {
        try {
            left.close();
        } finally {
            right.close();
        }
    }
}
