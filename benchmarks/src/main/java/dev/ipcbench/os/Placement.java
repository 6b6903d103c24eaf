package dev.ipcbench.os;

import java.util.List;
import java.util.Locale;

/**
 * Where the benchmark process and its peer run. On a virtual machine (and many servers) this
 * decides a round trip more than the mechanism does: a wake-up on another core costs tens of
 * microseconds, on the same core a few.
 */
public enum Placement {
    /** Both processes on one CPU: no cross-core wake-ups; a busy-spinning side starves the other. */
    SAME,
    /** The benchmark process on one CPU, the peer on another: every message crosses cores. */
    CROSS,
    /** The scheduler decides, and may move either process at any time. */
    ANY;

    /** The name on the command line and in results. */
    public String argument() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code same}, {@code cross} or {@code any}. */
    public static Placement parse(String text) {
        for (Placement p : values()) {
            if (p.argument().equals(text)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown placement '" + text + "'; known: same, cross, any");
    }

    /**
     * The placement a run gets when none is asked for: {@link #CROSS} where two CPUs can be pinned
     * (reproducible, every wait strategy can run, and it is what two busy processes get on a real
     * machine), else {@link #SAME} where one can, else {@link #ANY}.
     */
    public static Placement defaultFor(Affinity affinity) {
        if (affinity.canPin(CROSS)) {
            return CROSS;
        }
        return affinity.canPin(SAME) ? SAME : ANY;
    }

    /** All names, for messages. */
    public static List<String> arguments() {
        return List.of("same", "cross", "any");
    }
}
