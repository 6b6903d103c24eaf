package dev.ipcbench.transport;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The transports found on the class path, by alias. */
public final class TransportRegistry {

    private final Map<String, TransportProvider> byAlias;

    private TransportRegistry(Map<String, TransportProvider> byAlias) {
        this.byAlias = Collections.unmodifiableMap(byAlias);
    }

    /**
     * Loads every {@link TransportProvider} registered with {@link ServiceLoader}.
     *
     * @throws IllegalStateException when two providers claim one alias
     */
    public static TransportRegistry load() {
        return of(ServiceLoader.load(TransportProvider.class, TransportRegistry.class.getClassLoader()));
    }

    /** A registry of the given providers. */
    public static TransportRegistry of(Iterable<? extends TransportProvider> providers) {
        Map<String, TransportProvider> map = new TreeMap<>();
        for (TransportProvider p : providers) {
            TransportProvider previous = map.putIfAbsent(p.alias(), p);
            if (previous != null) {
                throw new IllegalStateException("two transport providers claim the alias '" + p.alias() + "': "
                        + previous.getClass().getName() + " and " + p.getClass().getName());
            }
        }
        return new TransportRegistry(map);
    }

    /** Every provider, sorted by alias. */
    public List<TransportProvider> providers() {
        return new ArrayList<>(byAlias.values());
    }

    /** Every alias, sorted. */
    public List<String> aliases() {
        return new ArrayList<>(byAlias.keySet());
    }

    /**
     * The provider with this alias.
     *
     * @throws IllegalArgumentException naming the known aliases when there is none
     */
    public TransportProvider get(String alias) {
        TransportProvider p = byAlias.get(alias);
        if (p == null) {
            throw new IllegalArgumentException(
                    "unknown transport '" + alias + "'; known transports: " + String.join(", ", byAlias.keySet()));
        }
        return p;
    }
}
