package dev.ipcbench.cli;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The shaded jar's entry point: JMH's own {@code Main}, except that {@code -l} lists each benchmark
 * once with its modes (JMH lists a benchmark once per mode, so {@code roundTrip} would show twice).
 */
public final class JmhMain {

    private JmhMain() {}

    public static void main(String[] args) throws Exception {
        CommandLineOptions options;
        try {
            options = new CommandLineOptions(args);
        } catch (CommandLineOptionException e) {
            org.openjdk.jmh.Main.main(args);
            return;
        }
        if (!options.shouldList()) {
            org.openjdk.jmh.Main.main(args);
            return;
        }
        List<String> includes = options.getIncludes().isEmpty() ? List.of(".*") : options.getIncludes();
        Map<String, TreeSet<String>> modes = new TreeMap<>();
        for (BenchmarkListEntry e : BenchmarkList.defaultList()
                .find(
                        OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT),
                        includes,
                        options.getExcludes())) {
            modes.computeIfAbsent(e.getUsername(), k -> new TreeSet<>())
                    .add(e.getMode().shortLabel());
        }
        System.out.println("Benchmarks (JMH runs each once per mode):");
        modes.forEach((name, m) -> System.out.println(name + "  [" + String.join(", ", m) + "]"));
    }
}
