package dev.ipcbench.transport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Settings for one transport: deadlines, an optional lower message-size limit, named
 * provider-specific options (for example {@code wait=spin}), and the run's secret, which the peer
 * proves it holds when it connects. Immutable; {@code with*} methods return a changed copy. The
 * secret never appears in {@link #toArguments()} or {@link #toString()}: a command line is public.
 */
public final class TransportOptions {

    /** Default deadline of one send or receive. */
    public static final Duration DEFAULT_IO_TIMEOUT = Duration.ofSeconds(10);

    /** Default deadline for the two sides to find each other. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);

    private static final byte[] NO_SECRET = new byte[0];

    private static final TransportOptions DEFAULTS =
            new TransportOptions(DEFAULT_IO_TIMEOUT, DEFAULT_CONNECT_TIMEOUT, Integer.MAX_VALUE, Map.of(), NO_SECRET);

    private final Duration ioTimeout;
    private final Duration connectTimeout;
    private final int maxMessageSize;
    private final Map<String, String> properties;
    private final byte[] secret;

    private TransportOptions(
            Duration ioTimeout,
            Duration connectTimeout,
            int maxMessageSize,
            Map<String, String> properties,
            byte[] secret) {
        this.ioTimeout = ioTimeout;
        this.connectTimeout = connectTimeout;
        this.maxMessageSize = maxMessageSize;
        this.properties = Collections.unmodifiableMap(new TreeMap<>(properties));
        this.secret = secret;
    }

    /** The defaults: 10 s I/O deadline, 30 s connect deadline, the transport's own size limit. */
    public static TransportOptions defaults() {
        return DEFAULTS;
    }

    /** Deadline of one send or receive; zero means wait forever (used by the peer). */
    public Duration ioTimeout() {
        return ioTimeout;
    }

    /** Deadline for accept and connect. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** A limit below the transport's own maximum message size, or {@code Integer.MAX_VALUE}. */
    public int maxMessageSize() {
        return maxMessageSize;
    }

    /** The run's secret, which a connecting peer must prove it holds; empty when none was set. */
    public byte[] secret() {
        return secret.clone();
    }

    /** The provider-specific options, sorted by name. */
    public Map<String, String> properties() {
        return properties;
    }

    /** A provider-specific option, or {@code fallback} when it is not set. */
    public String property(String name, String fallback) {
        return properties.getOrDefault(name, fallback);
    }

    /**
     * Checks that every provider-specific option is one of {@code provider}'s {@link
     * TransportProvider#options()}.
     *
     * @throws IllegalArgumentException naming the unknown option and the known ones
     */
    public void requireKnownProperties(TransportProvider provider) {
        requireKnownProperties(
                provider.alias(),
                provider.options().stream().map(TransportOption::name).toList());
    }

    /**
     * Checks that every provider-specific option is one of {@code known}.
     *
     * @throws IllegalArgumentException naming the unknown option and the known ones
     */
    public void requireKnownProperties(String alias, java.util.Collection<String> known) {
        for (String name : properties.keySet()) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException(alias + ": unknown option '" + name + "'; "
                        + (known.isEmpty()
                                ? "this transport takes none"
                                : "known options: " + String.join(", ", known)));
            }
        }
    }

    /** A provider-specific option parsed as a size (plain bytes, or with a K, M or G suffix). */
    public long sizeProperty(String name, long fallback) {
        String value = properties.get(name);
        return value == null ? fallback : Sizes.parse(value, "option " + name);
    }

    public TransportOptions withIoTimeout(Duration timeout) {
        return new TransportOptions(
                checkDuration(timeout, "ioTimeout"), connectTimeout, maxMessageSize, properties, secret);
    }

    public TransportOptions withConnectTimeout(Duration timeout) {
        if (checkDuration(timeout, "connectTimeout").isZero()) {
            throw new IllegalArgumentException("connectTimeout must be positive");
        }
        return new TransportOptions(ioTimeout, timeout, maxMessageSize, properties, secret);
    }

    public TransportOptions withMaxMessageSize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("maxMessageSize must be at least 1 byte: " + size);
        }
        return new TransportOptions(ioTimeout, connectTimeout, size, properties, secret);
    }

    public TransportOptions withProperty(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (name.isEmpty() || name.contains("=")) {
            throw new IllegalArgumentException("option name must be non-empty and contain no '=': " + name);
        }
        Map<String, String> copy = new TreeMap<>(properties);
        copy.put(name, value);
        return new TransportOptions(ioTimeout, connectTimeout, maxMessageSize, copy, secret);
    }

    /** These options with the run's secret. */
    public TransportOptions withSecret(byte[] secret) {
        Objects.requireNonNull(secret, "secret");
        return new TransportOptions(ioTimeout, connectTimeout, maxMessageSize, properties, secret.clone());
    }

    /** These options as command-line arguments that {@link #fromArguments} reads back (not the secret). */
    public List<String> toArguments() {
        List<String> args = new ArrayList<>();
        args.add("--io-timeout-ms");
        args.add(Long.toString(ioTimeout.toMillis()));
        args.add("--connect-timeout-ms");
        args.add(Long.toString(connectTimeout.toMillis()));
        args.add("--max-message");
        args.add(Integer.toString(maxMessageSize));
        properties.forEach((k, v) -> {
            args.add("--option");
            args.add(k + "=" + v);
        });
        return args;
    }

    /**
     * Applies one argument pair as written by {@link #toArguments}.
     *
     * @return the options with that setting applied, or {@code null} when the argument is not one
     *     of ours
     */
    public TransportOptions applyArgument(String name, String value) {
        switch (name) {
            case "--io-timeout-ms":
                return withIoTimeout(Duration.ofMillis(number(name, value, Long.MAX_VALUE)));
            case "--connect-timeout-ms":
                return withConnectTimeout(Duration.ofMillis(number(name, value, Long.MAX_VALUE)));
            case "--max-message":
                return withMaxMessageSize((int) number(name, value, Integer.MAX_VALUE));
            case "--option":
                int eq = value.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("--option takes NAME=VALUE, got: " + value);
                }
                return withProperty(value.substring(0, eq), value.substring(eq + 1));
            default:
                return null;
        }
    }

    /** Parses the output of {@link #toArguments}. */
    public static TransportOptions fromArguments(List<String> args) {
        TransportOptions options = defaults();
        for (int i = 0; i + 1 < args.size(); i += 2) {
            TransportOptions next = options.applyArgument(args.get(i), args.get(i + 1));
            if (next == null) {
                throw new IllegalArgumentException("unknown transport option: " + args.get(i));
            }
            options = next;
        }
        return options;
    }

    /** A whole number from 0 to {@code max}, or an error naming the option. */
    private static long number(String name, String value, long max) {
        long n;
        try {
            n = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " takes a whole number, got: " + value, e);
        }
        if (n < 0 || n > max) {
            throw new IllegalArgumentException(name + " must be from 0 to " + max + ", got: " + value);
        }
        return n;
    }

    private static Duration checkDuration(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative: " + d);
        }
        return d;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransportOptions other
                && ioTimeout.equals(other.ioTimeout)
                && connectTimeout.equals(other.connectTimeout)
                && maxMessageSize == other.maxMessageSize
                && properties.equals(other.properties)
                && java.util.Arrays.equals(secret, other.secret);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ioTimeout, connectTimeout, maxMessageSize, properties);
    }

    @Override
    public String toString() {
        return "TransportOptions[ioTimeout=" + ioTimeout + ", connectTimeout=" + connectTimeout + ", maxMessageSize="
                + maxMessageSize + ", properties=" + properties + (secret.length > 0 ? ", secret set" : "") + "]";
    }
}
