package dev.ipcbench.transport.support;

import dev.ipcbench.transport.Binding;
import dev.ipcbench.transport.Capabilities;
import dev.ipcbench.transport.Transport;
import dev.ipcbench.transport.TransportOption;
import dev.ipcbench.transport.TransportOptions;
import dev.ipcbench.transport.TransportProvider;
import java.io.IOException;
import java.util.List;

/**
 * What most providers share: a fixed alias, mechanism, capabilities and list of options, and the
 * rule that {@link #bind} and {@link #connect} refuse an option the transport does not take, naming
 * the ones it does, before anything is created.
 */
public abstract class AbstractTransportProvider implements TransportProvider {

    private final String alias;
    private final String mechanism;
    private final Capabilities capabilities;
    private final List<TransportOption> options;

    protected AbstractTransportProvider(
            String alias, String mechanism, Capabilities capabilities, TransportOption... options) {
        this.alias = alias;
        this.mechanism = mechanism;
        this.capabilities = capabilities;
        this.options = List.of(options);
    }

    @Override
    public final String alias() {
        return alias;
    }

    @Override
    public final String mechanism() {
        return mechanism;
    }

    @Override
    public final Capabilities capabilities() {
        return capabilities;
    }

    @Override
    public final List<TransportOption> options() {
        return options;
    }

    /** Available everywhere unless a subclass says why not. */
    @Override
    public String unavailabilityCause() {
        return null;
    }

    @Override
    public final Binding bind(TransportOptions options) throws IOException {
        options.requireKnownProperties(this);
        return createBinding(options);
    }

    @Override
    public final Transport connect(String address, TransportOptions options) throws IOException {
        options.requireKnownProperties(this);
        return connectTo(address, options);
    }

    /** The benchmark side, with options already checked: see {@link TransportProvider#bind}. */
    protected abstract Binding createBinding(TransportOptions options) throws IOException;

    /** The peer side, with options already checked: see {@link TransportProvider#connect}. */
    protected abstract Transport connectTo(String address, TransportOptions options) throws IOException;

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + alias + "]";
    }
}
