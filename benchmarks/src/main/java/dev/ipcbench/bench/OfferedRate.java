package dev.ipcbench.bench;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * A rate the open-loop benchmark offers: messages per second on a fixed schedule, or {@link #MAX}:
 * as fast as the window of messages in flight allows. Written {@code 1k}, {@code 10k}, {@code
 * 2.5k}, {@code 1M}, {@code 500} or {@code max}.
 *
 * @param perSecond messages per second; {@link Long#MAX_VALUE} for {@link #MAX}
 */
public record OfferedRate(long perSecond) implements Comparable<OfferedRate> {

    /** As fast as the window allows: no schedule. */
    public static final OfferedRate MAX = new OfferedRate(Long.MAX_VALUE);

    /**
     * The highest rate a schedule driven by {@link System#nanoTime()} can honour here: one message
     * every 100 ns. A clock read costs about 25 ns and a send at least as much again, so a faster
     * schedule would only measure how far the sender falls behind it.
     */
    public static final long MAX_SCHEDULED = 10_000_000;

    /** The sweep when none is given: 1k, 10k, 100k, 1M, then max. */
    public static final List<OfferedRate> DEFAULT_SWEEP = List.of(
            new OfferedRate(1_000), new OfferedRate(10_000), new OfferedRate(100_000), new OfferedRate(1_000_000), MAX);

    public OfferedRate {
        if (perSecond < 1) {
            throw new IllegalArgumentException("a rate is at least 1 message per second, not " + perSecond);
        }
        if (perSecond > MAX_SCHEDULED && perSecond != Long.MAX_VALUE) {
            throw new IllegalArgumentException(tooHigh(Long.toString(perSecond)));
        }
    }

    /** Whether this is {@link #MAX}. */
    public boolean isMax() {
        return perSecond == Long.MAX_VALUE;
    }

    /** The nanoseconds between two messages on the schedule; 0 for {@link #MAX}. */
    public double intervalNanos() {
        return isMax() ? 0 : 1e9 / perSecond;
    }

    /** The rate as written: {@code 1k}, {@code 2.5k}, {@code 1M}, {@code 500}, {@code max}. */
    public String label() {
        if (isMax()) {
            return "max";
        }
        if (perSecond >= 1_000_000 && perSecond % 100_000 == 0) {
            return plain(perSecond / 1e6) + "M";
        }
        if (perSecond >= 1_000 && perSecond % 100 == 0) {
            return plain(perSecond / 1e3) + "k";
        }
        return Long.toString(perSecond);
    }

    private static String plain(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    @Override
    public int compareTo(OfferedRate other) {
        return Long.compare(perSecond, other.perSecond);
    }

    @Override
    public String toString() {
        return label();
    }

    /**
     * Parses one rate: a number of messages per second, with an optional {@code k} (10^3) or {@code
     * M} (10^6) suffix, or {@code max}.
     *
     * @throws IllegalArgumentException saying what is wrong: not a number, 0 or negative, a fraction
     *     of a message, or above {@value #MAX_SCHEDULED} per second
     */
    public static OfferedRate parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.equalsIgnoreCase("max")) {
            return MAX;
        }
        if (t.isEmpty()) {
            throw new IllegalArgumentException("an empty rate; write for example 10k, 1M or max");
        }
        long multiplier = 1;
        String number = t;
        char last = t.charAt(t.length() - 1);
        if (last == 'k' || last == 'K') {
            multiplier = 1_000;
            number = t.substring(0, t.length() - 1);
        } else if (last == 'M') {
            multiplier = 1_000_000;
            number = t.substring(0, t.length() - 1);
        } else if (last == 'm') {
            throw new IllegalArgumentException(
                    "'" + t + "': write M (million) for messages per second; m would be" + " milli");
        }
        BigDecimal value;
        try {
            value = new BigDecimal(number.trim()).multiply(BigDecimal.valueOf(multiplier));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "'" + t + "' is not a rate; write messages per second, for example 500, 10k, 2.5k, 1M or max");
        }
        if (value.signum() <= 0) {
            throw new IllegalArgumentException("'" + t + "': a rate must be above 0 messages per second");
        }
        if (value.compareTo(BigDecimal.valueOf(MAX_SCHEDULED)) > 0) {
            throw new IllegalArgumentException(tooHigh(t));
        }
        if (value.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("'" + t + "': a rate is a whole number of messages per second");
        }
        return new OfferedRate(value.longValueExact());
    }

    private static String tooHigh(String t) {
        return "'" + t + "' is above what a schedule driven by System.nanoTime can honour here ("
                + String.format(Locale.ROOT, "%,d", MAX_SCHEDULED)
                + " messages/s, one every 100 ns); use max to send as fast as the transport goes";
    }

    /**
     * Parses a list of rates, ascending without duplicates, {@link #MAX} last.
     *
     * @throws IllegalArgumentException for an empty list or a bad rate
     */
    public static List<OfferedRate> parseList(List<String> texts) {
        TreeSet<OfferedRate> rates = new TreeSet<>();
        for (String t : texts) {
            rates.add(parse(t));
        }
        if (rates.isEmpty()) {
            throw new IllegalArgumentException("no rate given; write for example 1k,10k,max");
        }
        return new ArrayList<>(rates);
    }
}
