package dev.ipcbench.cli;

import dev.ipcbench.report.EnvironmentFile;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Version;

/**
 * How long JMH measures: forks, warm-up and measurement iterations, and the round-trip modes. The
 * command, the time estimate and {@code environment.json} all read them from here.
 *
 * @param name {@code quick} or {@code full}
 * @param roundTripModes the JMH modes of the round-trip benchmark; the mean comes from AverageTime
 *     when it ran, else from SampleTime's mean
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
     * A first look: 1 fork, 2 × 500 ms warm-up, 5 × 300 ms measurement, round trips in SampleTime
     * only (its mean stands in for AverageTime). Five short iterations rather than three long ones:
     * the same time, and enough iterations for their spread, and JMH's error, to mean something.
     */
    public static final JmhSettings QUICK =
            new JmhSettings("quick", 1, 2, Duration.ofMillis(500), 5, Duration.ofMillis(300), List.of(Mode.SampleTime));

    /**
     * Numbers to publish: 5 forks, 3 × 1 s warm-up, 5 × 1 s measurement, both round-trip modes.
     * Forks are what {@code compare} counts as independent samples, and with fewer than 4 on each
     * side no rank test can reach p &lt; 0.05; five forks of short iterations take the time three
     * forks of long ones took.
     */
    public static final JmhSettings FULL = new JmhSettings(
            "full", 5, 3, Duration.ofSeconds(1), 5, Duration.ofSeconds(1), List.of(Mode.AverageTime, Mode.SampleTime));

    /**
     * What one fork costs besides its iterations on 2 cores (starting and ending both JVMs, the
     * handshake); 98 quick runs measured about 0.8 s each. Only the printed estimate uses it.
     */
    public static final Duration FORK_OVERHEAD = Duration.ofMillis(1000);

    public JmhSettings {
        roundTripModes = List.copyOf(roundTripModes);
        if (forks < 1 || warmupIterations < 0 || measurementIterations < 1 || roundTripModes.isEmpty()) {
            throw new UsageException("JMH settings need at least 1 fork, 1 measurement iteration and 1 mode");
        }
    }

    /** These settings with what JMH options given on the command line set instead. */
    public JmhSettings with(Options jmh) {
        return new JmhSettings(
                name,
                jmh.getForkCount().orElse(forks),
                jmh.getWarmupIterations().orElse(warmupIterations),
                jmh.getWarmupTime().hasValue() ? duration(jmh.getWarmupTime().get()) : warmupTime,
                jmh.getMeasurementIterations().orElse(measurementIterations),
                jmh.getMeasurementTime().hasValue()
                        ? duration(jmh.getMeasurementTime().get())
                        : measurementTime,
                jmh.getBenchModes().isEmpty() ? roundTripModes : List.copyOf(jmh.getBenchModes()));
    }

    private static Duration duration(TimeValue t) {
        return Duration.ofNanos(t.convertTo(TimeUnit.NANOSECONDS));
    }

    /** The number of JMH runs (parameter set × mode) for {@code combinations} of one benchmark; 0 for the open loop. */
    public int runs(BenchmarkKind kind, int combinations) {
        if (!kind.isJmh()) {
            return 0;
        }
        return kind == BenchmarkKind.ROUND_TRIP ? combinations * roundTripModes.size() : combinations;
    }

    /** The estimated wall time of one JMH run, every fork included. */
    public Duration perRun() {
        return FORK_OVERHEAD
                .plus(warmupTime.multipliedBy(warmupIterations))
                .plus(measurementTime.multipliedBy(measurementIterations))
                .multipliedBy(forks);
    }

    /** Applies these settings to JMH options for {@code kind}. */
    public ChainedOptionsBuilder apply(ChainedOptionsBuilder options, BenchmarkKind kind) {
        options.forks(forks)
                .warmupIterations(warmupIterations)
                .warmupTime(TimeValue.milliseconds(warmupTime.toMillis()))
                .measurementIterations(measurementIterations)
                .measurementTime(TimeValue.milliseconds(measurementTime.toMillis()));
        if (kind == BenchmarkKind.ROUND_TRIP) {
            roundTripModes.forEach(options::mode);
        } else {
            options.mode(Mode.Throughput);
        }
        return options;
    }

    /** These settings for {@code environment.json}, with the JMH options passed through as given. */
    public EnvironmentFile.Jmh toFile(List<String> passedThrough) {
        return new EnvironmentFile.Jmh(
                Version.getPlainVersion(),
                name,
                forks,
                warmupIterations,
                warmupTime.toMillis(),
                measurementIterations,
                measurementTime.toMillis(),
                roundTripModes.stream().map(Mode::shortLabel).toList(),
                passedThrough.isEmpty() ? null : List.copyOf(passedThrough));
    }

    /** One line, for the command's output. */
    public String describe() {
        return name + ": " + forks + (forks == 1 ? " fork, " : " forks, ") + warmupIterations + " x "
                + Durations.format(warmupTime) + " warm-up, " + measurementIterations + " x "
                + Durations.format(measurementTime) + " measurement; round trips in "
                + String.join(" and ", roundTripModes.stream().map(Mode::name).toList());
    }
}
