package dev.ipcbench.cli;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * How long JMH measures: forks, warm-up and measurement iterations, and the round-trip modes. All
 * settings live here, so the command, the time estimate and {@code environment.json} agree.
 *
 * @param name {@code quick} or {@code full}
 * @param roundTripModes the JMH modes of the round-trip benchmark; the summary's mean comes from
 *     AverageTime when it ran, else from SampleTime's mean
 */
public record JmhSettings(
        String name,
        int forks,
        int warmupIterations,
        Duration warmupTime,
        int measurementIterations,
        Duration measurementTime,
        List<Mode> roundTripModes) {

    /**
     * A first look in a few minutes: one fork, two short warm-up and three short measurement
     * iterations, and round trips in SampleTime only (its mean stands in for AverageTime). Sized so
     * every transport at the four default sizes, both benchmarks and two wait strategies for the
     * shared-memory transports (98 runs) fit in 10 minutes on a 2-core machine (about 6 minutes).
     */
    public static final JmhSettings QUICK =
            new JmhSettings("quick", 1, 2, Duration.ofMillis(500), 3, Duration.ofMillis(500), List.of(Mode.SampleTime));

    /** Numbers to publish: 3 forks, 5 × 1 s warm-up, 10 × 1 s measurement, both round-trip modes. */
    public static final JmhSettings FULL = new JmhSettings(
            "full", 3, 5, Duration.ofSeconds(1), 10, Duration.ofSeconds(1), List.of(Mode.AverageTime, Mode.SampleTime));

    /**
     * What one fork costs besides its iterations on a 2-core machine: starting the benchmark JVM,
     * starting the peer JVM and its handshake, and ending both. An estimate, used only for the
     * time printed before a run.
     */
    public static final Duration FORK_OVERHEAD = Duration.ofMillis(1000); // 98 quick runs measured ~0.8 s each

    public JmhSettings {
        roundTripModes = List.copyOf(roundTripModes);
        if (forks < 1 || warmupIterations < 0 || measurementIterations < 1 || roundTripModes.isEmpty()) {
            throw new IllegalArgumentException("JMH settings need at least 1 fork, 1 measurement iteration and 1 mode");
        }
    }

    /** The number of JMH runs (parameter set × mode) for {@code combinations} of one benchmark. */
    public int runs(BenchmarkKind kind, int combinations) {
        return kind == BenchmarkKind.ROUND_TRIP ? combinations * roundTripModes.size() : combinations;
    }

    /** The estimated wall time of one JMH run, every fork included. */
    public Duration perRun() {
        Duration fork = FORK_OVERHEAD
                .plus(warmupTime.multipliedBy(warmupIterations))
                .plus(measurementTime.multipliedBy(measurementIterations));
        return fork.multipliedBy(forks);
    }

    /** The estimated wall time of {@code runs} JMH runs. */
    public Duration estimate(int runs) {
        return perRun().multipliedBy(runs);
    }

    /** Applies these settings to JMH options for {@code kind}. */
    public ChainedOptionsBuilder apply(ChainedOptionsBuilder options, BenchmarkKind kind) {
        options.forks(forks)
                .warmupIterations(warmupIterations)
                .warmupTime(TimeValue.milliseconds(warmupTime.toMillis()))
                .measurementIterations(measurementIterations)
                .measurementTime(TimeValue.milliseconds(measurementTime.toMillis()));
        if (kind == BenchmarkKind.ROUND_TRIP) {
            for (Mode m : roundTripModes) {
                options.mode(m);
            }
        }
        return options;
    }

    /** These settings for {@code environment.json}. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", name);
        m.put("forks", forks);
        m.put("warmupIterations", warmupIterations);
        m.put("warmupTimeMillis", warmupTime.toMillis());
        m.put("measurementIterations", measurementIterations);
        m.put("measurementTimeMillis", measurementTime.toMillis());
        m.put("roundTripModes", roundTripModes.stream().map(Mode::shortLabel).toList());
        return m;
    }

    /** A one-line description, for the command's output. */
    public String describe() {
        return name + ": " + forks + (forks == 1 ? " fork, " : " forks, ") + warmupIterations + " x "
                + Durations.format(warmupTime) + " warm-up, " + measurementIterations + " x "
                + Durations.format(measurementTime) + " measurement; round trips in "
                + String.join(" and ", roundTripModes.stream().map(Mode::name).toList());
    }
}
