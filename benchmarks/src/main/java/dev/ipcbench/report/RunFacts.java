package dev.ipcbench.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a run ran on and with, described once for the report's header, the comparison's run table
 * and the charts' caption: from {@code environment.json} when there is one, else from the facts
 * JMH records with every result. A fact that is not known is {@code null}.
 *
 * @param environmentKnown whether {@code environment.json} was there
 * @param incomplete whether {@code environment.json} says the run did not finish
 */
public record RunFacts(
        String date,
        String host,
        String cpu,
        String memory,
        String kernel,
        String os,
        String jdk,
        String git,
        String ipcbench,
        String jmh,
        String placement,
        String command,
        boolean environmentKnown,
        boolean incomplete) {

    /** The facts of a run. */
    public static RunFacts of(ResultsFolder run) {
        EnvironmentFile e = run.environment().orElse(null);
        String jdkFromJmh = join(" ", distinct(run, "jdkVersion"), distinct(run, "vmName"), distinct(run, "vmVersion"));
        if (e == null) {
            return new RunFacts(
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    jdkFromJmh,
                    null,
                    null,
                    jmhFromResults(run),
                    null,
                    null,
                    false,
                    false);
        }
        EnvironmentFile.Cpu c = e.cpu();
        String cpu = c == null
                ? null
                : or(c.model(), "model unknown") + ", "
                        + (c.availableProcessors() == null
                                ? "processor count unknown"
                                : c.availableProcessors() + " available processors"
                                        + (c.cpuinfoProcessors() != null
                                                        && !c.cpuinfoProcessors()
                                                                .equals(c.availableProcessors())
                                                ? " (" + c.cpuinfoProcessors() + " in /proc/cpuinfo)"
                                                : ""));
        String memory = e.memory() == null || e.memory().totalBytes() == null
                ? null
                : Formats.gib(e.memory().totalBytes());
        EnvironmentFile.Os o = e.os();
        String os = o == null ? null : join(" ", o.prettyName(), paren(join(" ", o.name(), o.version(), o.arch())));
        EnvironmentFile.Jdk j = e.jdk();
        String jdk = j == null
                ? jdkFromJmh
                : join(" ", j.vendor(), j.version(), paren(join(" ", j.vmName(), j.vmVersion())));
        String git = e.git() == null || e.git().commit() == null
                ? null
                : "`" + e.git().commit() + "`" + (Boolean.TRUE.equals(e.git().dirty()) ? " (dirty)" : "");
        String jmh = jmhFromEnvironment(e.jmh(), run);
        String command = e.commandLine() == null ? null : String.join(" ", e.commandLine());
        return new RunFacts(
                e.date(),
                e.host(),
                cpu,
                memory,
                e.kernel(),
                emptyToNull(os),
                emptyToNull(jdk),
                git,
                e.ipcbenchVersion(),
                jmh,
                placement(e.placement()),
                command,
                true,
                Boolean.FALSE.equals(e.complete()));
    }

    private static String jmhFromEnvironment(EnvironmentFile.Jmh j, ResultsFolder run) {
        if (j == null || j.forks() == null || j.measurementIterations() == null) {
            return jmhFromResults(run);
        }
        String s = or(j.version(), or(distinct(run, "jmhVersion"), "version unknown")) + ", "
                + (j.mode() == null ? "" : j.mode() + ": ")
                + j.forks() + (j.forks() == 1 ? " fork" : " forks")
                + ", warm-up " + or(j.warmupIterations(), "?") + " \u00d7 " + or(j.warmupTimeMillis(), "?") + " ms"
                + ", measurement " + j.measurementIterations() + " \u00d7 " + or(j.measurementTimeMillis(), "?")
                + " ms";
        if (j.roundTripModes() != null) {
            s += "; round trips in " + String.join(" and ", j.roundTripModes());
        }
        if (j.options() != null && !j.options().isEmpty()) {
            s += "; JMH options `" + String.join(" ", j.options()) + "`";
        }
        return s;
    }

    private static String jmhFromResults(ResultsFolder run) {
        String forks = distinct(run, "forks");
        String mi = distinct(run, "measurementIterations");
        String version = or(distinct(run, "jmhVersion"), "version unknown");
        if (forks == null && mi == null) {
            return version + ", settings unknown";
        }
        return version + ", " + or(forks, "?") + " fork(s), warm-up " + or(distinct(run, "warmupIterations"), "?")
                + " \u00d7 " + or(distinct(run, "warmupTime"), "?") + ", measurement " + or(mi, "?") + " \u00d7 "
                + or(distinct(run, "measurementTime"), "?");
    }

    private static String placement(EnvironmentFile.Placement p) {
        if (p == null || p.applied() == null) {
            return null;
        }
        String s = p.applied();
        if (p.benchmarkCpu() != null || p.peerCpu() != null) {
            s += " (benchmark process on CPU " + or(p.benchmarkCpu(), "any") + ", peer process on CPU "
                    + or(p.peerCpu(), "any") + ")";
        }
        if (p.requested() != null) {
            s += "; requested " + p.requested();
        }
        if (p.fallbackReason() != null) {
            s += "; fell back because: " + p.fallbackReason();
        }
        return s;
    }

    /** The distinct values of a fact JMH records with every result, joined with {@code " | "}, or null. */
    public static String distinct(ResultsFolder run, String fact) {
        Set<String> values = new LinkedHashSet<>();
        run.results().stream().map(r -> r.fact(fact)).filter(Objects::nonNull).forEach(values::add);
        return values.isEmpty() ? null : String.join(" | ", values);
    }

    /** The facts as label and value, unknown ones as "unknown", for the report's header. */
    public List<String[]> labelled() {
        List<String[]> lines = new ArrayList<>();
        if (environmentKnown) {
            Stream.of(
                            new String[] {"Date", date},
                            new String[] {"Host", host},
                            new String[] {"CPU", cpu},
                            new String[] {"Memory", memory},
                            new String[] {"Kernel", kernel},
                            new String[] {"OS", os})
                    .forEach(lines::add);
        }
        lines.add(new String[] {"JDK", jdk});
        if (environmentKnown) {
            lines.add(new String[] {"Git commit", git});
            lines.add(new String[] {"ipcbench", ipcbench});
        }
        lines.add(new String[] {"JMH", jmh});
        if (environmentKnown) {
            lines.add(new String[] {"Placement", or(placement, "unknown (not in environment.json)")});
            if (command != null) {
                lines.add(new String[] {"Command", "`" + command + "`"});
            }
        }
        lines.forEach(l -> l[1] = or(l[1], "unknown"));
        return lines;
    }

    /** Two short lines for a chart: the machine and JDK; the settings and placement. */
    public List<String> caption() {
        String machine = join(
                " \u00b7 ",
                cpu == null ? null : cpu.replace(" available processors", " CPUs"),
                memory,
                before(os, " ("),
                jdk == null ? null : "JDK " + before(jdk, " ("));
        String settings = join(
                " \u00b7 ",
                "JMH " + before(jmh, "; JMH options"),
                placement == null ? null : "placement " + before(placement, ";"));
        return List.of(or(machine, "machine unknown (no environment.json)"), settings.replace("`", ""));
    }

    /** The caption with {@code settings} in place of JMH's: for charts of the open loop. */
    public List<String> caption(String settings) {
        String where = placement == null ? null : "placement " + before(placement, ";");
        return List.of(caption().get(0), join(" \u00b7 ", settings, where).replace("`", ""));
    }

    private static String before(String s, String end) {
        return s == null || !s.contains(end) ? s : s.substring(0, s.indexOf(end));
    }

    static String or(Object s, String otherwise) {
        return s == null || s.toString().isBlank() ? otherwise : s.toString();
    }

    private static String paren(String s) {
        return s == null || s.isEmpty() ? null : "(" + s + ")";
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    static String join(String sep, String... parts) {
        return String.join(
                sep, Stream.of(parts).filter(p -> p != null && !p.isBlank()).toList());
    }
}
