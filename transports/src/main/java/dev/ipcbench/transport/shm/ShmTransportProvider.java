package dev.ipcbench.transport.shm;

import dev.ipcbench.transport.Binding;
import dev.ipcbench.transport.Capabilities;
import dev.ipcbench.transport.Transport;
import dev.ipcbench.transport.TransportOption;
import dev.ipcbench.transport.TransportOptions;
import dev.ipcbench.transport.ring.MappedRing;
import dev.ipcbench.transport.support.AbstractTransportProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code shm}: the same rings as {@code mmap}, in a file under {@code /dev/shm} (POSIX shared
 * memory on Linux: RAM, never written back to disk). See {@link MappedRing} for the options.
 */
public final class ShmTransportProvider extends AbstractTransportProvider {

    /** This transport's alias. */
    public static final String ALIAS = "shm";

    static final Path SHM = Path.of("/dev/shm");

    public ShmTransportProvider() {
        super(
                ALIAS,
                "SPSC ring buffers in a file under /dev/shm (tmpfs), VarHandle acquire/release",
                Capabilities.reliable(Capabilities.MAX_FRAMED_MESSAGE),
                MappedRing.OPTIONS.toArray(TransportOption[]::new));
    }

    @Override
    public String nativeReference() {
        return "ring";
    }

    @Override
    public String whyNotOnOneCpu(TransportOptions options) {
        return MappedRing.whyNotOnOneCpu(options);
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
    protected Binding createBinding(TransportOptions options) throws IOException {
        return MappedRing.bind(ALIAS, options, SHM);
    }

    @Override
    protected Transport connectTo(String address, TransportOptions options) throws IOException {
        return MappedRing.attach(ALIAS, address, options);
    }
}
