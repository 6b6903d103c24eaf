package dev.ipcbench.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * {@code environment.json}: the machine, the JDK, the settings and what a run could not measure.
 * {@code ipcbench run} writes it and {@code report} and {@code compare} read it through {@link
 * ResultsFolder}, with these very types. Anything unknown is {@code null}, never guessed; fields
 * added by later versions are ignored when read.
 *
 * @param commandLine the {@code ipcbench} command line that made the run
 * @param complete false while the run is going, or when it was interrupted
 * @param classpath the plug-in jars given with {@code --classpath}, as absolute paths (empty when
 *     none)
 * @param conditions what else decides the numbers: frequency governor, SMT, cgroup limits,
 *     virtualization, clock source, the peer's JVM flags, the load when the run started and ended
 * @param load what else used the machine during each JMH run
 * @param flags the results the run has reason to doubt, and why (see {@link NoiseFlags})
 * @param openLoop the open-loop benchmark's settings, when it ran
 * @param stall the peer stall of a developer check ({@code 10 ms every 200 ms}), {@code null} in every
 *     real run: a run with a stall measures the stall, not the transports
 */
public record EnvironmentFile(
        String ipcbenchVersion,
        String date,
        String host,
        Cpu cpu,
        Memory memory,
        String kernel,
        Os os,
        Jdk jdk,
        Git git,
        List<String> commandLine,
        JvmArgs jvmArgs,
        Jmh jmh,
        Selection selection,
        List<Missing> skipped,
        List<Missing> failed,
        List<String> lossyTransports,
        Boolean complete,
        Placement placement,
        List<String> classpath,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Conditions conditions,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Load> load,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Flag> flags,
        @JsonInclude(JsonInclude.Include.NON_NULL) OpenLoopFile.Settings openLoop,
        @JsonInclude(JsonInclude.Include.NON_NULL) String stall) {

    public EnvironmentFile {
        classpath = classpath == null ? List.of() : classpath;
        skipped = skipped == null ? List.of() : skipped;
        failed = failed == null ? List.of() : failed;
        lossyTransports = lossyTransports == null ? List.of() : lossyTransports;
        load = load == null ? List.of() : load;
        flags = flags == null ? List.of() : flags;
    }

    /**
     * What else decides the numbers, beyond the CPU model and the JDK. {@code null} where this
     * machine does not say (no cpufreq in most virtual machines, for example).
     *
     * @param governor the CPU frequency governor of CPU 0
     * @param smt whether simultaneous multithreading is active ({@code on}, {@code off}, {@code
     *     notsupported})
     * @param cgroupCpuLimit the cgroup's CPU quota, as {@code quota/period} or {@code max}
     * @param cgroupCpus the CPUs the cgroup allows
     * @param hypervisor the hypervisor the CPU reports ({@code lscpu}), {@code none} on bare metal
     * @param container the container {@code systemd-detect-virt --container} names
     * @param clocksource the kernel's clock source (slow ones make every timestamp costly)
     * @param cpuidle the idle driver (a guest's {@code haltpoll} changes wake-up times)
     * @param loadAverageStart the one-minute load average when the run started
     * @param loadAverageEnd the same when it ended
     * @param peerJvmArgs the JVM arguments every peer process starts with
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Conditions(
            String governor,
            String smt,
            String cgroupCpuLimit,
            String cgroupCpus,
            String hypervisor,
            String container,
            String clocksource,
            String cpuidle,
            Double loadAverageStart,
            Double loadAverageEnd,
            List<String> peerJvmArgs) {

        /** These conditions with the load average at the end of the run. */
        public Conditions endingAt(Double loadAverage) {
            return new Conditions(
                    governor,
                    smt,
                    cgroupCpuLimit,
                    cgroupCpus,
                    hypervisor,
                    container,
                    clocksource,
                    cpuidle,
                    loadAverageStart,
                    loadAverage,
                    peerJvmArgs);
        }
    }

    /**
     * The machine during one JMH run (one benchmark, transport and wait strategy, every size).
     *
     * @param loadBefore the one-minute load average before it
     * @param loadAfter the same after it
     * @param othersCpu the share of all CPUs used by processes other than this run's (its JMH forks
     *     and peers included), from 0 to 1
     * @param steal the share of all CPUs the hypervisor took (steal time), from 0 to 1
     */
    public record Load(
            String benchmark,
            String transport,
            @JsonProperty("wait") String waitStrategy,
            double seconds,
            double loadBefore,
            double loadAfter,
            double othersCpu,
            double steal) {}

    /**
     * A result the run has reason to doubt.
     *
     * @param kind what gave it away: {@code iterations}, {@code forks}, {@code mean}, {@code error},
     *     {@code busy}, {@code steal} or {@code regime}
     * @param mode JMH's mode, {@code null} when the flag holds for every mode
     * @param size {@code null} when the flag holds for every size
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Flag(
            String kind,
            String benchmark,
            String mode,
            String transport,
            @JsonProperty("wait") String waitStrategy,
            Long size,
            String reason) {}

    public record Cpu(String model, Integer availableProcessors, Integer cpuinfoProcessors) {}

    public record Memory(Long totalBytes) {}

    public record Os(String name, String version, String arch, String prettyName) {}

    public record Jdk(String vendor, String version, String vmName, String vmVersion, String home) {}

    public record Git(String commit, Boolean dirty) {}

    /**
     * @param host the JVM arguments of the process that ran JMH
     * @param benchmark those JMH's forks ran with, {@code null} when no result came back
     * @param extra those given with {@code --jvm-args}
     */
    public record JvmArgs(List<String> host, List<String> benchmark, List<String> extra) {}

    /**
     * The JMH settings.
     *
     * @param mode {@code quick} or {@code full}
     * @param options JMH options passed through {@code run} (after {@code --} or by name), as given
     */
    public record Jmh(
            String version,
            String mode,
            Integer forks,
            Integer warmupIterations,
            Long warmupTimeMillis,
            Integer measurementIterations,
            Long measurementTimeMillis,
            List<String> roundTripModes,
            List<String> options) {}

    /** What was chosen: benchmarks by label, transports, sizes in bytes, wait strategies per transport. */
    public record Selection(
            List<String> benchmarks, List<String> transports, List<Long> sizes, Map<String, List<String>> waits) {}

    /**
     * A combination without a result: skipped (cannot run here) or failed.
     *
     * @param benchmark the simple name ({@code RoundTrip}), {@code null} when not known
     * @param mode JMH's mode, {@code null} for skipped combinations (they apply to every mode)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Missing(
            String benchmark,
            String mode,
            String transport,
            Long size,
            @JsonProperty("wait") String waitStrategy,
            String reason) {

        /** Whether this is the reason a cell of {@code benchmark}, {@code row} and {@code size} is empty. */
        boolean covers(String benchmarkName, Row row, long atSize) {
            return transport != null
                    && benchmarkName.equals(benchmark)
                    && size != null
                    && size == atSize
                    && row.transport().equals(transport)
                    && row.waitStrategy().equals(waitStrategy == null ? Row.DEFAULT_WAIT : waitStrategy);
        }
    }

    /**
     * Where the two processes ran.
     *
     * @param requested {@code default} when none was asked for
     * @param fallbackReason why {@code applied} differs from the request, or {@code null}
     */
    public record Placement(
            String requested, String applied, Integer benchmarkCpu, Integer peerCpu, String fallbackReason) {}

    /** The machine's facts alone: what {@link #withRun} completes. */
    public static EnvironmentFile machine(
            String ipcbenchVersion,
            String date,
            String host,
            Cpu cpu,
            Memory memory,
            String kernel,
            Os os,
            Jdk jdk,
            Git git) {
        return new EnvironmentFile(
                ipcbenchVersion,
                date,
                host,
                cpu,
                memory,
                kernel,
                os,
                jdk,
                git,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    /** These facts with the conditions of the run, the load during its JMH runs and its flags. */
    public EnvironmentFile withConditions(Conditions conditions, List<Load> load, List<Flag> flags) {
        return new EnvironmentFile(
                ipcbenchVersion,
                date,
                host,
                cpu,
                memory,
                kernel,
                os,
                jdk,
                git,
                commandLine,
                jvmArgs,
                jmh,
                selection,
                skipped,
                failed,
                lossyTransports,
                complete,
                placement,
                classpath,
                conditions,
                load,
                flags,
                openLoop,
                stall);
    }

    /** These machine facts with what a run chose, could not do, and where it ran. */
    public EnvironmentFile withRun(
            List<String> commandLine,
            JvmArgs jvmArgs,
            Jmh jmh,
            Selection selection,
            List<Missing> skipped,
            List<Missing> failed,
            List<String> lossyTransports,
            boolean complete,
            Placement placement,
            List<String> classpath) {
        return new EnvironmentFile(
                ipcbenchVersion,
                date,
                host,
                cpu,
                memory,
                kernel,
                os,
                jdk,
                git,
                commandLine,
                jvmArgs,
                jmh,
                selection,
                skipped,
                failed,
                lossyTransports,
                complete,
                placement,
                classpath,
                conditions,
                load,
                flags,
                openLoop,
                stall);
    }

    /** These facts with the open loop's settings and the developer check's peer stall (either may be null). */
    public EnvironmentFile withOpenLoop(OpenLoopFile.Settings openLoopSettings, String peerStall) {
        return new EnvironmentFile(
                ipcbenchVersion,
                date,
                host,
                cpu,
                memory,
                kernel,
                os,
                jdk,
                git,
                commandLine,
                jvmArgs,
                jmh,
                selection,
                skipped,
                failed,
                lossyTransports,
                complete,
                placement,
                classpath,
                conditions,
                load,
                flags,
                openLoopSettings,
                peerStall);
    }
}
