package dev.ipcbench.cli;

import dev.ipcbench.bench.OpenLoopMain;
import dev.ipcbench.bench.RoundTripBenchmark;
import dev.ipcbench.bench.ThroughputBenchmark;
import dev.ipcbench.report.Figures;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * The benchmarks the command runs, with the names users type and what runs them: a JMH method, or,
 * for the open loop, a program of its own ({@link OpenLoopMain}).
 */
public enum BenchmarkKind {
    /** {@link RoundTripBenchmark}: round-trip latency to an echo peer. */
    ROUND_TRIP("roundtrip", RoundTripBenchmark.class.getName() + ".roundTrip", Figures.ROUND_TRIP),
    /** {@link ThroughputBenchmark}: one-way throughput to a sink peer. */
    THROUGHPUT("throughput", ThroughputBenchmark.class.getName() + ".stream", Figures.THROUGHPUT),
    /**
     * {@link OpenLoopMain}: latency under load, sent on a schedule at fixed rates to an echo peer;
     * not a JMH benchmark (JMH times closed loops).
     */
    OPEN_LOOP("openloop", OpenLoopMain.class.getName(), "OpenLoop");

    /** What {@code run} measures when no benchmark is named: the JMH benchmarks. */
    public static final List<BenchmarkKind> DEFAULTS = List.of(ROUND_TRIP, THROUGHPUT);

    private final String argument;
    private final String method;
    private final String label;

    BenchmarkKind(String argument, String method, String label) {
        this.argument = argument;
        this.method = method;
        this.label = label;
    }

    /** Whether JMH runs it. */
    public boolean isJmh() {
        return this != OPEN_LOOP;
    }

    /** The name on the command line: {@code roundtrip}, {@code throughput} or {@code openloop}. */
    public String argument() {
        return argument;
    }

    /** The JMH benchmark's full name, {@code class.method}; for the open loop, its program's class. */
    public String method() {
        return method;
    }

    /** The name in tables and JSON: {@code RoundTrip}, {@code Throughput} or {@code OpenLoop}. */
    public String label() {
        return label;
    }

    /** A JMH include pattern matching exactly this benchmark. */
    public String includePattern() {
        return "^" + Pattern.quote(method) + "$";
    }

    /** Every command-line name. */
    public static List<String> arguments() {
        return Arrays.stream(values()).map(BenchmarkKind::argument).toList();
    }

    /** Converts a command-line name for picocli, naming the known ones when there is no such benchmark. */
    static final class Converter implements CommandLine.ITypeConverter<BenchmarkKind> {
        @Override
        public BenchmarkKind convert(String text) {
            String t = text.trim().toLowerCase(Locale.ROOT);
            return Arrays.stream(values())
                    .filter(k -> k.argument.equals(t))
                    .findFirst()
                    .orElseThrow(() -> new CommandLine.TypeConversionException(
                            "unknown benchmark '" + text + "'; known benchmarks: " + String.join(", ", arguments())));
        }
    }
}
