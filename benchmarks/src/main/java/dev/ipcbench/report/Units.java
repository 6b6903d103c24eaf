package dev.ipcbench.report;

import java.util.Locale;

/** Conversions of JMH's score units ({@code ns/op}, {@code us/op}, {@code ops/s}, ...). */
public final class Units {

    private Units() {}

    /** A time per operation in microseconds; NaN for a unit that is not a time. */
    public static double toMicros(double value, String unit) {
        double nanos = nanosPer(timePart(unit, true));
        return nanos < 1e3 ? value / (1e3 / nanos) : value * (nanos / 1e3);
    }

    /** A rate per second, from {@code ops/s}, {@code ops/ms}, ...; NaN for other units. */
    public static double toPerSecond(double value, String unit) {
        String per = timePart(unit, false);
        double nanos = per == null ? Double.NaN : nanosPer(per);
        return value * (1e9 / nanos);
    }

    /** Nanoseconds in one time unit of a {@code x/op} score, NaN when it is not a time per operation. */
    static double nanosPerUnit(String unit) {
        return unit.endsWith("/op") ? nanosPer(timePart(unit, true)) : Double.NaN;
    }

    private static String timePart(String unit, boolean numerator) {
        String u = unit.toLowerCase(Locale.ROOT);
        int slash = u.indexOf('/');
        if (numerator) {
            return slash < 0 ? u : u.substring(0, slash);
        }
        return slash < 0 ? null : u.substring(slash + 1);
    }

    private static double nanosPer(String time) {
        return switch (time) {
            case "ns" -> 1;
            case "us", "\u00b5s" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "min" -> 60e9;
            default -> Double.NaN;
        };
    }
}
