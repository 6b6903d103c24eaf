package dev.ipcbench.report;

import java.util.List;

/**
 * The secondary metrics the report reads, each under every label it has had: the throughput
 * benchmark's {@code @AuxCounters} were renamed ({@code messages} became {@code deliveredMessages},
 * {@code bytes} {@code deliveredBytes}, {@code lost} {@code lostMessages}), and results written
 * under either name must render.
 */
public enum Counter {
    /** Messages the sink acknowledged, per second. */
    DELIVERED_MESSAGES(Kind.RATE, "deliveredMessages", "messages"),
    /** Bytes the sink acknowledged, per second. */
    DELIVERED_BYTES(Kind.RATE, "deliveredBytes", "bytes"),
    /** Messages lost, summed over the measurement iterations. */
    LOST_MESSAGES(Kind.COUNT, "lostMessages", "lost"),
    /** CPU time of the benchmark process per operation, ns. */
    CPU_SELF(Kind.NANOS, "cpu.self"),
    /** CPU time of the peer process per operation, ns. */
    CPU_PEER(Kind.NANOS, "cpu.peer");

    private enum Kind {
        RATE,
        COUNT,
        NANOS
    }

    private final Kind kind;
    private final List<String> labels;

    Counter(Kind kind, String... labels) {
        this.kind = kind;
        this.labels = List.of(labels);
    }

    /** The labels, the current one first. */
    public List<String> labels() {
        return labels;
    }

    /** A score in JMH's {@code unit} as per second (rates), nanoseconds (CPU) or a plain count. */
    double convert(double value, String unit) {
        return switch (kind) {
            case RATE -> Units.toPerSecond(value, unit);
            case COUNT -> value;
            case NANOS -> Units.toMicros(value, unit) * 1e3;
        };
    }
}
