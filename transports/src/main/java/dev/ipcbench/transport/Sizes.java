package dev.ipcbench.transport;

/** Parses and prints byte sizes such as {@code 64}, {@code 32K}, {@code 1M} (powers of 1024). */
public final class Sizes {
    private Sizes() {}

    /**
     * Parses a size: digits with an optional K, M or G suffix (case-insensitive, optional B).
     *
     * @param what names the value in the error message
     * @throws IllegalArgumentException naming {@code what} and the text when it is not a size
     */
    public static long parse(String text, String what) {
        String s = text.trim().toUpperCase(java.util.Locale.ROOT);
        if (s.endsWith("IB")) {
            s = s.substring(0, s.length() - 2);
        } else if (s.endsWith("B")) {
            s = s.substring(0, s.length() - 1);
        }
        long unit = 1;
        if (!s.isEmpty()) {
            switch (s.charAt(s.length() - 1)) {
                case 'K' -> unit = 1L << 10;
                case 'M' -> unit = 1L << 20;
                case 'G' -> unit = 1L << 30;
                default -> unit = 1;
            }
        }
        if (unit != 1) {
            s = s.substring(0, s.length() - 1);
        }
        try {
            long n = Long.parseLong(s.trim());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return Math.multiplyExact(n, unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(
                    what + ": '" + text + "' is not a size (examples: 64, 1024, 32K, 1M)", e);
        }
    }

    /** Prints a size compactly: {@code 64 B}, {@code 32 KiB}, {@code 1 MiB}, or exact bytes. */
    public static String format(long bytes) {
        if (bytes >= 1L << 30 && bytes % (1L << 30) == 0) {
            return (bytes >> 30) + " GiB";
        }
        if (bytes >= 1L << 20 && bytes % (1L << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        if (bytes >= 1L << 10 && bytes % (1L << 10) == 0) {
            return (bytes >> 10) + " KiB";
        }
        return bytes + " B";
    }
}
