package dev.ipcbench.cli;

import java.time.Duration;
import java.util.Locale;

/** Short human-readable durations: {@code 400 ms}, {@code 2.5s}, {@code 45s}, {@code 6m03s}, {@code 2h05m}. */
final class Durations {
    private Durations() {}

    static String format(Duration d) {
        long millis = Math.max(0, d.toMillis());
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 9_950 && millis % 1000 != 0) {
            return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
        }
        long s = Math.round(millis / 1000.0);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }
}
