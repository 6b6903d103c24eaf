package dev.ipcbench.transport.ring;

import dev.ipcbench.transport.Binding;
import dev.ipcbench.transport.PrivateDirectory;
import dev.ipcbench.transport.Transport;
import dev.ipcbench.transport.TransportException;
import dev.ipcbench.transport.TransportOption;
import dev.ipcbench.transport.TransportOptions;
import dev.ipcbench.transport.support.AbstractBinding;
import dev.ipcbench.transport.support.AbstractTransport;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * A {@link RingDescriptor} channel in a memory-mapped file, shared by the {@code mmap} and {@code
 * shm} transports. The benchmark side creates the file (mode 0600) in a private directory and
 * waits for the peer to write its pid into the header; once both have mapped it, the file and
 * directory are deleted, so nothing is left behind even if both processes are killed.
 *
 * <p>Options: {@code wait} (a {@link WaitStrategies wait strategy}, default {@value
 * WaitStrategies#DEFAULT}) and {@code ring.capacity} (bytes per direction, a power of two, default
 * 1 MiB).
 */
public final class MappedRing {

    /** Option naming the ring capacity per direction. */
    public static final String CAPACITY_OPTION = "ring.capacity";

    /** Default ring capacity per direction. */
    public static final int DEFAULT_CAPACITY = 1 << 20;

    /** The options these transports take. */
    public static final List<TransportOption> OPTIONS = List.of(
            TransportOption.choice(
                    WaitStrategies.OPTION,
                    "how a side waits for the other: spin, yield, backoff, park, or a WaitStrategy class name",
                    WaitStrategies.DEFAULT,
                    WaitStrategies.aliases()),
            TransportOption.of(CAPACITY_OPTION, "bytes per direction, a power of two from 4 KiB to 1 GiB", "1M"));

    /** The names of {@link #OPTIONS}. */
    public static final List<String> OPTION_NAMES =
            OPTIONS.stream().map(TransportOption::name).toList();

    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final String FILE_NAME = "ring";

    private MappedRing() {}

    /**
     * Why these options cannot run with both processes on one CPU: busy-spin waiting holds the only
     * CPU the other side needs to answer.
     */
    public static String whyNotOnOneCpu(TransportOptions options) {
        return waitStrategy(options) instanceof BusySpinWaitStrategy
                ? "busy-spin waiting with both sides on one CPU is pathological (the spinning side holds the CPU "
                        + "the other side needs to answer); use placement cross or another wait strategy"
                : null;
    }

    /** The wait strategy the options name. */
    public static WaitStrategy waitStrategy(TransportOptions options) {
        return WaitStrategies.parse(options.property(WaitStrategies.OPTION, WaitStrategies.DEFAULT));
    }

    /** The benchmark side: creates the file under {@code parent} and waits for the peer to attach. */
    public static Binding bind(String alias, TransportOptions options, Path parent) throws IOException {
        WaitStrategy wait = waitStrategy(options);
        int capacity = RingDescriptor.checkCapacity(options.sizeProperty(CAPACITY_OPTION, DEFAULT_CAPACITY));
        PrivateDirectory dir = PrivateDirectory.createIn(parent);
        try {
            Path file = dir.resolve(FILE_NAME);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(
                        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
            long length = RingDescriptor.fileLength(capacity);
            MappedByteBuffer map;
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                allocate(alias, ch, length, parent);
                map = ch.map(FileChannel.MapMode.READ_WRITE, 0, length);
            }
            map.order(ByteOrder.nativeOrder());
            RingDescriptor.writeHeader(map, capacity, ProcessHandle.current().pid());
            return new Bound(alias, options, dir, file, map, capacity, wait);
        } catch (IOException | RuntimeException e) {
            dir.close();
            throw e;
        }
    }

    /**
     * Writes the whole file, so that its blocks exist before it is mapped: a mapped page the file
     * system cannot back (a full tmpfs or disk) kills the JVM with SIGBUS or an {@link InternalError}
     * at the first touch, where a write fails with a clear "No space left on device".
     */
    private static void allocate(String alias, FileChannel ch, long length, Path parent) throws IOException {
        ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(length, 1 << 20));
        try {
            for (long at = 0; at < length; ) {
                zeros.clear().limit((int) Math.min(zeros.capacity(), length - at));
                at += ch.write(zeros, at);
            }
        } catch (IOException e) {
            throw new TransportException(
                    alias + ": cannot make a ring file of " + length + " bytes in " + parent + ": " + e.getMessage()
                            + " (" + Files.getFileStore(parent).getUsableSpace() + " bytes free there)",
                    e);
        }
    }

    /** The peer side: maps the file at {@code address}, checks its header and announces itself. */
    public static Transport attach(String alias, String address, TransportOptions options) throws IOException {
        WaitStrategy wait = waitStrategy(options);
        Path file = Path.of(address);
        MappedByteBuffer map;
        int capacity;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            ByteBuffer header = ByteBuffer.allocate(RingDescriptor.HEADER_LENGTH);
            ch.read(header, 0);
            capacity = RingDescriptor.validate(alias + ": " + file, header.flip(), size);
            map = ch.map(FileChannel.MapMode.READ_WRITE, 0, RingDescriptor.fileLength(capacity));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new TransportException(alias + ": no ring file at " + address, e);
        }
        map.order(ByteOrder.nativeOrder());
        long creator = map.getLong(RingDescriptor.CREATOR_PID_OFFSET);
        ProcessHandle peer = ProcessHandle.of(creator).orElse(null);
        RingTransport transport = new RingTransport(
                alias,
                options,
                map,
                RingDescriptor.ringB(capacity),
                RingDescriptor.ringA(),
                capacity,
                wait,
                peer,
                List.of());
        // Release store: our pid, after the mapping is in place; pairs with the getAcquire in
        // Bound.acceptPeer(), which then lets the creator start sending.
        LONG.setRelease(
                map, RingDescriptor.ATTACHER_PID_OFFSET, ProcessHandle.current().pid());
        return transport;
    }

    private static final class Bound extends AbstractBinding {
        private final Path file;
        private final MappedByteBuffer map;
        private final int capacity;
        private final WaitStrategy wait;
        private volatile boolean closed;

        Bound(
                String alias,
                TransportOptions options,
                PrivateDirectory dir,
                Path file,
                MappedByteBuffer map,
                int capacity,
                WaitStrategy wait) {
            super(alias, options, dir);
            this.file = file;
            this.map = map;
            this.capacity = capacity;
            this.wait = wait;
        }

        @Override
        public String address() {
            return file.toString();
        }

        @Override
        protected AbstractTransport acceptPeer() throws IOException {
            long pid;
            // Acquire load: pairs with the attacher's setRelease of its pid in attach().
            while ((pid = (long) LONG.getAcquire(map, RingDescriptor.ATTACHER_PID_OFFSET)) == 0) {
                if (closed) {
                    throw new TransportException(alias() + ": closed while waiting for the peer to attach");
                }
                LockSupport.parkNanos(1_000_000);
            }
            Optional<ProcessHandle> peer = ProcessHandle.of(pid);
            RingTransport transport = new RingTransport(
                    alias(),
                    options(),
                    map,
                    RingDescriptor.ringA(),
                    RingDescriptor.ringB(capacity),
                    capacity,
                    wait,
                    peer.orElse(null),
                    List.of());
            // Both sides have the mapping: the file and its directory are no longer needed.
            directory().close();
            handOver();
            return transport;
        }

        @Override
        protected void closeChannels() {
            closed = true;
        }
    }
}
