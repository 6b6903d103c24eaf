package dev.ipcbench.report;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The results of one run, as written by {@code ipcbench run}: the {@code jmh.json} results (required)
 * and the {@code environment.json} facts (optional). Loads a results folder, or a bare JMH JSON
 * file (then {@code environment.json} is read from beside it only when the file is named {@code
 * jmh.json}). Anything unusable gives a {@link ResultsException} naming the file.
 */
public final class ResultSet {

    /** JMH's results in a results folder. */
    public static final String JMH_JSON = "jmh.json";

    /** The machine and settings in a results folder. */
    public static final String ENVIRONMENT_JSON = "environment.json";

    private final Path source;
    private final Path jmhJson;
    private final Path environmentJson;
    private final List<JmhResult> results;
    private final Map<String, Object> environment;

    private ResultSet(
            Path source, Path jmhJson, Path environmentJson, List<JmhResult> results, Map<String, Object> environment) {
        this.source = source;
        this.jmhJson = jmhJson;
        this.environmentJson = environmentJson;
        this.results = List.copyOf(results);
        this.environment = environment == null ? null : Collections.unmodifiableMap(environment);
    }

    /**
     * Loads a results folder (holding {@value #JMH_JSON}, and optionally {@value
     * #ENVIRONMENT_JSON}) or a JMH JSON file.
     *
     * @throws ResultsException naming the file when it is missing, unreadable, not JSON, or not an
     *     array of JMH results
     */
    public static ResultSet load(Path path) throws ResultsException {
        if (!Files.exists(path)) {
            throw new ResultsException(path, "no such file or folder");
        }
        Path jmh;
        Path env;
        if (Files.isDirectory(path)) {
            jmh = path.resolve(JMH_JSON);
            if (!Files.exists(jmh)) {
                throw new ResultsException(jmh, "missing: a results folder holds " + JMH_JSON);
            }
            env = path.resolve(ENVIRONMENT_JSON);
        } else {
            jmh = path;
            Path parent = path.toAbsolutePath().getParent();
            env = JMH_JSON.equals(String.valueOf(path.getFileName())) && parent != null
                    ? parent.resolve(ENVIRONMENT_JSON)
                    : null;
        }
        List<JmhResult> results = parseResults(jmh, read(jmh));
        Map<String, Object> environment = null;
        if (env != null && Files.exists(env)) {
            Object root = parseJson(env, read(env));
            if (!(root instanceof Map<?, ?> map)) {
                throw new ResultsException(env, "not an environment file: the top level is not an object");
            }
            environment = Tree.stringKeys(map);
        } else {
            env = null;
        }
        return new ResultSet(path, jmh, env, results, environment);
    }

    /**
     * Reads results from JMH JSON text.
     *
     * @param file named in errors
     * @throws ResultsException when the text is not JSON or not an array of JMH results
     */
    public static ResultSet parse(Path file, String jmhJsonText) throws ResultsException {
        return new ResultSet(file, file, null, parseResults(file, jmhJsonText), null);
    }

    private static String read(Path file) throws ResultsException {
        if (Files.isDirectory(file)) {
            throw new ResultsException(file, "is a folder, not a file");
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ResultsException(file, "no such file", e);
        } catch (CharacterCodingException e) {
            throw new ResultsException(file, "cannot read: not UTF-8 text", e);
        } catch (IOException e) {
            throw new ResultsException(file, "cannot read: " + e, e);
        }
    }

    private static Object parseJson(Path file, String text) throws ResultsException {
        if (text.isBlank()) {
            throw new ResultsException(file, "empty file, not JSON");
        }
        try {
            return Json.parse(text.strip());
        } catch (IllegalArgumentException e) {
            throw new ResultsException(file, e.getMessage(), e);
        }
    }

    private static List<JmhResult> parseResults(Path file, String text) throws ResultsException {
        Object root = parseJson(file, text);
        if (!(root instanceof List<?> elements)) {
            throw new ResultsException(
                    file,
                    "not JMH results: the top level is " + (root instanceof Map ? "an object" : "not an array")
                            + ", JMH writes an array of results");
        }
        List<JmhResult> results = new ArrayList<>();
        for (int i = 0; i < elements.size(); i++) {
            if (!(elements.get(i) instanceof Map<?, ?> element)) {
                throw new ResultsException(file, "not JMH results: result " + i + " is not an object");
            }
            try {
                results.add(JmhResult.fromJson(i, element));
            } catch (IllegalArgumentException e) {
                throw new ResultsException(file, "not JMH results: result " + i + ": " + e.getMessage(), e);
            }
        }
        return results;
    }

    /** The folder or file this was loaded from. */
    public Path source() {
        return source;
    }

    /** The JMH JSON file. */
    public Path jmhJson() {
        return jmhJson;
    }

    /** The environment file, when there is one. */
    public Optional<Path> environmentJson() {
        return Optional.ofNullable(environmentJson);
    }

    /** The results in file order. */
    public List<JmhResult> results() {
        return results;
    }

    /** The measurements in file order. */
    public List<Measurement> measurements() {
        return results.stream().map(JmhResult::measurement).toList();
    }

    /** The parsed {@value #ENVIRONMENT_JSON}, when there is one. */
    public Optional<Map<String, Object>> environment() {
        return Optional.ofNullable(environment);
    }

    /**
     * A value of {@value #ENVIRONMENT_JSON} by path (for example {@code "cpu", "model"}) as text,
     * or {@code null} when there is no environment or no such value.
     */
    public String env(String... path) {
        return environment == null ? null : Tree.text(Tree.get(environment, path));
    }

    /** A value of {@value #ENVIRONMENT_JSON} by path, or {@code null}. */
    public Object envValue(String... path) {
        return environment == null ? null : Tree.get(environment, path);
    }

    /**
     * A combination that has no result, with the reason {@value #ENVIRONMENT_JSON} records.
     *
     * @param benchmark the simple name ({@code RoundTrip}), or {@code null} when not recorded
     * @param mode JMH's mode, or {@code null} when not recorded (skipped combinations apply to
     *     every mode)
     * @param size the size in bytes, -1 when not recorded
     */
    public record Missing(
            boolean skipped,
            String benchmark,
            String mode,
            String transport,
            long size,
            String waitStrategy,
            String reason) {

        /** Whether this applies to a result of {@code benchmark} (simple name), the row and size. */
        boolean covers(String benchmarkName, SummaryTable.Row row, long atSize) {
            return transport != null
                    && benchmarkName.equals(benchmark)
                    && size == atSize
                    && row.equals(new SummaryTable.Row(transport, waitStrategy));
        }
    }

    /** The combinations {@code ipcbench run} skipped because they cannot run here, with reasons. */
    public List<Missing> skipped() {
        return missing("skipped", true);
    }

    /** The runs that failed, with reasons. */
    public List<Missing> failed() {
        return missing("failed", false);
    }

    private List<Missing> missing(String key, boolean skipped) {
        List<Missing> list = new ArrayList<>();
        if (environment != null && environment.get(key) instanceof List<?> entries) {
            for (Object e : entries) {
                if (e instanceof Map<?, ?> m) {
                    Object size = m.get("size");
                    list.add(new Missing(
                            skipped,
                            Tree.text(m.get("benchmark")),
                            Tree.text(m.get("mode")),
                            Tree.text(m.get("transport")),
                            size instanceof Number n ? n.longValue() : parseLong(Tree.text(size)),
                            Tree.text(m.get("wait")),
                            Tree.text(m.get("reason"))));
                }
            }
        }
        return list;
    }

    private static long parseLong(String s) {
        try {
            return s == null ? -1 : Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
