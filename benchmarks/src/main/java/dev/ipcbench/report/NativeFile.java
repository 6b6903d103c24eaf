package dev.ipcbench.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@value #FILE}: the native reference measured in the same run as the Java benchmarks, by {@code
 * benchmarks/c/ipcref.c}, at the start and at the end of the run: the same mechanisms, sizes and
 * placement, in C. {@code run} writes it and {@code report} reads it through {@link ResultsFolder},
 * with these very types.
 *
 * @param compiler the C compiler's first line of {@code --version}, {@code null} when none was found
 * @param skipped why the reference was not measured, {@code null} when it was
 * @param transports the reference's mechanism of each transport of the run that has one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NativeFile(
        String compiler, String skipped, Map<String, String> transports, List<Measurement> measurements) {

    /** The file's name in a results folder. */
    public static final String FILE = "native.json";

    /** The phase at the start of the run. */
    public static final String START = "start";

    /** The phase at the end of the run. */
    public static final String END = "end";

    public NativeFile {
        transports = transports == null ? Map.of() : Map.copyOf(transports);
        measurements = measurements == null ? List.of() : List.copyOf(measurements);
    }

    /**
     * One line of the reference's output.
     *
     * @param phase {@value #START} or {@value #END}
     * @param op {@code roundtrip}, {@code stream} or {@code memcpy}
     * @param mech the reference's mechanism: {@code pipe}, {@code tcp}, {@code ring}, {@code
     *     cacheline} (the floor), ...
     * @param placement the run's placement; {@code cpu} and {@code peerCpu} as pinned, -1 unpinned
     * @param wait how the ring and cache-line sides wait ({@code spin} or {@code yield})
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Measurement(
            String phase,
            String op,
            String mech,
            long size,
            String placement,
            @JsonProperty("wait") String waitStrategy,
            Integer cpu,
            Integer peerCpu,
            Long count,
            Double meanNs,
            Double p50Ns,
            Double p90Ns,
            Double p99Ns,
            Double p999Ns,
            Double maxNs,
            Long messages,
            Double seconds,
            Double msgsPerSec,
            Double mbPerSec,
            String error) {

        /** The figure the Java result is divided by: mean ns for round trips, messages/s for streams. */
        public double figure() {
            Double v = "roundtrip".equals(op) ? meanNs : "stream".equals(op) ? msgsPerSec : mbPerSec;
            return v == null ? Double.NaN : v;
        }

        /** This measurement at another phase. */
        public Measurement at(String otherPhase) {
            return new Measurement(
                    otherPhase,
                    op,
                    mech,
                    size,
                    placement,
                    waitStrategy,
                    cpu,
                    peerCpu,
                    count,
                    meanNs,
                    p50Ns,
                    p90Ns,
                    p99Ns,
                    p999Ns,
                    maxNs,
                    messages,
                    seconds,
                    msgsPerSec,
                    mbPerSec,
                    error);
        }
    }

    /** The measurements of {@code op} for a mechanism, size and wait, in the order they were made. */
    public List<Measurement> of(String op, String mech, long size, String wait) {
        return measurements.stream()
                .filter(m -> op.equals(m.op())
                        && mech.equals(m.mech())
                        && m.size() == size
                        && (wait == null || wait.equals(m.waitStrategy()))
                        && m.error() == null)
                .toList();
    }

    /** The file beside a {@code jmh.json}, when there is one. */
    public static Optional<NativeFile> beside(Path jmhJson) throws ResultsException {
        Path parent = jmhJson.toAbsolutePath().getParent();
        Path file = parent == null ? null : parent.resolve(FILE);
        if (file == null || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(ResultsFolder.readJson(file, NativeFile.class, "a native reference file"));
    }
}
