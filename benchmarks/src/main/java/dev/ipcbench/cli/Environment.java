package dev.ipcbench.cli;

import dev.ipcbench.report.EnvironmentFile;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Facts about the machine, the JVM and the build, for {@code environment.json}. Anything that
 * cannot be found is recorded as {@code null}, never guessed.
 */
final class Environment {

    /** The version when neither the jar's manifest nor its Maven metadata says. */
    static final String FALLBACK_VERSION = "0.1.0-SNAPSHOT";

    /** System property naming the repository directory (set by {@code scripts/ipcbench}). */
    static final String HOME_PROPERTY = "ipcbench.home";

    private static final long GIT_TIMEOUT_SECONDS = 10;

    private Environment() {}

    /** The facts that do not depend on the run: machine, OS, JDK, version, git, date. */
    static EnvironmentFile machine(Path repository) {
        String cpuinfo = read(Path.of("/proc/cpuinfo"));
        String meminfo = read(Path.of("/proc/meminfo"));
        String kernel = read(Path.of("/proc/sys/kernel/osrelease"));
        String osRelease = read(Path.of("/etc/os-release"));
        return EnvironmentFile.machine(
                version(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                hostName(),
                new EnvironmentFile.Cpu(
                        cpuinfo == null ? null : cpuModel(cpuinfo),
                        Runtime.getRuntime().availableProcessors(),
                        cpuinfo == null ? null : cpuinfoProcessors(cpuinfo)),
                new EnvironmentFile.Memory(meminfo == null ? null : memTotalBytes(meminfo)),
                kernel == null ? null : kernel.trim(),
                new EnvironmentFile.Os(
                        System.getProperty("os.name"),
                        System.getProperty("os.version"),
                        System.getProperty("os.arch"),
                        osRelease == null ? null : prettyName(osRelease)),
                new EnvironmentFile.Jdk(
                        System.getProperty("java.vendor"),
                        System.getProperty("java.version"),
                        System.getProperty("java.vm.name"),
                        System.getProperty("java.vm.version"),
                        System.getProperty("java.home")),
                repository == null ? null : git(repository));
    }

    /** The JVM arguments of this (the JMH host) process. */
    static List<String> hostJvmArguments() {
        try {
            return new ArrayList<>(ManagementFactory.getRuntimeMXBean().getInputArguments());
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The jar's Implementation-Version, else its Maven version, else {@link #FALLBACK_VERSION}. */
    static String version() {
        String v = Environment.class.getPackage().getImplementationVersion();
        if (v != null && !v.isBlank()) {
            return v;
        }
        try (InputStream in = Environment.class.getResourceAsStream(
                "/META-INF/maven/dev.ipcbench/ipcbench-benchmarks/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String pv = p.getProperty("version");
                if (pv != null && !pv.isBlank()) {
                    return pv;
                }
            }
        } catch (IOException ignored) {
            // fall through
        }
        return FALLBACK_VERSION;
    }

    /** The repository directory: {@value #HOME_PROPERTY}, else the directory holding these classes. */
    static Path repository() {
        String home = System.getProperty(HOME_PROPERTY);
        if (home != null && !home.isBlank()) {
            return Path.of(home);
        }
        try {
            var source = Environment.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return null;
            }
            Path p = Path.of(source.getLocation().toURI());
            return Files.isDirectory(p) ? p : p.getParent();
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    /** The host name: the kernel's, else {@code HOSTNAME}, else the resolver's; null if none. */
    static String hostName() {
        String h = read(Path.of("/proc/sys/kernel/hostname"));
        if (h != null && !h.isBlank()) {
            return h.trim();
        }
        h = System.getenv("HOSTNAME");
        if (h != null && !h.isBlank()) {
            return h.trim();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return null;
        }
    }

    /** The first {@code model name} of {@code /proc/cpuinfo} text, or null. */
    static String cpuModel(String cpuinfo) {
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals("model name")) {
                String v = line.substring(colon + 1).trim();
                return v.isEmpty() ? null : v;
            }
        }
        return null;
    }

    /** The number of {@code processor} entries of {@code /proc/cpuinfo} text, or null if none. */
    static Integer cpuinfoProcessors(String cpuinfo) {
        int n = 0;
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals("processor")) {
                n++;
            }
        }
        return n == 0 ? null : n;
    }

    /** {@code MemTotal} of {@code /proc/meminfo} text, in bytes, or null. */
    static Long memTotalBytes(String meminfo) {
        for (String line : meminfo.split("\n")) {
            if (line.startsWith("MemTotal:")) {
                String[] parts = line.substring("MemTotal:".length()).trim().split("\\s+");
                try {
                    long value = Long.parseLong(parts[0]);
                    if (parts.length > 1 && parts[1].equalsIgnoreCase("kB")) {
                        value *= 1024;
                    }
                    return value;
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /** {@code PRETTY_NAME} of {@code /etc/os-release} text, unquoted, or null. */
    static String prettyName(String osRelease) {
        for (String line : osRelease.split("\n")) {
            if (line.startsWith("PRETTY_NAME=")) {
                String v = line.substring("PRETTY_NAME=".length()).trim();
                if (v.length() >= 2
                        && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
                    v = v.substring(1, v.length() - 1);
                }
                return v.isEmpty() ? null : v;
            }
        }
        return null;
    }

    /** The commit and whether the work tree has changes, or null when it is not a git checkout. */
    static EnvironmentFile.Git git(Path directory) {
        String commit = command(directory, "git", "rev-parse", "HEAD");
        if (commit == null || commit.isBlank()) {
            return null;
        }
        String status = command(directory, "git", "status", "--porcelain");
        return new EnvironmentFile.Git(commit.trim(), status == null ? null : !status.isBlank());
    }

    /** A command's standard output, or null when it cannot run or fails. */
    private static String command(Path directory, String... command) {
        try {
            Process p = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectErrorStream(false)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            p.getOutputStream().close();
            byte[] output = p.getInputStream().readAllBytes();
            if (!p.waitFor(GIT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 ? new String(output, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** A file's text, or null when it cannot be read. */
    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
