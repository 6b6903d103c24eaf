package dev.ipcbench.os;

import dev.ipcbench.transport.support.Executables;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Pins processes to CPUs with {@code taskset} (util-linux), which needs no native code. Knows which
 * CPUs this process may use, and says why pinning is impossible where it is (no taskset, one CPU,
 * not Linux).
 */
public final class Affinity {

    private final String taskset;
    private final List<Integer> cpus;
    private final String osName;

    Affinity(String taskset, List<Integer> cpus, String osName) {
        this.taskset = taskset;
        this.cpus = List.copyOf(cpus);
        this.osName = osName;
    }

    /** What this machine offers: the taskset command on the PATH and the CPUs allowed to this process. */
    public static Affinity detect() {
        Path taskset = Executables.find("taskset");
        return new Affinity(
                taskset == null ? null : taskset.toString(), allowedCpus(), System.getProperty("os.name", ""));
    }

    /** The CPUs this process may run on, in order. */
    public List<Integer> cpus() {
        return cpus;
    }

    /** Why {@code placement} cannot be applied here, or {@code null} when it can. */
    public String whyNot(Placement placement) {
        if (placement == Placement.ANY) {
            return null;
        }
        if (!osName.startsWith("Linux")) {
            return "pinning uses Linux's taskset; this is " + osName;
        }
        if (taskset == null) {
            return "the taskset command (util-linux) is not on the PATH";
        }
        if (placement == Placement.CROSS && cpus.size() < 2) {
            return "cross placement needs two CPUs; this process may use " + cpus.size();
        }
        if (cpus.isEmpty()) {
            return "the CPUs allowed to this process could not be read";
        }
        return null;
    }

    /** Whether {@code placement} can be applied here. */
    public boolean canPin(Placement placement) {
        return whyNot(placement) == null;
    }

    /** The CPU for the benchmark process under {@code placement}, or -1 for {@link Placement#ANY}. */
    public int benchmarkCpu(Placement placement) {
        return placement == Placement.ANY ? -1 : cpus.get(0);
    }

    /** The CPU for the peer under {@code placement}, or -1 for {@link Placement#ANY}. */
    public int peerCpu(Placement placement) {
        return switch (placement) {
            case ANY -> -1;
            case SAME -> cpus.get(0);
            case CROSS -> cpus.get(1);
        };
    }

    /** A command prefix that starts a program on {@code cpu}: {@code taskset -c CPU}. */
    public List<String> prefix(int cpu) {
        return List.of(taskset, "-c", Integer.toString(cpu));
    }

    /**
     * Pins every thread of process {@code pid} to {@code cpu} (threads it starts later inherit it).
     *
     * @throws IOException when taskset fails
     */
    public void pin(long pid, int cpu) throws IOException {
        taskset("-a", "-p", "-c", Integer.toString(cpu), Long.toString(pid));
    }

    /**
     * Pins the calling thread alone to {@code cpu} (its Linux thread id comes from {@code
     * /proc/thread-self}).
     *
     * @throws IOException when the thread id cannot be read or taskset fails
     */
    public void pinCurrentThread(int cpu) throws IOException {
        Path self = Files.readSymbolicLink(Path.of("/proc/thread-self")); // "<pid>/task/<tid>"
        long tid = Long.parseLong(self.getFileName().toString());
        taskset("-p", "-c", Integer.toString(cpu), Long.toString(tid));
    }

    private void taskset(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(taskset);
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " failed: " + out.trim());
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + String.join(" ", command), e);
        }
    }

    /** Parses a CPU list such as {@code 0-3,6,8-9}. */
    static List<Integer> parseList(String list) {
        List<Integer> out = new ArrayList<>();
        for (String part : list.trim().split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int dash = part.indexOf('-');
            if (dash < 0) {
                out.add(Integer.parseInt(part.trim()));
            } else {
                int from = Integer.parseInt(part.substring(0, dash).trim());
                int to = Integer.parseInt(part.substring(dash + 1).trim());
                for (int c = from; c <= to; c++) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    private static List<Integer> allowedCpus() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Cpus_allowed_list:")) {
                    return parseList(line.substring(line.indexOf(':') + 1));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or unreadable
        }
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
            all.add(i);
        }
        return all;
    }

    @Override
    public String toString() {
        return "Affinity[taskset=" + taskset + ", cpus=" + cpus + "]";
    }
}
