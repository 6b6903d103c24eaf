package dev.ipcbench.transport;

import java.util.List;
import java.util.Objects;

/**
 * One provider-specific option a transport accepts ({@code --option NAME=VALUE}, {@link
 * TransportOptions#withProperty}): its name, what it means, its default, and, where the choice is
 * among names, those names.
 *
 * @param values the names it accepts, in the order users should read them; empty when the value is
 *     free-form (a size, an address) and checked by the provider
 */
public record TransportOption(String name, String description, String defaultValue, List<String> values) {

    /** The option that selects how a side waits for the other (spin, yield, backoff, park...). */
    public static final String WAIT = "wait";

    public TransportOption {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(defaultValue, "defaultValue");
        values = List.copyOf(values);
        if (name.isEmpty() || name.contains("=")) {
            throw new IllegalArgumentException("option name must be non-empty and contain no '=': " + name);
        }
    }

    /** An option whose value is free-form. */
    public static TransportOption of(String name, String description, String defaultValue) {
        return new TransportOption(name, description, defaultValue, List.of());
    }

    /** An option whose value is one of {@code values}. */
    public static TransportOption choice(String name, String description, String defaultValue, List<String> values) {
        return new TransportOption(name, description, defaultValue, values);
    }
}
