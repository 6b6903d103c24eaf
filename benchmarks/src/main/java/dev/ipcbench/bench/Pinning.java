package dev.ipcbench.bench;

import dev.ipcbench.os.Affinity;
import dev.ipcbench.os.Placement;
import java.io.IOException;
import java.util.List;

/**
 * A placement applied to this benchmark process and its peer: this process (all its threads) is
 * pinned with taskset, and the peer is started under {@code taskset -c CPU}, or, for the
 * in-process baseline, its thread pins itself. Where the placement cannot be applied (no taskset,
 * one CPU, not Linux), nothing is pinned and a line on standard output says why.
 */
final class Pinning {

    /** The placement's parameter default in the benchmarks. */
    static final String DEFAULT = "cross";

    private final Affinity affinity;
    private final Placement applied;

    private Pinning(Affinity affinity, Placement applied) {
        this.affinity = affinity;
        this.applied = applied;
    }

    /** Parses the benchmark parameter. */
    static Placement parse(String placement) {
        return Placement.parse(placement);
    }

    /** Applies {@code requested} to this process, or falls back to {@link Placement#ANY}. */
    static Pinning apply(Placement requested) throws IOException {
        Affinity affinity = Affinity.detect();
        String why = affinity.whyNot(requested);
        if (why != null) {
            System.out.println("ipcbench: placement " + requested.argument() + " is not possible here (" + why
                    + "); running with placement any");
            return new Pinning(affinity, Placement.ANY);
        }
        if (requested != Placement.ANY) {
            affinity.pin(ProcessHandle.current().pid(), affinity.benchmarkCpu(requested));
        }
        return new Pinning(affinity, requested);
    }

    /** The placement in force. */
    Placement applied() {
        return applied;
    }

    /** The command prefix that starts the peer on its CPU; empty for {@link Placement#ANY}. */
    List<String> peerPrefix() {
        return applied == Placement.ANY ? List.of() : affinity.prefix(affinity.peerCpu(applied));
    }

    /** Pins the calling thread (the baseline's peer thread) to the peer's CPU. */
    void pinPeerThread() throws IOException {
        if (applied != Placement.ANY) {
            affinity.pinCurrentThread(affinity.peerCpu(applied));
        }
    }
}
