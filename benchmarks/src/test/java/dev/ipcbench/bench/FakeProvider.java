package dev.ipcbench.bench;

import dev.ipcbench.transport.Binding;
import dev.ipcbench.transport.Capabilities;
import dev.ipcbench.transport.Transport;
import dev.ipcbench.transport.TransportOption;
import dev.ipcbench.transport.TransportOptions;
import dev.ipcbench.transport.TransportProvider;
import dev.ipcbench.transport.TransportRegistry;
import dev.ipcbench.transport.ring.MappedRing;
import java.util.List;

/** A provider that only describes itself, for tests of the planning logic; it cannot connect. */
public final class FakeProvider implements TransportProvider {
    private final String alias;
    private final Capabilities capabilities;
    private final String unavailabilityCause;
    private final List<TransportOption> options;

    public FakeProvider(String alias, boolean reliable, int maxMessageSize, String unavailabilityCause) {
        this(alias, reliable, maxMessageSize, unavailabilityCause, List.of());
    }

    public FakeProvider(
            String alias,
            boolean reliable,
            int maxMessageSize,
            String unavailabilityCause,
            List<TransportOption> options) {
        this.alias = alias;
        this.capabilities = new Capabilities(reliable, maxMessageSize, false);
        this.unavailabilityCause = unavailabilityCause;
        this.options = options;
    }

    /**
     * A registry like the real one: tcp (reliable, framed), udp (unreliable, 65,507 B), mmap (wait
     * strategies), and shm, unavailable because /dev/shm is missing.
     */
    public static TransportRegistry registry() {
        return TransportRegistry.of(List.of(
                new FakeProvider("tcp", true, Capabilities.MAX_FRAMED_MESSAGE, null),
                new FakeProvider("udp", false, 65_507, null),
                new FakeProvider("mmap", true, Capabilities.MAX_FRAMED_MESSAGE, null, MappedRing.OPTIONS),
                new FakeProvider(
                        "shm", true, Capabilities.MAX_FRAMED_MESSAGE, "/dev/shm is missing", MappedRing.OPTIONS)));
    }

    @Override
    public String alias() {
        return alias;
    }

    @Override
    public String mechanism() {
        return "fake " + alias;
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    @Override
    public List<TransportOption> options() {
        return options;
    }

    @Override
    public String whyNotOnOneCpu(TransportOptions options) {
        return this.options.isEmpty() ? null : MappedRing.whyNotOnOneCpu(options);
    }

    @Override
    public String unavailabilityCause() {
        return unavailabilityCause;
    }

    @Override
    public Binding bind(TransportOptions options) {
        throw new UnsupportedOperationException("fake transport");
    }

    @Override
    public Transport connect(String address, TransportOptions options) {
        throw new UnsupportedOperationException("fake transport");
    }
}
