package dev.ipcbench.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.profile.ProfilerException;
import org.openjdk.jmh.profile.ProfilerFactory;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.ProfilerConfig;

/**
 * JVM flags and JMH profilers tried before a run creates anything: a flag the JVM refuses or a
 * profiler JMH cannot use is a usage error at once, not a failed run minutes later.
 */
final class JvmOptionsCheck {

    private JvmOptionsCheck() {}

    /**
     * The JVM and profiler options given to JMH after {@code --}, tried before anything runs: a JVM
     * flag the JVM refuses or a profiler JMH does not know is a usage error now, not a failed run
     * after the native reference.
     */
    static void checkJmhOptions(Options jmh) {
        List<String> jvm = new ArrayList<>();
        jvm.addAll(jmh.getJvmArgsPrepend().orElse(List.of()));
        jvm.addAll(jmh.getJvmArgs().orElse(List.of()));
        jvm.addAll(jmh.getJvmArgsAppend().orElse(List.of()));
        checkJvmArgs(jvm, "the JVM options after --");
        for (ProfilerConfig p : jmh.getProfilers()) {
            try {
                ProfilerFactory.getProfilerOrException(p);
            } catch (ProfilerException e) {
                throw new UsageException(
                        "-prof " + p.getKlass()
                                + ": JMH cannot use this profiler here ('java -jar benchmarks/target/benchmarks.jar -lprof' "
                                + "lists those it can): " + e.getMessage(),
                        e);
            }
        }
    }

    /**
     * Starts a JVM with the {@code --jvm-args} once, before anything runs, so that a flag the JVM
     * refuses fails now with its reason, not a minute into the run.
     */
    static void checkJvmArgs(List<String> extra, String what) {
        if (extra.isEmpty()) {
            return;
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(extra);
        cmd.add("-version");
        try {
            Process p = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new UsageException(what + ": a JVM started with them did not finish 'java -version' in 60 s");
            }
            if (p.exitValue() != 0) {
                throw new UsageException(what + " '" + String.join(" ", extra) + "' are refused by the JVM: "
                        + out.strip().lines().findFirst().orElse("exit code " + p.exitValue()));
            }
        } catch (java.io.IOException e) {
            throw new UsageException(what + " could not be checked: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UsageException("interrupted while checking " + what, e);
        }
    }
}
