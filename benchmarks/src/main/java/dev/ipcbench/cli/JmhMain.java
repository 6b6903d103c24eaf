package dev.ipcbench.cli;

import dev.ipcbench.bench.Combinations;
import dev.ipcbench.transport.TransportProvider;
import java.util.ArrayList;
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
 * once with its modes (JMH lists a benchmark once per mode, so {@code roundTrip} would show twice),
 * and that without {@code -p transport=...} the benchmarks run over every transport on the class
 * path, plug-ins included, found by their providers ({@code ChannelBenchmark}'s compiled-in default
 * is only the in-process baseline, since a list written there would miss plug-ins).
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
            org.openjdk.jmh.Main.main(withEveryTransport(options, args));
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

    /**
     * The arguments, with {@code -p transport=} every registered transport unless they name some,
     * and {@code -jvmArgsAppend} with the JVM flags the transports declare ({@code
     * TransportProvider.jvmArguments()}) that this JVM was not started with: JMH's forks inherit
     * this JVM's arguments, not what a jar's manifest grants it.
     */
    static String[] withEveryTransport(CommandLineOptions options, String[] args) {
        Combinations combinations = Combinations.load();
        List<String> all = new ArrayList<>(List.of(args));
        if (!options.getParameter("transport").hasValue()) {
            all.add("-p");
            all.add("transport=" + String.join(",", combinations.aliases()));
        }
        List<String> host = Environment.hostJvmArguments();
        List<String> given = options.getJvmArgs().hasValue()
                ? List.copyOf(options.getJvmArgs().get())
                : host;
        List<String> appended = new ArrayList<>(options.getJvmArgsAppend().orElse(List.of()));
        List<String> needed = new ArrayList<>();
        for (TransportProvider p : combinations.registry().providers()) {
            for (String flag : p.jvmArguments()) {
                if ((given == null || !given.contains(flag)) && !appended.contains(flag) && !needed.contains(flag)) {
                    needed.add(flag);
                }
            }
        }
        if (!needed.isEmpty()) {
            all.add("-jvmArgsAppend");
            all.add(String.join(" ", needed));
        }
        return all.toArray(String[]::new);
    }
}
