package dev.ipcbench.transport.mmap;

import dev.ipcbench.transport.Binding;
import dev.ipcbench.transport.Capabilities;
import dev.ipcbench.transport.Capabilities.Framing;
import dev.ipcbench.transport.Capabilities.Platform;
import dev.ipcbench.transport.Transport;
import dev.ipcbench.transport.TransportOptions;
import dev.ipcbench.transport.TransportProvider;
import dev.ipcbench.transport.ring.MappedRing;
import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code mmap}: two shared-memory rings in a memory-mapped file in the temporary directory
 * ({@code java.io.tmpdir}, normally disk-backed). See {@link MappedRing} for the options ({@code
 * wait}, {@code ring.capacity}).
 */
public final class MmapTransportProvider implements TransportProvider {

    /** This transport's alias. */
    public static final String ALIAS = "mmap";

    private static final Capabilities CAPABILITIES =
            new Capabilities(true, Capabilities.MAX_FRAMED_MESSAGE, Framing.NATIVE_MESSAGES, Platform.ANY, false);

    @Override
    public String alias() {
        return ALIAS;
    }

    @Override
    public String mechanism() {
        return "SPSC ring buffers in a memory-mapped file in the temp directory, VarHandle acquire/release";
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public String unavailabilityCause() {
        return null;
    }

    @Override
    public Binding bind(TransportOptions options) throws IOException {
        return MappedRing.bind(ALIAS, options, Path.of(System.getProperty("java.io.tmpdir")));
    }

    @Override
    public Transport connect(String address, TransportOptions options) throws IOException {
        return MappedRing.attach(ALIAS, address, options);
    }
}
