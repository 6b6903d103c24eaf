package dev.ipcbench.report;

import java.util.Locale;

/** Number formats shared by the report and the comparison; NaN prints as {@value SummaryTable#MISSING}. */
final class Formats {

    private Formats() {}

    /** Microseconds with about three significant digits. */
    static String micros(double us) {
        return Double.isNaN(us) ? SummaryTable.MISSING : SummaryTable.formatMicros(us);
    }

    /** A rate per second with a k, M or G suffix. */
    static String rate(double perSecond) {
        return Double.isNaN(perSecond) ? SummaryTable.MISSING : SummaryTable.formatRate(perSecond);
    }

    /** Megabytes (10^6 bytes) per second with about three significant digits. */
    static String megabytes(double mb) {
        return Double.isNaN(mb) ? SummaryTable.MISSING : SummaryTable.formatMegabytes(mb);
    }

    /** A ratio such as {@code 1.00x}, {@code 12.3x}, {@code 456x}. */
    static String ratio(double r) {
        if (Double.isNaN(r) || Double.isInfinite(r)) {
            return SummaryTable.MISSING;
        }
        if (r >= 100) {
            return String.format(Locale.ROOT, "%.0f\u00d7", r);
        }
        if (r >= 10) {
            return String.format(Locale.ROOT, "%.1f\u00d7", r);
        }
        if (r >= 0.01) {
            return String.format(Locale.ROOT, "%.2f\u00d7", r);
        }
        return String.format(Locale.ROOT, "%.2g\u00d7", r);
    }

    /**
     * Any score with about four significant digits, without an exponent for the usual range:
     * {@code 9,056,442}, {@code 57.13}, {@code 0.3954}.
     */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return SummaryTable.MISSING;
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "\u221e" : "-\u221e";
        }
        double a = Math.abs(v);
        if (a >= 1e15 || (a < 1e-4 && a > 0)) {
            return String.format(Locale.ROOT, "%.4g", v);
        }
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.3f", v);
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }

    /** A signed percentage with one decimal: {@code +25.0%}, {@code -3.1%}. */
    static String signedPercent(double pct) {
        return Double.isNaN(pct) ? SummaryTable.MISSING : String.format(Locale.ROOT, "%+.1f%%", pct);
    }

    /** A p-value: {@code <0.001} or three decimals. */
    static String pValue(double p) {
        if (Double.isNaN(p)) {
            return SummaryTable.MISSING;
        }
        return p < 0.001 ? "<0.001" : String.format(Locale.ROOT, "%.3f", p);
    }

    /** A plain decimal without trailing zeros: {@code 0.05}, {@code 5}, {@code 2.5}. */
    static String plain(double v) {
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** Bytes as GiB with one decimal. */
    static String gib(double bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (1L << 30));
    }
}
