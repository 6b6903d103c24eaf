package dev.ipcbench.bench;

import dev.ipcbench.report.OpenLoopFile;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How the open-loop benchmark sweeps: the rates, the p99 bound that decides saturation, the warm-up,
 * how long each rate is measured, the window of the {@code max} rate, and an optional peer stall
 * (a developer check, never in a real run). {@code ipcbench run} builds them, passes them to {@link
 * OpenLoopMain} on its command line and records them.
 *
 * @param name {@code quick} or {@code full}
 * @param duration how long each rate is measured at least...
 * @param minMessages ...extended until this many replies have come back...
 * @param maxDuration ...but never longer than this
 * @param maxInFlight how many messages the {@code max} rate keeps in flight
 * @param stall stops the peer now and then, or {@code null} (the normal case)
 */
public record OpenLoopSettings(
        String name,
        List<OfferedRate> rates,
        Duration p99Bound,
        Duration warmup,
        Duration duration,
        long minMessages,
        Duration maxDuration,
        int maxInFlight,
        PeerStall.Spec stall) {

    /** The default saturation bound: p99 of 1 ms. */
    public static final Duration DEFAULT_P99_BOUND = Duration.ofMillis(1);

    /** Messages the {@code max} rate keeps in flight. */
    public static final int MAX_IN_FLIGHT = 128;

    /**
     * A first look: 500 ms warm-up, each rate 500 ms and up to 1 s for 10,000 replies; about 5 s a
     * sweep with the JVM's and the peer's start.
     */
    public static final OpenLoopSettings QUICK = new OpenLoopSettings(
            "quick",
            OfferedRate.DEFAULT_SWEEP,
            DEFAULT_P99_BOUND,
            Duration.ofMillis(500),
            Duration.ofMillis(500),
            10_000,
            Duration.ofSeconds(1),
            MAX_IN_FLIGHT,
            null);

    /**
     * Numbers to publish: 2 s warm-up, each rate 5 s and up to 20 s for 100,000 replies (enough for
     * a p99.99 that stands on 10 messages); about 50 s a sweep.
     */
    public static final OpenLoopSettings FULL = new OpenLoopSettings(
            "full",
            OfferedRate.DEFAULT_SWEEP,
            DEFAULT_P99_BOUND,
            Duration.ofSeconds(2),
            Duration.ofSeconds(5),
            100_000,
            Duration.ofSeconds(20),
            MAX_IN_FLIGHT,
            null);

    /** What starting the benchmark JVM, the peer and the rendezvous cost, for estimates only. */
    public static final Duration START_OVERHEAD = Duration.ofMillis(1500);

    public OpenLoopSettings {
        Objects.requireNonNull(name, "name");
        rates = List.copyOf(rates);
        if (rates.isEmpty()) {
            throw new IllegalArgumentException("no rate to sweep");
        }
        if (p99Bound.isNegative() || p99Bound.isZero()) {
            throw new IllegalArgumentException("the p99 bound must be above 0, not " + p99Bound);
        }
        if (warmup.isNegative() || duration.isNegative() || duration.isZero() || maxDuration.compareTo(duration) < 0) {
            throw new IllegalArgumentException("open-loop durations: warm-up >= 0, 0 < duration <= longest duration");
        }
        if (minMessages < 1 || maxInFlight < 1) {
            throw new IllegalArgumentException("open loop: at least 1 message, at least 1 in flight");
        }
    }

    /** These settings with other rates. */
    public OpenLoopSettings withRates(List<OfferedRate> newRates) {
        return new OpenLoopSettings(
                name, newRates, p99Bound, warmup, duration, minMessages, maxDuration, maxInFlight, stall);
    }

    /** These settings with another saturation bound. */
    public OpenLoopSettings withP99Bound(Duration bound) {
        return new OpenLoopSettings(name, rates, bound, warmup, duration, minMessages, maxDuration, maxInFlight, stall);
    }

    /** These settings with a peer stall (a developer check), or none for {@code null}. */
    public OpenLoopSettings withStall(PeerStall.Spec newStall) {
        return new OpenLoopSettings(
                name, rates, p99Bound, warmup, duration, minMessages, maxDuration, maxInFlight, newStall);
    }

    /**
     * How far the sender may fall behind its schedule before the rate is given up as saturated: the
     * measuring time, at most 1 s. A transport that cannot keep up would otherwise hold the sweep for
     * as long as the backlog takes to drain.
     */
    public Duration lagLimit() {
        return duration.compareTo(Duration.ofSeconds(1)) < 0 ? duration : Duration.ofSeconds(1);
    }

    /** The messages a rate is measured with: enough for the duration, extended to the minimum, capped by the longest duration. */
    public long messages(OfferedRate rate) {
        if (rate.isMax()) {
            return Long.MAX_VALUE; // the max rate runs for the duration
        }
        double forDuration = rate.perSecond() * (duration.toNanos() / 1e9);
        double cap = rate.perSecond() * (maxDuration.toNanos() / 1e9);
        return Math.max(1, (long) Math.min(Math.max(forDuration, minMessages), cap));
    }

    /** The longest a sweep of these settings can take, start included; for estimates. */
    public Duration sweepEstimate() {
        Duration d = START_OVERHEAD.plus(warmup);
        for (OfferedRate r : rates) {
            d = d.plus(r.isMax() ? duration : Duration.ofNanos((long) (messages(r) * r.intervalNanos())));
        }
        return d;
    }

    /** These settings as {@code openloop.json} and {@code environment.json} record them. */
    public OpenLoopFile.Settings toFile() {
        return new OpenLoopFile.Settings(
                name,
                rates.stream().map(OfferedRate::label).toList(),
                p99Bound.toNanos(),
                warmup.toMillis(),
                duration.toMillis(),
                minMessages,
                maxDuration.toMillis(),
                lagLimit().toMillis(),
                maxInFlight,
                OpenLoopMain.SHORTFALL_PERCENT,
                stall == null ? null : stall.describe());
    }

    /** One line for the terminal. */
    public String describe() {
        return name + ": rates "
                + String.join(",", rates.stream().map(OfferedRate::label).toList())
                + ", p99 bound " + format(p99Bound) + ", " + format(warmup) + " warm-up, each rate " + format(duration)
                + " (extended to " + String.format(Locale.ROOT, "%,d", minMessages) + " replies, at most "
                + format(maxDuration) + "), max with " + maxInFlight + " in flight"
                + (stall == null ? "" : ", PEER STALLED " + stall.describe());
    }

    /** The arguments that give {@link OpenLoopMain} these settings. */
    public List<String> toArguments() {
        List<String> args = new ArrayList<>(List.of(
                "--settings",
                name,
                "--rates",
                String.join(",", rates.stream().map(OfferedRate::label).toList()),
                "--p99-bound-ns",
                Long.toString(p99Bound.toNanos()),
                "--warmup-ms",
                Long.toString(warmup.toMillis()),
                "--duration-ms",
                Long.toString(duration.toMillis()),
                "--min-messages",
                Long.toString(minMessages),
                "--max-duration-ms",
                Long.toString(maxDuration.toMillis()),
                "--max-in-flight",
                Integer.toString(maxInFlight)));
        if (stall != null) {
            args.addAll(List.of("--stall", stall.argument()));
        }
        return args;
    }

    /**
     * Parses a duration: a number with a unit {@code ns}, {@code us} (or {@code µs}), {@code ms} or
     * {@code s}, for example {@code 1ms}, {@code 250us}, {@code 1.5ms}.
     *
     * @param option named in the error
     * @throws IllegalArgumentException when it is not a duration or not above zero
     */
    public static Duration parseDuration(String text, String option) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        String[][] units = {{"ns", "1"}, {"us", "1000"}, {"\u00b5s", "1000"}, {"ms", "1000000"}, {"s", "1000000000"}};
        for (String[] u : units) {
            if (t.endsWith(u[0])) {
                String number = t.substring(0, t.length() - u[0].length()).trim();
                try {
                    BigDecimal nanos = new BigDecimal(number).multiply(new BigDecimal(u[1]));
                    if (nanos.signum() <= 0) {
                        throw new IllegalArgumentException(option + ": '" + text.trim() + "' must be above 0");
                    }
                    return Duration.ofNanos(nanos.longValue());
                } catch (NumberFormatException | ArithmeticException e) {
                    break;
                }
            }
        }
        throw new IllegalArgumentException(option + ": '" + (text == null ? "" : text.trim())
                + "' is not a duration; write a number and a unit, for example 1ms, 500us, 2s");
    }

    /** A duration as {@code 1 ms}, {@code 250 us}, {@code 2 s}. */
    public static String format(Duration d) {
        long ns = d.toNanos();
        if (ns % 1_000_000_000L == 0) {
            return ns / 1_000_000_000L + " s";
        }
        if (ns >= 1_000_000 && ns % 1_000 == 0) {
            return BigDecimal.valueOf(ns, 6).stripTrailingZeros().toPlainString() + " ms";
        }
        if (ns % 1_000 == 0 || ns >= 1_000) {
            return BigDecimal.valueOf(ns, 3).stripTrailingZeros().toPlainString() + " us";
        }
        return ns + " ns";
    }
}
