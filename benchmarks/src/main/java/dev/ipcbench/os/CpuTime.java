package dev.ipcbench.os;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time used by a whole process, user plus system, every thread including those that have
 * already exited, in nanoseconds.
 *
 * <p>This process: the JDK's operating-system bean ({@code getProcessCpuTime}). Another process:
 * Linux's {@code /proc/PID/stat} user and system times. Both advance in 10 ms steps on Linux. Summing per-thread counters would be finer but wrong: a JVM starts and ends
 * threads (JMH workers, compiler threads), and an ended thread's time would vanish from the sum.
 */
public final class CpuTime {
    private static final Path PROC = Path.of("/proc");
    private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ is 100 on every Linux ABI

    private CpuTime() {}

    /** Whether another process's CPU time can be read on this system. */
    public static boolean isSupported() {
        return Files.isReadable(PROC.resolve("self").resolve("stat"));
    }

    /** The resolution of {@link #ofProcess}, in nanoseconds. */
    public static long processResolutionNanos() {
        return NANOS_PER_TICK;
    }

    /**
     * The CPU time process {@code pid} has used so far, in nanoseconds (10 ms steps), or -1 when it
     * cannot be read (no {@code /proc}, or the process is gone).
     */
    public static long ofProcess(long pid) {
        try {
            String s = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
            // Fields after the command name, which is in parentheses and may contain spaces:
            // state(3) ... utime(14) stime(15), so utime is the 12th field after the ')'.
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            long utime = Long.parseLong(f[11]);
            long stime = Long.parseLong(f[12]);
            return (utime + stime) * NANOS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The CPU time of this process so far, in nanoseconds, or -1 when it cannot be read. */
    public static long ofThisProcess() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long t = os.getProcessCpuTime();
            if (t >= 0) {
                return t;
            }
        }
        return ofProcess(ProcessHandle.current().pid());
    }
}
