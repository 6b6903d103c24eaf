package dev.ipcbench.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ipcbench.bench.Combinations;
import dev.ipcbench.os.Placement;
import dev.ipcbench.report.NativeFile;
import dev.ipcbench.transport.PrivateDirectory;
import dev.ipcbench.transport.support.Executables;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The native reference inside a run: builds {@code benchmarks/c/ipcref.c} (carried in the jar)
 * with the machine's C compiler in a private directory, and measures in C what the run measures in
 * Java: every transport that names a reference mechanism ({@code
 * TransportProvider#nativeReference()}), at the run's sizes and placement, round trip and stream as
 * planned; for the rings also the floor (one cache line ping-ponged between the two processes) and
 * {@code memcpy}. It runs at the start and at the end of the run; a change between the two says the
 * machine changed regime. Without a compiler it says why it was skipped.
 */
final class NativeReference implements AutoCloseable {

    private static final String SOURCE = "native/ipcref.c";
    private static final long COMPILE_SECONDS = 120;
    private static final List<String> COMPILERS = List.of("cc", "gcc", "clang");

    /** One thing to measure. */
    record Case(String op, String mech, long size, String waitStrategy, String span) {}

    private final PrivateDirectory dir;
    private final Path binary;
    private final String compiler;
    private final String skipped;
    private final List<Case> cases;
    private final Placement placement;
    private final int cpu;
    private final int peerCpu;
    private final long warmupMillis;
    private final long measureMillis;
    private final List<NativeFile.Measurement> measured = new ArrayList<>();
    private final Map<String, String> transports;

    private NativeReference(
            PrivateDirectory dir,
            Path binary,
            String compiler,
            String skipped,
            List<Case> cases,
            PlacementChoice where,
            JmhSettings settings) {
        this.dir = dir;
        this.binary = binary;
        this.compiler = compiler;
        this.skipped = skipped;
        this.cases = cases;
        this.placement = where.applied();
        this.cpu = where.benchmarkCpu();
        this.peerCpu = where.peerCpu();
        // As long as one JMH iteration, the round trip's percentile pass as long again.
        this.measureMillis =
                Math.max(200, Math.min(1000, settings.measurementTime().toMillis()));
        this.warmupMillis = Math.max(100, measureMillis / 2);
        this.transports = new TreeMap<>();
    }

    /** Builds the reference for {@code plan}, or records why it cannot. */
    static NativeReference prepare(
            RunPlan plan, Combinations combinations, PlacementChoice where, JmhSettings settings) {
        NativeReference r = build(plan, combinations, where, settings);
        for (String t : plan.transports()) {
            String mech = combinations.nativeReference(t);
            if (mech != null) {
                r.transports.put(t, mech);
            }
        }
        return r;
    }

    private static NativeReference build(
            RunPlan plan, Combinations combinations, PlacementChoice where, JmhSettings settings) {
        List<Case> cases = cases(plan, combinations, where.applied());
        if (cases.isEmpty()) {
            return new NativeReference(
                    null,
                    null,
                    null,
                    "none of the chosen transports has a native reference (pipe, fifo, uds, tcp, udp, the Unix "
                            + "datagram and seqpacket sockets, and the rings have)",
                    cases,
                    where,
                    settings);
        }
        Path cc = COMPILERS.stream()
                .map(Executables::find)
                .filter(p -> p != null)
                .findFirst()
                .orElse(null);
        if (cc == null) {
            return new NativeReference(
                    null,
                    null,
                    null,
                    "no C compiler (cc, gcc or clang) on the PATH; install one (Debian: apt-get install gcc) for the "
                            + "Java / C figures",
                    cases,
                    where,
                    settings);
        }
        String version = firstLine(run(List.of(cc.toString(), "--version"), 30).output());
        PrivateDirectory dir = null;
        try {
            dir = PrivateDirectory.create();
            Path source = dir.resolve("ipcref.c");
            try (InputStream in = NativeReference.class.getResourceAsStream(SOURCE)) {
                if (in == null) {
                    throw new IOException("ipcref.c is not in the jar (" + SOURCE + ")");
                }
                Files.copy(in, source);
            }
            Path binary = dir.resolve("ipcref");
            Result compiled =
                    run(List.of(cc.toString(), "-O2", "-o", binary.toString(), source.toString()), COMPILE_SECONDS);
            if (compiled.code() != 0) {
                dir.close();
                return new NativeReference(
                        null,
                        null,
                        version,
                        "ipcref.c did not compile with " + cc + ": "
                                + compiled.output().strip(),
                        cases,
                        where,
                        settings);
            }
            return new NativeReference(dir, binary, version, null, cases, where, settings);
        } catch (IOException e) {
            if (dir != null) {
                try {
                    dir.close();
                } catch (IOException ignored) {
                    // the shutdown hook removes it
                }
            }
            return new NativeReference(
                    null, null, version, "the native reference could not be built: " + e, cases, where, settings);
        }
    }

    /** What the run measures in Java that the reference measures in C, each once. */
    static List<Case> cases(RunPlan plan, Combinations combinations, Placement placement) {
        Set<Case> cases = new LinkedHashSet<>();
        boolean ring = false;
        for (RunPlan.Group g : plan.groups()) {
            if (!g.kind().isJmh()) {
                continue; // the open loop has no C counterpart
            }
            String mech = combinations.nativeReference(g.transport());
            if (mech == null) {
                continue;
            }
            String wait = null;
            if ("ring".equals(mech)) {
                wait = ringWait(g.waitStrategy(), placement);
                if (wait == null) {
                    continue; // no C wait strategy like this one
                }
                ring = true;
            }
            String op = g.kind() == BenchmarkKind.ROUND_TRIP ? "roundtrip" : "stream";
            if ("stream".equals(op) && "udp".equals(mech)) {
                continue; // a C stream over udp would only measure loss
            }
            for (long size : g.sizes()) {
                cases.add(new Case(op, mech, size, wait, null));
                if (ring && "stream".equals(op)) {
                    cases.add(new Case("memcpy", "-", size, null, Long.toString(RING_SPAN)));
                }
            }
        }
        if (ring && placement != Placement.SAME) {
            cases.add(new Case("roundtrip", "cacheline", 64, "spin", null));
        }
        return new ArrayList<>(cases);
    }

    /** The bytes a memcpy reference walks through: a ring's default capacity. */
    static final long RING_SPAN = 1 << 20;

    /** The reference's wait for a ring's wait strategy, or {@code null} when it has none like it. */
    private static String ringWait(String wait, Placement placement) {
        return switch (wait) {
            case "spin" -> placement == Placement.SAME ? null : "spin";
            case "yield" -> "yield";
            default -> null;
        };
    }

    /**
     * About how long {@code cases} measurements take at the start and at the end of a run: each
     * warms up, then measures (a round trip twice: the mean, then every round trip timed).
     */
    static java.time.Duration estimate(int cases, JmhSettings settings) {
        long measure = measureMillis(settings);
        return java.time.Duration.ofMillis(2L * cases * (measure / 2 + 2 * measure + 100));
    }

    private static long measureMillis(JmhSettings settings) {
        return Math.max(200, Math.min(1000, settings.measurementTime().toMillis()));
    }

    /** Why the reference was not measured, or {@code null} when it is ready. */
    String skipped() {
        return skipped;
    }

    /** How many measurements one phase makes. */
    int size() {
        return skipped == null ? cases.size() : 0;
    }

    /** Measures every case once, as {@code phase}, saying so on {@code out}. */
    void measure(String phase, PrintWriter out) {
        if (skipped != null) {
            return;
        }
        out.println("  native    " + phase + " of the run: " + cases.size() + " C measurements (" + compiler + ")");
        out.flush();
        int failed = 0;
        String first = null;
        for (Case c : cases) {
            NativeFile.Measurement m = measure(phase, c);
            measured.add(m);
            if (m.error() != null) {
                failed++;
                first = first == null ? c.op() + " " + c.mech() + " " + c.size() + " B: " + m.error() : first;
            }
        }
        if (failed > 0) {
            out.println("  native    " + failed + " of " + cases.size() + " C measurements failed (" + phase
                    + " of the run; in native.json with their reasons), the first: " + first);
            out.flush();
        }
    }

    private NativeFile.Measurement measure(String phase, Case c) {
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), c.op(), c.mech(), Long.toString(c.size())));
        if (placement != Placement.ANY && cpu >= 0) {
            cmd.addAll(List.of("--cpu", Integer.toString(cpu), "--peer-cpu", Integer.toString(peerCpu)));
        }
        cmd.addAll(List.of("--warmup-ms", Long.toString(warmupMillis), "--measure-ms", Long.toString(measureMillis)));
        if (c.waitStrategy() != null) {
            cmd.addAll(List.of("--wait", c.waitStrategy()));
        }
        if (c.span() != null) {
            cmd.addAll(List.of("--span", c.span()));
        }
        Result r = run(cmd, 60 + 4 * (warmupMillis + measureMillis) / 1000);
        String line =
                r.output().lines().filter(l -> l.startsWith("{")).findFirst().orElse(null);
        if (r.code() != 0 || line == null) {
            return failed(phase, c, "exit code " + r.code() + ": " + r.output().strip());
        }
        try {
            // The C side's figures under this run's own names for what was measured.
            JsonNode figures = MAPPER.readTree(line);
            if (!(figures instanceof ObjectNode object)) {
                return failed(phase, c, "unreadable output '" + line + "': not a JSON object");
            }
            return MAPPER.treeToValue(object.setAll(identity(phase, c)), NativeFile.Measurement.class);
        } catch (IOException e) {
            return failed(phase, c, "unreadable output '" + line + "': " + e.getMessage());
        }
    }

    /** What was measured and where: the fields of a measurement the reference's line does not decide. */
    private ObjectNode identity(String phase, Case c) {
        ObjectNode n = MAPPER.createObjectNode()
                .put("phase", phase)
                .put("op", c.op())
                .put("mech", c.mech())
                .put("size", c.size())
                .put("placement", placement.argument());
        return c.waitStrategy() == null ? n.putNull("wait") : n.put("wait", c.waitStrategy());
    }

    private NativeFile.Measurement failed(String phase, Case c, String why) {
        try {
            return MAPPER.treeToValue(identity(phase, c).put("error", why), NativeFile.Measurement.class);
        } catch (IOException e) {
            throw new UncheckedIOException("a measurement's own fields did not map to it", e);
        }
    }

    private static final ObjectMapper MAPPER =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** What to write: the measurements so far, or why there are none. */
    NativeFile file() {
        return new NativeFile(compiler, skipped, transports, measured);
    }

    /** Removes the built reference. */
    @Override
    public void close() throws IOException {
        if (dir != null) {
            dir.close();
        }
    }

    private record Result(int code, String output) {}

    /**
     * Runs a command with a deadline, standard error folded into the output, which goes through a
     * file so that a command that hangs cannot hold this thread past the deadline.
     */
    private static Result run(List<String> command, long seconds) {
        Path output = null;
        try {
            output = Files.createTempFile("ipcref-output", ".txt");
            Process p = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
                return new Result(-1, "did not finish within " + seconds + " s");
            }
            return new Result(p.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException ignored) {
                    // a temporary file the system cleans
                }
            }
        }
    }

    private static String firstLine(String s) {
        return s.lines().findFirst().orElse("").strip();
    }
}
