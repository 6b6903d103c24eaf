package dev.ipcbench.bench;

import dev.ipcbench.os.Placement;
import dev.ipcbench.transport.Capabilities;
import dev.ipcbench.transport.Sizes;
import dev.ipcbench.transport.TransportOption;
import dev.ipcbench.transport.TransportOptions;
import dev.ipcbench.transport.TransportProvider;
import dev.ipcbench.transport.TransportRegistry;
import dev.ipcbench.transport.ring.MappedRing;
import dev.ipcbench.transport.ring.WaitStrategies;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * Decides whether a benchmark combination (transport, message size, wait strategy) can run on this
 * machine, and says why when it cannot. The benchmarks' setup and the {@code ipcbench} command share
 * this one check, so a plain JMH run and the command skip exactly the same combinations for the
 * same reasons.
 *
 * <p>Besides the transports in the {@link TransportRegistry}, it knows the in-process baseline
 * {@value #BASELINE}, which always sorts first.
 */
public final class Combinations {

    /** Alias of the in-process baseline: two threads of one JVM, no process boundary. */
    public static final String BASELINE = "inproc";

    /** The {@code wait} parameter value meaning "the transport's own default". */
    public static final String DEFAULT_WAIT = "default";

    /** The largest message of the in-process baseline: the largest Java buffer. */
    public static final int BASELINE_MAX_MESSAGE = Capabilities.MAX_FRAMED_MESSAGE;

    private static final String BASELINE_MECHANISM =
            "baseline: two threads of one JVM exchanging messages, no process boundary";

    private final TransportRegistry registry;

    /** Combinations over the transports of {@code registry}, plus the baseline. */
    public Combinations(TransportRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** Combinations over every transport found on the class path, plus the baseline. */
    public static Combinations load() {
        return new Combinations(TransportRegistry.load());
    }

    /** The registry behind these combinations. */
    public TransportRegistry registry() {
        return registry;
    }

    /** Every alias: the baseline first, then the registered transports sorted by alias. */
    public List<String> aliases() {
        List<String> all = new ArrayList<>();
        all.add(BASELINE);
        for (String a : registry.aliases()) {
            if (!a.equals(BASELINE)) {
                all.add(a);
            }
        }
        return all;
    }

    /** Whether {@code alias} names the baseline or a registered transport. */
    public boolean isKnown(String alias) {
        return BASELINE.equals(alias) || registry.aliases().contains(alias);
    }

    /** Whether {@code alias} names the in-process baseline. */
    public static boolean isBaseline(String alias) {
        return BASELINE.equals(alias);
    }

    /**
     * The wait strategies the transport takes besides {@value #DEFAULT_WAIT}, from its provider's
     * {@value TransportOption#WAIT} option (the baseline: the rings' own); empty when it has none.
     */
    public List<String> waitStrategies(String alias) {
        if (isBaseline(alias)) {
            return WaitStrategies.aliases();
        }
        return provider(alias)
                .option(TransportOption.WAIT)
                .map(TransportOption::values)
                .orElse(List.of());
    }

    /** Whether the transport takes a wait strategy other than {@value #DEFAULT_WAIT}. */
    public boolean hasWaitStrategies(String alias) {
        return !waitStrategies(alias).isEmpty();
    }

    /** Every wait strategy some transport takes, in the order the transports list them. */
    public List<String> allWaitStrategies() {
        LinkedHashSet<String> all = new LinkedHashSet<>();
        aliases().forEach(a -> all.addAll(waitStrategies(a)));
        return new ArrayList<>(all);
    }

    /** Whether {@code wait} is {@value #DEFAULT_WAIT} or a wait strategy of some transport. */
    public boolean isKnownWait(String wait) {
        return DEFAULT_WAIT.equals(wait) || allWaitStrategies().contains(wait);
    }

    /**
     * The message for an unknown alias, listing the known ones.
     */
    public String unknownTransportMessage(String alias) {
        return "unknown transport '" + alias + "'; known transports: " + String.join(", ", aliases());
    }

    /**
     * The provider of a registered transport.
     *
     * @throws IllegalArgumentException for the baseline, which has none, and for unknown aliases
     */
    public TransportProvider provider(String alias) {
        if (isBaseline(alias)) {
            throw new IllegalArgumentException(BASELINE + " is the in-process baseline; it has no provider");
        }
        if (!isKnown(alias)) {
            throw new IllegalArgumentException(unknownTransportMessage(alias));
        }
        return registry.get(alias);
    }

    /** One line saying what the transport is. */
    public String mechanism(String alias) {
        return isBaseline(alias) ? BASELINE_MECHANISM : provider(alias).mechanism();
    }

    /**
     * The native reference's mechanism for the transport (see {@link
     * TransportProvider#nativeReference()}), or {@code null}; the in-process baseline has none (the
     * reference measures two processes).
     */
    public String nativeReference(String alias) {
        return isBaseline(alias) ? null : provider(alias).nativeReference();
    }

    /** Whether every message sent is delivered (false for transports that may lose messages). */
    public boolean reliable(String alias) {
        return isBaseline(alias) || provider(alias).capabilities().reliable();
    }

    /** Transports whose largest message is below this get receive buffers larger than it. */
    static final int DIRECT_RECEIVE_LIMIT = 1 << 20;

    /**
     * The receive buffer for messages of up to {@code size} bytes: the size plus {@code slack}, and,
     * for a transport whose largest message is small (datagrams), room for more than its largest
     * message, so that it can receive straight into the buffer without a copy.
     */
    public int receiveBuffer(String alias, int size, int slack) {
        int buffer = Math.addExact(size, slack);
        int max = maxMessageSize(alias, TransportOptions.defaults());
        return max < DIRECT_RECEIVE_LIMIT ? Math.max(buffer, max + 1) : buffer;
    }

    /** How many messages of {@code size} bytes may be in flight without loss (see {@link TransportProvider#maxInFlight}). */
    public int maxInFlight(String alias, int size) {
        return isBaseline(alias) ? Integer.MAX_VALUE : provider(alias).maxInFlight(size);
    }

    /** Why the transport cannot be used here, or {@code null} when it can. */
    public String unavailabilityCause(String alias) {
        return isBaseline(alias) ? null : provider(alias).unavailabilityCause();
    }

    /**
     * The transport options for a wait strategy: the defaults, plus the {@value
     * TransportOption#WAIT} option unless {@code wait} is {@value #DEFAULT_WAIT}.
     */
    public static TransportOptions options(String wait) {
        TransportOptions options = TransportOptions.defaults();
        return DEFAULT_WAIT.equals(wait) ? options : options.withProperty(TransportOption.WAIT, wait);
    }

    /** The largest message the transport carries with these options. */
    public int maxMessageSize(String alias, TransportOptions options) {
        if (isBaseline(alias)) {
            return Math.min(BASELINE_MAX_MESSAGE, options.maxMessageSize());
        }
        return provider(alias).maxMessageSize(options);
    }

    /**
     * Why the combination cannot run here, or {@code null} when it can. Checked in this order:
     * unknown transport, unknown wait strategy, wait strategy given to a transport without any,
     * transport unavailable, size out of range.
     */
    public String whyInvalid(String alias, long size, String wait) {
        return whyInvalid(alias, size, wait, Placement.ANY);
    }

    /**
     * Like {@link #whyInvalid(String, long, String)}, and also refuses what the transport says it
     * cannot do with both processes on one CPU (busy-spin waiting: the spinning side holds the CPU
     * the other side needs to answer).
     */
    public String whyInvalid(String alias, long size, String wait, Placement placement) {
        if (alias == null || !isKnown(alias)) {
            return unknownTransportMessage(alias);
        }
        if (wait == null || !DEFAULT_WAIT.equals(wait) && !waitStrategies(alias).contains(wait)) {
            return hasWaitStrategies(alias)
                    ? "unknown wait strategy '" + wait + "' for " + alias + "; known: " + DEFAULT_WAIT + ", "
                            + String.join(", ", waitStrategies(alias))
                    : alias + " has no wait strategies, so wait must be '" + DEFAULT_WAIT + "', not '" + wait
                            + "' (wait strategies apply to " + String.join(", ", withWaitStrategies()) + ")";
        }
        if (placement == Placement.SAME) {
            String why = isBaseline(alias)
                    ? MappedRing.whyNotOnOneCpu(options(wait))
                    : provider(alias).whyNotOnOneCpu(options(wait));
            if (why != null) {
                return why;
            }
        }
        String cause = unavailabilityCause(alias);
        if (cause != null) {
            return alias + " is not available here: " + cause;
        }
        if (size < 1) {
            return "message size must be at least 1 byte, not " + size;
        }
        int max = maxMessageSize(alias, options(wait));
        if (size > max) {
            return alias + " carries at most " + describe(max) + " per message; " + describe(size) + " is over it";
        }
        return null;
    }

    /** The transports that take a wait strategy, baseline first. */
    public List<String> withWaitStrategies() {
        return aliases().stream().filter(this::hasWaitStrategies).toList();
    }

    /** A size as {@code 64 B}, or {@code 128 KiB (131072 bytes)} when the unit hides the exact count. */
    private static String describe(long bytes) {
        String formatted = Sizes.format(bytes);
        return formatted.endsWith(" B") ? formatted : formatted + " (" + bytes + " bytes)";
    }

    /** Whether the combination can run here. */
    public boolean isValid(String alias, long size, String wait) {
        return whyInvalid(alias, size, wait) == null;
    }

    /**
     * Checks the combination, for a benchmark's setup.
     *
     * @throws IllegalArgumentException naming the combination and the reason when it cannot run
     */
    public void requireValid(String alias, long size, String wait) {
        requireValid(alias, size, wait, Placement.ANY);
    }

    /** Checks the combination under a placement, for a benchmark's setup. */
    public void requireValid(String alias, long size, String wait, Placement placement) {
        String reason = whyInvalid(alias, size, wait, placement);
        if (reason != null) {
            throw new IllegalArgumentException("skipped: transport=" + alias + " size=" + size + " wait=" + wait
                    + " placement=" + placement.argument() + " cannot run here: " + reason
                    + " (JMH goes on with the other combinations and exits 0; give it -foe true to stop here"
                    + " with a non-zero exit code)");
        }
    }
}
