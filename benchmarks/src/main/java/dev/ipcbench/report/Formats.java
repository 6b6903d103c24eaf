package dev.ipcbench.report;

import java.math.BigDecimal;
import java.util.Locale;

/** Number formats of every table; NaN prints as {@value Figures#MISSING}. */
public final class Formats {

    private Formats() {}

    /** Microseconds (or any figure read the same way) with about three significant digits. */
    public static String micros(double us) {
        if (Double.isNaN(us)) {
            return Figures.MISSING;
        }
        return threeDigits(us, us >= 1 ? "%.2f" : "%.3f");
    }

    /** Megabytes per second with about three significant digits. */
    public static String megabytes(double mb) {
        return Double.isNaN(mb) ? Figures.MISSING : threeDigits(mb, "%.2f");
    }

    private static String threeDigits(double v, String small) {
        if (v >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (v >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, small, v);
    }

    /** A rate per second with a k, M or G suffix. */
    public static String rate(double perSecond) {
        if (Double.isNaN(perSecond)) {
            return Figures.MISSING;
        }
        if (perSecond >= 1e9) {
            return String.format(Locale.ROOT, "%.2f G", perSecond / 1e9);
        }
        if (perSecond >= 1e6) {
            return String.format(Locale.ROOT, "%.2f M", perSecond / 1e6);
        }
        if (perSecond >= 1e3) {
            return String.format(Locale.ROOT, "%.1f k", perSecond / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f", perSecond);
    }

    /** A whole count. */
    public static String count(double v) {
        return Double.isNaN(v) ? Figures.MISSING : String.format(Locale.ROOT, "%.0f", v);
    }

    /** A ratio such as {@code 1.00×}, {@code 12.3×}, {@code 456×}. */
    public static String ratio(double r) {
        if (!Double.isFinite(r)) {
            return Figures.MISSING;
        }
        String f = r >= 100 ? "%.0f" : r >= 10 ? "%.1f" : r >= 0.01 ? "%.2f" : "%.2g";
        return String.format(Locale.ROOT, f + "\u00d7", r);
    }

    /** Any score with about four significant digits: {@code 9,056,442}, {@code 57.13}, {@code 0.3954}. */
    public static String number(double v) {
        if (Double.isNaN(v)) {
            return Figures.MISSING;
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "\u221e" : "-\u221e";
        }
        double a = Math.abs(v);
        String f = a >= 1e15 || (a < 1e-4 && a > 0)
                ? "%.4g"
                : a >= 1000 ? "%,.0f" : a >= 100 ? "%.1f" : a >= 10 ? "%.2f" : a >= 1 ? "%.3f" : "%.4g";
        return String.format(Locale.ROOT, f, v);
    }

    /** A signed percentage with one decimal: {@code +25.0%}, {@code -3.1%}. */
    public static String signedPercent(double pct) {
        return Double.isNaN(pct) ? Figures.MISSING : String.format(Locale.ROOT, "%+.1f%%", pct);
    }

    /** A p-value: {@code <0.001} or three decimals. */
    public static String pValue(double p) {
        if (Double.isNaN(p)) {
            return Figures.MISSING;
        }
        return p < 0.001 ? "<0.001" : String.format(Locale.ROOT, "%.3f", p);
    }

    /** A plain decimal without trailing zeros: {@code 0.05}, {@code 5}, {@code 2.5}. */
    public static String plain(double v) {
        return Double.isFinite(v) ? BigDecimal.valueOf(v).stripTrailingZeros().toPlainString() : String.valueOf(v);
    }

    /** Bytes as GiB with one decimal. */
    public static String gib(double bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (1L << 30));
    }
}
