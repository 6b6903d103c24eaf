package dev.ipcbench.cli;

import dev.ipcbench.bench.RoundTripBenchmark;
import dev.ipcbench.bench.ThroughputBenchmark;
import dev.ipcbench.report.Figures;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** The benchmarks the command runs, with the names users type and the JMH methods behind them. */
public enum BenchmarkKind {
    /** {@link RoundTripBenchmark}: round-trip latency to an echo peer. */
    ROUND_TRIP("roundtrip", RoundTripBenchmark.class.getName() + ".roundTrip", Figures.ROUND_TRIP),
    /** {@link ThroughputBenchmark}: one-way throughput to a sink peer. */
    THROUGHPUT("throughput", ThroughputBenchmark.class.getName() + ".stream", Figures.THROUGHPUT);

    private final String argument;
    private final String method;
    private final String label;

    BenchmarkKind(String argument, String method, String label) {
        this.argument = argument;
        this.method = method;
        this.label = label;
    }

    /** The name on the command line: {@code roundtrip} or {@code throughput}. */
    public String argument() {
        return argument;
    }

    /** The JMH benchmark's full name, {@code class.method}. */
    public String method() {
        return method;
    }

    /** The name in tables and JSON: {@code RoundTrip} or {@code Throughput}. */
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
