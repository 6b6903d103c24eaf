package dev.ipcbench.cli;

import dev.ipcbench.transport.ProviderLoadException;
import dev.ipcbench.transport.TransportProvider;
import dev.ipcbench.transport.TransportRegistry;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The plug-in jars of {@code --classpath}: read into a {@link TransportRegistry} for listing and
 * planning, and, for a run, put on the real class path of the JVM that runs JMH, whose forks and
 * peers inherit {@code java.class.path}.
 *
 * <p>A run whose jars are not on this JVM's class path yet runs in a child JVM: the same {@code
 * java}, the same JVM arguments (plus what the transports declare they need), this class path plus
 * the jars, the same command line. So a plug-in is measured exactly as if its jar had been put on
 * {@code -cp} by hand, in the benchmark JVM, in JMH's forks and in every peer process.
 */
final class PluginClassPath {

    private PluginClassPath() {}

    /** The jars of a {@code --classpath} value ({@code JAR[:JAR...]}), as absolute paths; none for {@code null}. */
    static List<Path> parse(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        Set<Path> jars = new LinkedHashSet<>();
        for (String part : value.split(File.pathSeparator)) {
            if (!part.isBlank()) {
                jars.add(Path.of(part.trim()).toAbsolutePath().normalize());
            }
        }
        return new ArrayList<>(jars);
    }

    /**
     * The transports of the class path and of {@code jars}.
     *
     * @throws UsageException naming the jar and the class when a provider cannot be loaded
     */
    static TransportRegistry registry(List<Path> jars) {
        try {
            return TransportRegistry.load(jars);
        } catch (ProviderLoadException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    /** Whether every jar is on this JVM's class path already. */
    static boolean onClassPath(List<Path> jars) {
        return classPath().containsAll(jars);
    }

    private static Set<Path> classPath() {
        Set<Path> entries = new LinkedHashSet<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                entries.add(Path.of(entry).toAbsolutePath().normalize());
            }
        }
        return entries;
    }

    /** The command that runs {@code args} again in a JVM whose class path holds the jars. */
    static List<String> childCommand(List<Path> jars, TransportRegistry registry, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        List<String> jvmArgs =
                new ArrayList<>(ManagementFactory.getRuntimeMXBean().getInputArguments());
        for (TransportProvider p : registry.providers()) {
            for (String a : p.jvmArguments()) {
                if (!jvmArgs.contains(a)) {
                    jvmArgs.add(a);
                }
            }
        }
        cmd.addAll(jvmArgs);
        List<String> classPath = new ArrayList<>();
        classPath.add(System.getProperty("java.class.path"));
        jars.forEach(j -> classPath.add(j.toString()));
        cmd.add("-cp");
        cmd.add(String.join(File.pathSeparator, classPath));
        cmd.add(IpcBench.class.getName());
        cmd.addAll(args);
        return cmd;
    }

    /**
     * Runs the command again in a child JVM with the jars on its class path, copying its output to
     * {@code out} and {@code err}, and returns its exit code. The child ends with this JVM.
     */
    static int runInChild(
            List<Path> jars, TransportRegistry registry, List<String> args, PrintWriter out, PrintWriter err)
            throws IOException {
        ProcessBuilder pb = new ProcessBuilder(childCommand(jars, registry, args));
        pb.redirectInput(ProcessBuilder.Redirect.INHERIT);
        Process child = pb.start();
        Thread stop = new Thread(child::destroy, "ipcbench-child-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        Thread copyOut = copy(child.getInputStream(), out, "ipcbench-child-stdout");
        Thread copyErr = copy(child.getErrorStream(), err, "ipcbench-child-stderr");
        try {
            int code = child.waitFor();
            copyOut.join();
            copyErr.join();
            return code;
        } catch (InterruptedException e) {
            child.destroy();
            Thread.currentThread().interrupt();
            return IpcBench.EXIT_FAILURE;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stop);
            } catch (IllegalStateException ignored) {
                // shutting down: the hook runs
            }
        }
    }

    private static Thread copy(InputStream in, PrintWriter to, String name) {
        Thread t = new Thread(
                () -> {
                    char[] chunk = new char[8192];
                    try (Reader r = new InputStreamReader(in, Charset.defaultCharset())) {
                        int n;
                        while ((n = r.read(chunk)) >= 0) {
                            to.write(chunk, 0, n);
                            to.flush();
                        }
                    } catch (IOException ignored) {
                        // the child is gone
                    }
                },
                name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
