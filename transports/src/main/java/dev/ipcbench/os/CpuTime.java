package dev.ipcbench.os;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time used by a whole process (every thread, user plus system), in nanoseconds, read from
 * Linux's {@code /proc}: the scheduler's own run-time counters ({@code /proc/PID/task/TID/schedstat},
 * nanosecond resolution), or, where those are missing, {@code /proc/PID/stat}'s user and system
 * ticks (10 ms resolution).
 */
public final class CpuTime {
    private static final Path PROC = Path.of("/proc");
    private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ is 100 on every Linux ABI

    private CpuTime() {}

    /** Whether CPU time can be read on this system. */
    public static boolean isSupported() {
        return Files.isReadable(PROC.resolve("self").resolve("stat"));
    }

    /**
     * The CPU time process {@code pid} has used so far, in nanoseconds, or -1 when it cannot be read
     * (no {@code /proc}, or the process is gone).
     */
    public static long ofProcess(long pid) {
        Path dir = PROC.resolve(Long.toString(pid));
        long total = 0;
        boolean any = false;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(dir.resolve("task"))) {
            for (Path task : tasks) {
                long ns = schedstatRuntime(task.resolve("schedstat"));
                if (ns >= 0) {
                    total += ns;
                    any = true;
                }
            }
        } catch (IOException e) {
            any = false;
        }
        if (any) {
            return total;
        }
        return statTicks(dir.resolve("stat"));
    }

    /** The CPU time of this process, in nanoseconds, or -1. */
    public static long ofThisProcess() {
        return ofProcess(ProcessHandle.current().pid());
    }

    private static long schedstatRuntime(Path schedstat) {
        try {
            String s = Files.readString(schedstat).trim();
            int space = s.indexOf(' ');
            return Long.parseLong(space < 0 ? s : s.substring(0, space));
        } catch (NoSuchFileException e) {
            return -1; // the thread ended between listing and reading
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    private static long statTicks(Path stat) {
        try {
            String s = Files.readString(stat);
            // Fields after the command name, which is in parentheses and may contain spaces.
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            List<String> fields = List.of(f);
            long utime = Long.parseLong(fields.get(11));
            long stime = Long.parseLong(fields.get(12));
            return (utime + stime) * NANOS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
