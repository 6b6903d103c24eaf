package dev.ipcbench.transport.shm;

import dev.ipcbench.transport.Binding;
import dev.ipcbench.transport.Capabilities;
import dev.ipcbench.transport.Capabilities.Framing;
import dev.ipcbench.transport.Capabilities.Platform;
import dev.ipcbench.transport.Transport;
import dev.ipcbench.transport.TransportOptions;
import dev.ipcbench.transport.TransportProvider;
import dev.ipcbench.transport.ring.MappedRing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code shm}: the same rings as {@code mmap}, in a file under {@code /dev/shm} (POSIX shared
 * memory on Linux: RAM, never written back to disk). See {@link MappedRing} for the options.
 */
public final class ShmTransportProvider implements TransportProvider {

    /** This transport's alias. */
    public static final String ALIAS = "shm";

    static final Path SHM = Path.of("/dev/shm");

    private static final Capabilities CAPABILITIES =
            new Capabilities(true, Capabilities.MAX_FRAMED_MESSAGE, Framing.NATIVE_MESSAGES, Platform.LINUX, false);

    @Override
    public String alias() {
        return ALIAS;
    }

    @Override
    public String mechanism() {
        return "SPSC ring buffers in a file under /dev/shm (tmpfs), VarHandle acquire/release";
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public String unavailabilityCause() {
        if (!Files.isDirectory(SHM)) {
            return "there is no /dev/shm here (POSIX shared memory is a Linux tmpfs); use mmap instead";
        }
        if (!Files.isWritable(SHM)) {
            return "/dev/shm is not writable by this user; use mmap instead";
        }
        return null;
    }

    @Override
    public Binding bind(TransportOptions options) throws IOException {
        return MappedRing.bind(ALIAS, options, SHM);
    }

    @Override
    public Transport connect(String address, TransportOptions options) throws IOException {
        return MappedRing.attach(ALIAS, address, options);
    }
}
