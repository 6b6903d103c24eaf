package dev.ipcbench.transport.mmap;

import dev.ipcbench.transport.Binding;
import dev.ipcbench.transport.Capabilities;
import dev.ipcbench.transport.Transport;
import dev.ipcbench.transport.TransportOption;
import dev.ipcbench.transport.TransportOptions;
import dev.ipcbench.transport.ring.MappedRing;
import dev.ipcbench.transport.support.AbstractTransportProvider;
import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code mmap}: two shared-memory rings in a memory-mapped file in the temporary directory
 * ({@code java.io.tmpdir}, normally disk-backed). See {@link MappedRing} for the options ({@code
 * wait}, {@code ring.capacity}).
 */
public final class MmapTransportProvider extends AbstractTransportProvider {

    /** This transport's alias. */
    public static final String ALIAS = "mmap";

    public MmapTransportProvider() {
        super(
                ALIAS,
                "SPSC ring buffers in a memory-mapped file in the temp directory, VarHandle acquire/release",
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
    protected Binding createBinding(TransportOptions options) throws IOException {
        return MappedRing.bind(ALIAS, options, Path.of(System.getProperty("java.io.tmpdir")));
    }

    @Override
    protected Transport connectTo(String address, TransportOptions options) throws IOException {
        return MappedRing.attach(ALIAS, address, options);
    }
}
