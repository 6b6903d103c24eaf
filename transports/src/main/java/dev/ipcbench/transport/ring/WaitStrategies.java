package dev.ipcbench.transport.ring;

import dev.ipcbench.transport.TransportOption;
import java.util.List;
import java.util.stream.Collectors;

/** Finds a {@link WaitStrategy} by alias ({@code spin}, {@code yield}, {@code backoff}, {@code park}) or class name. */
public final class WaitStrategies {

    /** The name of the transport option that selects the strategy. */
    public static final String OPTION = TransportOption.WAIT;

    /** The strategy used when none is named. */
    public static final String DEFAULT = BackoffWaitStrategy.ALIAS;

    private static final List<WaitStrategy> BUILT_IN = List.of(
            new BusySpinWaitStrategy(),
            new YieldingWaitStrategy(),
            new BackoffWaitStrategy(),
            new ParkingWaitStrategy());

    private WaitStrategies() {}

    /** The built-in strategies, fastest (and hungriest) first. */
    public static List<WaitStrategy> builtIn() {
        return BUILT_IN;
    }

    /** The aliases of the built-in strategies. */
    public static List<String> aliases() {
        return BUILT_IN.stream().map(WaitStrategy::alias).toList();
    }

    /**
     * The strategy with this alias, or the class of this name (with a public no-argument
     * constructor).
     *
     * @throws IllegalArgumentException naming the known aliases when there is none
     */
    public static WaitStrategy parse(String name) {
        for (WaitStrategy w : BUILT_IN) {
            if (w.alias().equals(name)) {
                return w;
            }
        }
        if (name.contains(".")) {
            try {
                Class<?> c = Class.forName(name);
                return (WaitStrategy) c.getConstructor().newInstance();
            } catch (ReflectiveOperationException | ClassCastException e) {
                throw new IllegalArgumentException("wait strategy class '" + name + "' cannot be used: " + e, e);
            }
        }
        throw new IllegalArgumentException("unknown wait strategy '" + name + "'; known: "
                + BUILT_IN.stream().map(WaitStrategy::alias).collect(Collectors.joining(", "))
                + ", or a WaitStrategy class name");
    }
}
