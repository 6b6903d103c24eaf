package dev.ipcbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What differs between two runs in a way that can change a result: the machine (CPU, core count,
 * memory beyond {@value #MEMORY_TOLERANCE_PERCENT}%, kernel, OS), the JDK, the JVM arguments that
 * change behaviour, the JMH settings (forks, iterations, times compared as durations, batch sizes,
 * modes, other JMH options) and the placement. Paths, host names, dates and commits are not
 * compared; a fact known to only one run is not a difference. Facts of {@code environment.json}
 * this version does not know (added by later versions) are compared too: text exactly, numbers
 * beyond {@value #NUMBER_TOLERANCE_PERCENT}%, load averages beyond a quarter of the CPUs.
 */
final class RunDifferences {

    /** Memory sizes differing by less than this share (percent) are the same machine. */
    static final double MEMORY_TOLERANCE_PERCENT = 5;

    /** Numbers of unknown facts differing by less than this share (percent) are the same. */
    static final double NUMBER_TOLERANCE_PERCENT = 5;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** How a fact of {@code environment.json} is compared. */
    private enum Rule {
        IGNORE,
        EXACT,
        MEMORY
    }

    private record Known(String label, Rule rule) {}

    /** Facts of environment.json by JSON path; subtrees marked IGNORE are left out whole. */
    private static final Map<String, Known> KNOWN = Map.ofEntries(
            Map.entry("ipcbenchVersion", new Known(null, Rule.IGNORE)),
            Map.entry("date", new Known(null, Rule.IGNORE)),
            Map.entry("host", new Known(null, Rule.IGNORE)),
            Map.entry("git", new Known(null, Rule.IGNORE)),
            Map.entry("commandLine", new Known(null, Rule.IGNORE)),
            // The forks' JVM arguments are compared from the JMH JSON, where every result records them.
            Map.entry("jvmArgs", new Known(null, Rule.IGNORE)),
            // The effective JMH settings are compared from the JMH JSON; the options apart, below.
            Map.entry("jmh", new Known(null, Rule.IGNORE)),
            Map.entry("selection", new Known(null, Rule.IGNORE)),
            Map.entry("skipped", new Known(null, Rule.IGNORE)),
            Map.entry("failed", new Known(null, Rule.IGNORE)),
            Map.entry("lossyTransports", new Known(null, Rule.IGNORE)),
            Map.entry("complete", new Known(null, Rule.IGNORE)),
            // What the run saw while it measured, not what it ran on: said in the notes, not compared.
            Map.entry("load", new Known(null, Rule.IGNORE)),
            Map.entry("flags", new Known(null, Rule.IGNORE)),
            Map.entry("cpu.model", new Known("CPU model", Rule.EXACT)),
            Map.entry("cpu.availableProcessors", new Known("CPU count", Rule.EXACT)),
            Map.entry("cpu.cpuinfoProcessors", new Known("CPUs in /proc/cpuinfo", Rule.EXACT)),
            Map.entry("memory.totalBytes", new Known("memory", Rule.MEMORY)),
            Map.entry("kernel", new Known("kernel", Rule.EXACT)),
            Map.entry("os.name", new Known("OS name", Rule.EXACT)),
            Map.entry("os.version", new Known(null, Rule.IGNORE)), // the kernel again
            Map.entry("os.arch", new Known("architecture", Rule.EXACT)),
            Map.entry("os.prettyName", new Known("OS", Rule.EXACT)),
            Map.entry("jdk.vendor", new Known("JDK vendor", Rule.EXACT)),
            // Version and VM are compared from the JMH JSON (the forks' JVM); the home is a path.
            Map.entry("jdk.version", new Known(null, Rule.IGNORE)),
            Map.entry("jdk.vmName", new Known(null, Rule.IGNORE)),
            Map.entry("jdk.vmVersion", new Known(null, Rule.IGNORE)),
            Map.entry("jdk.home", new Known(null, Rule.IGNORE)),
            Map.entry("placement.applied", new Known("placement", Rule.EXACT)),
            Map.entry("placement.benchmarkCpu", new Known("benchmark process CPU", Rule.EXACT)),
            Map.entry("placement.peerCpu", new Known("peer process CPU", Rule.EXACT)),
            Map.entry("placement.requested", new Known(null, Rule.IGNORE)),
            Map.entry("placement.fallbackReason", new Known(null, Rule.IGNORE)));

    /** Names of unknown facts that say where or when, not what: never compared. */
    private static final Pattern WHERE_OR_WHEN =
            Pattern.compile("(?i).*(date|time|timestamp|host|hostname|home|path|dir|directory|file|uptime|pid|commit)");

    private RunDifferences() {}

    /** The differences between run A and run B; remarks about what could not be compared go to {@code notes}. */
    static List<Comparison.Difference> of(ResultsFolder a, ResultsFolder b, List<String> notes) {
        List<Comparison.Difference> list = new ArrayList<>();
        JsonNode envA = tree(a, "A", notes);
        JsonNode envB = tree(b, "B", notes);
        if (envA != null && envB != null) {
            int cpus = Math.max(1, envA.path("cpu").path("availableProcessors").asInt(1));
            compareObjects("", envA, envB, list, cpus);
            List<String> optionsA = otherJmhOptions(envA.path("jmh").path("options"));
            List<String> optionsB = otherJmhOptions(envB.path("jmh").path("options"));
            if (!optionsA.equals(optionsB)) {
                list.add(new Comparison.Difference(
                        "other JMH options", String.join(" ", optionsA), String.join(" ", optionsB)));
            }
        }
        for (JmhFact fact : JMH_FACTS) {
            Set<String> na = normalized(a, fact);
            Set<String> nb = normalized(b, fact);
            if (!na.isEmpty() && !nb.isEmpty() && !na.equals(nb)) {
                list.add(new Comparison.Difference(fact.label(), shown(a, fact), shown(b, fact)));
            }
        }
        return list;
    }

    // ---- environment.json ---------------------------------------------------------------------

    private static JsonNode tree(ResultsFolder run, String side, List<String> notes) {
        if (run.environment().isEmpty()) {
            notes.add(side + ": machine unknown (no environment.json); only the JDK and JMH settings recorded in its "
                    + "JMH JSON are compared.");
            return null;
        }
        if (Boolean.FALSE.equals(run.environment().get().complete())) {
            notes.add(side + " did not finish (environment.json says complete: false); its results may be partial.");
        }
        String flags = flagSummary(run.environment().get().flags());
        if (!flags.isEmpty()) {
            notes.add(side + " doubts some of its own results (" + flags + "); its report says which and why.");
        }
        Path file = run.jmhJson().toAbsolutePath().resolveSibling(ResultsFolder.ENVIRONMENT_JSON);
        try {
            return MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            // ResultsFolder read it a moment ago; if it is gone now, compare what JMH recorded.
            notes.add(side + ": " + file + " could not be read again (" + e.getMessage() + ").");
            return null;
        }
    }

    /** "3 regime, 1 busy": how many flags of each kind, most frequent first. */
    static String flagSummary(List<EnvironmentFile.Flag> flags) {
        Map<String, Long> byKind = new TreeMap<>();
        for (EnvironmentFile.Flag f : flags) {
            byKind.merge(f.kind() == null ? "other" : f.kind(), 1L, Long::sum);
        }
        return byKind.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", "));
    }

    private static void compareObjects(String path, JsonNode a, JsonNode b, List<Comparison.Difference> out, int cpus) {
        Set<String> names = new LinkedHashSet<>();
        a.fieldNames().forEachRemaining(names::add);
        b.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            String p = path.isEmpty() ? name : path + "." + name;
            Known known = KNOWN.get(p);
            if (known != null && known.rule() == Rule.IGNORE) {
                continue;
            }
            JsonNode va = a.get(name);
            JsonNode vb = b.get(name);
            if (va == null || vb == null || va.isNull() || vb.isNull()) {
                continue; // known to one run only: nothing to say
            }
            if (known != null) {
                boolean differs = known.rule() == Rule.MEMORY
                        ? beyond(va, vb, MEMORY_TOLERANCE_PERCENT)
                        : !text(va).equals(text(vb));
                if (differs) {
                    out.add(new Comparison.Difference(known.label(), shown(va, known.rule()), shown(vb, known.rule())));
                }
            } else if (va.isObject() && vb.isObject()) {
                compareObjects(p, va, vb, out, cpus);
            } else if (!WHERE_OR_WHEN.matcher(name).matches() && unknownDiffers(name, va, vb, cpus)) {
                out.add(new Comparison.Difference(p, text(va), text(vb)));
            }
        }
    }

    /** Whether a fact this version does not know differs in a way that can matter. */
    private static boolean unknownDiffers(String name, JsonNode a, JsonNode b, int cpus) {
        if (isPath(a) || isPath(b)) {
            return false;
        }
        boolean load = name.toLowerCase(Locale.ROOT).contains("load");
        if (a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                if (scalarDiffers(load, a.get(i), b.get(i), cpus)) {
                    return true;
                }
            }
            return false;
        }
        return scalarDiffers(load, a, b, cpus);
    }

    private static boolean scalarDiffers(boolean load, JsonNode a, JsonNode b, int cpus) {
        if (a.isNumber() && b.isNumber()) {
            if (load) {
                // A load average is runnable threads; a quarter of the CPUs (at least half of one) is a
                // busier machine, less is noise.
                return Math.abs(a.asDouble() - b.asDouble()) > Math.max(0.5, cpus / 4.0);
            }
            return beyond(a, b, NUMBER_TOLERANCE_PERCENT);
        }
        return !text(a).equals(text(b));
    }

    private static boolean isPath(JsonNode n) {
        return n.isTextual() && n.asText().startsWith("/");
    }

    private static boolean beyond(JsonNode a, JsonNode b, double percent) {
        if (!a.isNumber() || !b.isNumber()) {
            return !text(a).equals(text(b));
        }
        double x = a.asDouble();
        double y = b.asDouble();
        double larger = Math.max(Math.abs(x), Math.abs(y));
        return larger > 0 && Math.abs(x - y) / larger * 100 > percent;
    }

    private static String text(JsonNode n) {
        return n.isValueNode() ? n.asText() : n.toString();
    }

    private static String shown(JsonNode n, Rule rule) {
        return rule == Rule.MEMORY && n.isNumber() ? Formats.gib(n.asDouble()) : text(n);
    }

    /** JMH options (as passed through {@code run}) that the facts of the JMH JSON do not already cover. */
    static List<String> otherJmhOptions(JsonNode options) {
        List<String> rest = new ArrayList<>();
        if (options == null || !options.isArray()) {
            return rest;
        }
        for (Iterator<JsonNode> it = options.elements(); it.hasNext(); ) {
            String token = it.next().asText();
            if (COVERED_OPTIONS.contains(token)) {
                if (it.hasNext()) {
                    it.next(); // its value
                }
            } else {
                rest.add(token);
            }
        }
        return rest;
    }

    /**
     * JMH options whose effect is compared from the JMH JSON (forks, iterations, times, modes, threads,
     * batch sizes, JVM arguments, time unit) or that do not change a measurement (result files,
     * verbosity, parameters and includes, which decide the rows).
     */
    private static final Set<String> COVERED_OPTIONS = Set.of(
            "-f",
            "-wi",
            "-w",
            "-i",
            "-r",
            "-bm",
            "-t",
            "-bs",
            "-wbs",
            "-jvmArgs",
            "-jvmArgsAppend",
            "-jvmArgsPrepend",
            "-tu",
            "-rf",
            "-rff",
            "-o",
            "-v",
            "-foe",
            "-p",
            "-e");

    // ---- facts JMH records with every result --------------------------------------------------

    /**
     * A fact of the JMH JSON.
     *
     * @param normalize the form compared: equal forms are the same setting
     */
    private record JmhFact(String label, Function<JmhResult, Object> value, Function<String, String> normalize) {}

    private static final List<JmhFact> JMH_FACTS = List.of(
            new JmhFact("JDK version", JmhResult::jdkVersion, Function.identity()),
            new JmhFact("JVM", JmhResult::vmName, Function.identity()),
            new JmhFact("JVM version", JmhResult::vmVersion, Function.identity()),
            new JmhFact(
                    "JVM arguments",
                    r -> r.jvmArgs() == null ? null : String.join(" ", r.jvmArgs()),
                    RunDifferences::behaviourArgs),
            new JmhFact("JMH version", JmhResult::jmhVersion, Function.identity()),
            new JmhFact("forks", JmhResult::forks, Function.identity()),
            new JmhFact("threads", JmhResult::threads, Function.identity()),
            new JmhFact("warm-up iterations", JmhResult::warmupIterations, Function.identity()),
            new JmhFact("warm-up time", JmhResult::warmupTime, RunDifferences::duration),
            new JmhFact("warm-up batch size", JmhResult::warmupBatchSize, Function.identity()),
            new JmhFact("measurement iterations", JmhResult::measurementIterations, Function.identity()),
            new JmhFact("measurement time", JmhResult::measurementTime, RunDifferences::duration),
            new JmhFact("measurement batch size", JmhResult::measurementBatchSize, Function.identity()),
            new JmhFact("modes", JmhResult::mode, Function.identity()));

    private static Set<String> normalized(ResultsFolder run, JmhFact fact) {
        Set<String> values = new TreeSet<>();
        for (JmhResult r : run.results()) {
            Object v = fact.value().apply(r);
            if (v != null) {
                values.add(fact.normalize().apply(v.toString()));
            }
        }
        return values;
    }

    private static String shown(ResultsFolder run, JmhFact fact) {
        Set<String> values = new LinkedHashSet<>();
        for (JmhResult r : run.results()) {
            Object v = fact.value().apply(r);
            if (v != null) {
                values.add(v.toString());
            }
        }
        return String.join(" | ", values);
    }

    private static final Pattern DURATION = Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?)\\s*([a-zA-Z\u00b5]+)\\s*");

    /** A JMH time ({@code 1 s}, {@code 1000 ms}, {@code 200ms}) as whole nanoseconds, or as given. */
    static String duration(String text) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            return text;
        }
        long nanosPerUnit = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "ns" -> 1L;
            case "us", "\u00b5s" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s", "sec" -> 1_000_000_000L;
            case "m", "min" -> 60_000_000_000L;
            case "h", "hr" -> 3_600_000_000_000L;
            case "d", "day" -> 86_400_000_000_000L;
            default -> -1;
        };
        if (nanosPerUnit < 0) {
            return text;
        }
        return new BigDecimal(m.group(1))
                        .multiply(BigDecimal.valueOf(nanosPerUnit))
                        .stripTrailingZeros()
                        .toPlainString()
                + " ns";
    }

    private static final Pattern SIZE_FLAG = Pattern.compile("(-Xmx|-Xms|-Xmn|-Xss)([0-9]+)([kKmMgGtT]?)");

    /**
     * JVM arguments as they affect behaviour: without those that name a place or only silence a
     * warning ({@code -Dipcbench.home}, {@code --enable-native-access}, {@code
     * --sun-misc-unsafe-memory-access}), with heap and stack sizes in bytes ({@code -Xmx1g} is {@code
     * -Xmx1024m}).
     */
    static String behaviourArgs(String args) {
        List<String> kept = new ArrayList<>();
        for (String arg : args.trim().split("\\s+")) {
            if (arg.isEmpty()
                    || arg.startsWith("-Dipcbench.home=")
                    || arg.startsWith("--enable-native-access")
                    || arg.startsWith("--sun-misc-unsafe-memory-access")) {
                continue;
            }
            Matcher m = SIZE_FLAG.matcher(arg);
            if (m.matches()) {
                long bytes = Long.parseLong(m.group(2))
                        << switch (m.group(3).toLowerCase(Locale.ROOT)) {
                            case "k" -> 10;
                            case "m" -> 20;
                            case "g" -> 30;
                            case "t" -> 40;
                            default -> 0;
                        };
                arg = m.group(1) + bytes;
            }
            kept.add(arg);
        }
        return String.join(" ", kept);
    }
}
