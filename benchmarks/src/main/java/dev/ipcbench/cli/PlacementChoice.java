package dev.ipcbench.cli;

import dev.ipcbench.os.Affinity;
import dev.ipcbench.os.Placement;
import dev.ipcbench.report.EnvironmentFile;

/**
 * The placement a run asked for, the one it got, the CPUs used, and why it fell back when it did;
 * recorded in {@code environment.json}.
 *
 * @param requested what was asked for ({@code null}: nothing, the default was taken)
 * @param applied what the benchmarks run with
 * @param fallbackReason why {@code applied} differs from the request, or {@code null}
 */
record PlacementChoice(Placement requested, Placement applied, int benchmarkCpu, int peerCpu, String fallbackReason) {

    /**
     * Decides the placement for a run.
     *
     * @param requested the {@code --placement} argument, or {@code null} for the default
     */
    static PlacementChoice decide(Placement requested, Affinity affinity) {
        Placement wanted = requested == null ? Placement.defaultFor(affinity) : requested;
        String why = affinity.whyNot(wanted);
        Placement applied = why == null ? wanted : Placement.ANY;
        return new PlacementChoice(
                requested == null ? null : wanted,
                applied,
                affinity.canPin(applied) && applied != Placement.ANY ? affinity.benchmarkCpu(applied) : -1,
                affinity.canPin(applied) && applied != Placement.ANY ? affinity.peerCpu(applied) : -1,
                why);
    }

    /** One line for the terminal. */
    String describe() {
        StringBuilder sb = new StringBuilder(applied.argument());
        if (applied != Placement.ANY) {
            sb.append(" (benchmark on CPU ")
                    .append(benchmarkCpu)
                    .append(", peer on CPU ")
                    .append(peerCpu)
                    .append(')');
        }
        if (requested == null) {
            sb.append(", the default");
        }
        if (fallbackReason != null) {
            sb.append("; ")
                    .append(requested == null ? "the default" : requested.argument())
                    .append(" is not possible here: ")
                    .append(fallbackReason);
        }
        return sb.toString();
    }

    /** The entry of {@code environment.json}. */
    EnvironmentFile.Placement toFile() {
        return new EnvironmentFile.Placement(
                requested == null ? "default" : requested.argument(),
                applied.argument(),
                benchmarkCpu < 0 ? null : benchmarkCpu,
                peerCpu < 0 ? null : peerCpu,
                fallbackReason);
    }
}
