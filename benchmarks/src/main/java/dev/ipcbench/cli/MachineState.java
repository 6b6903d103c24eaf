package dev.ipcbench.cli;

import dev.ipcbench.peer.PeerProcess;
import dev.ipcbench.report.EnvironmentFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the machine is doing besides the run, read from Linux's {@code /proc} and {@code /sys}:
 * the load average, the CPU time of every process against this run's own (this JVM, its JMH forks
 * and their peers, all children it waits for), the hypervisor's steal time; and the settings that
 * decide the numbers as much as the CPU model does. Elsewhere, what cannot be read is {@code null}
 * or zero, never guessed.
 */
final class MachineState {

    private MachineState() {}

    /**
     * One reading.
     *
     * @param busy CPU ticks of all CPUs doing work (user, nice, system, irq, softirq), USER_HZ
     * @param total all CPU ticks, idle and steal included
     * @param own this process's ticks and those of the children it has waited for
     */
    record Sample(long nanos, double load1, long busy, long steal, long total, long own) {}

    /** The machine now. */
    static Sample sample() {
        long busy = 0;
        long steal = 0;
        long total = 0;
        String stat = firstLine(Path.of("/proc/stat"));
        if (stat != null && stat.startsWith("cpu ")) {
            String[] f = stat.trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal (guest, guest_nice: inside user)
            long[] v = new long[9];
            for (int i = 1; i < Math.min(f.length, 9); i++) {
                v[i] = parse(f[i]);
            }
            busy = v[1] + v[2] + v[3] + v[6] + v[7];
            steal = v[8];
            total = v[1] + v[2] + v[3] + v[4] + v[5] + v[6] + v[7] + v[8];
        }
        return new Sample(System.nanoTime(), loadAverage(), busy, steal, total, ownTicks());
    }

    /** The machine between two readings around one JMH run. */
    static EnvironmentFile.Load between(String benchmark, String transport, String wait, Sample before, Sample after) {
        long ticks = after.total() - before.total();
        double others = 0;
        double steal = 0;
        if (ticks > 0) {
            long otherTicks = (after.busy() - before.busy()) - (after.own() - before.own());
            others = Math.max(0, (double) otherTicks / ticks);
            steal = Math.max(0, (double) (after.steal() - before.steal()) / ticks);
        }
        return new EnvironmentFile.Load(
                benchmark,
                transport,
                wait,
                round((after.nanos() - before.nanos()) / 1e9),
                before.load1(),
                after.load1(),
                round(others),
                round(steal));
    }

    /** The settings that decide the numbers, and the load average now. */
    static EnvironmentFile.Conditions conditions() {
        String lscpu = output(List.of("lscpu"));
        String quota = firstLine(Path.of("/sys/fs/cgroup/cpu.max"));
        if (quota == null) {
            String q = firstLine(Path.of("/sys/fs/cgroup/cpu/cpu.cfs_quota_us"));
            String period = firstLine(Path.of("/sys/fs/cgroup/cpu/cpu.cfs_period_us"));
            quota = q == null ? null : q.startsWith("-") ? "max" : q + "/" + period;
        } else {
            quota = quota.replace(' ', '/');
        }
        String cpus = firstLine(Path.of("/sys/fs/cgroup/cpuset.cpus.effective"));
        if (cpus == null) {
            cpus = firstLine(Path.of("/sys/fs/cgroup/cpuset/cpuset.cpus"));
        }
        String smt = firstLine(Path.of("/sys/devices/system/cpu/smt/control"));
        String active = firstLine(Path.of("/sys/devices/system/cpu/smt/active"));
        if (smt != null && active != null && !"notsupported".equals(smt)) {
            smt = "1".equals(active) ? "on" : "off";
        }
        String hypervisor = field(lscpu, "Hypervisor vendor:");
        if (hypervisor == null && lscpu != null) {
            hypervisor = "none";
        }
        String container = output(List.of("systemd-detect-virt", "--container"));
        return new EnvironmentFile.Conditions(
                firstLine(Path.of("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor")),
                smt,
                quota,
                cpus,
                hypervisor,
                container == null ? null : container.strip(),
                firstLine(Path.of("/sys/devices/system/clocksource/clocksource0/current_clocksource")),
                firstLine(Path.of("/sys/devices/system/cpu/cpuidle/current_driver")),
                loadAverage(),
                null,
                PeerProcess.defaultJvmArguments());
    }

    /** The one-minute load average, NaN where there is none. */
    static double loadAverage() {
        String l = firstLine(Path.of("/proc/loadavg"));
        if (l == null) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(l.split("\\s+")[0]);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    /** This process's CPU ticks and those of its waited-for children, from {@code /proc/self/stat}. */
    private static long ownTicks() {
        String s = firstLine(Path.of("/proc/self/stat"));
        if (s == null) {
            return 0;
        }
        // After the command name in parentheses: state(3) ... utime(14) stime(15) cutime(16) cstime(17).
        String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
        return f.length > 14 ? parse(f[11]) + parse(f[12]) + parse(f[13]) + parse(f[14]) : 0;
    }

    /**
     * A file's first line in one read, {@code null} when it cannot be read. (A sysctl file answers a
     * read at a later offset with nothing, so reading byte by byte would lose all but the first.)
     */
    static String firstLine(Path file) {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = r.readLine();
            return line == null ? null : line.strip();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The value after {@code label} on its line of {@code text}, or {@code null}. */
    static String field(String text, String label) {
        if (text == null) {
            return null;
        }
        return text.lines()
                .filter(l -> l.startsWith(label))
                .map(l -> l.substring(label.length()).strip())
                .findFirst()
                .orElse(null);
    }

    private static String output(List<String> command) {
        try {
            Process p = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            String s = new String(out, StandardCharsets.UTF_8);
            return p.exitValue() == 0 || !s.isBlank() ? s : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static long parse(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
