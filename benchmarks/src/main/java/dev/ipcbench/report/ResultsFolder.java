package dev.ipcbench.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A run's results as files: {@value #JMH_JSON} (JMH's JSON, required), its SampleTime histograms in
 * {@code jmh-histograms.hlog} when they were moved out (see {@link HistogramLog}), and {@value
 * #ENVIRONMENT_JSON} (optional). The one place that reads, validates and writes them; a bare JMH
 * JSON file loads too (with {@code environment.json} only when it is named {@code jmh.json}).
 *
 * @param source the folder or file loaded
 * @param results JMH's results in file order, histograms put back
 */
public record ResultsFolder(Path source, Path jmhJson, List<JmhResult> results, Optional<EnvironmentFile> environment) {

    /** JMH's results in a results folder. */
    public static final String JMH_JSON = "jmh.json";

    /** The machine and settings in a results folder. */
    public static final String ENVIRONMENT_JSON = "environment.json";

    /** The deepest nesting accepted; JMH's JSON needs seven levels. */
    private static final int MAX_NESTING = 32;

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING)
                            .build())
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .build();

    public ResultsFolder {
        results = List.copyOf(results);
    }

    /**
     * Loads a results folder or a JMH JSON file.
     *
     * @throws ResultsException naming the file when it is missing, unreadable, not JSON, or not
     *     JMH's results
     */
    public static ResultsFolder load(Path path) throws ResultsException {
        if (!Files.exists(path)) {
            throw new ResultsException(path, "no such file or folder");
        }
        Path jmh = Files.isDirectory(path) ? path.resolve(JMH_JSON) : path;
        if (Files.isDirectory(path) && !Files.exists(jmh)) {
            throw new ResultsException(jmh, "missing: a results folder holds " + JMH_JSON);
        }
        Path parent = jmh.toAbsolutePath().getParent();
        Path env = JMH_JSON.equals(String.valueOf(jmh.getFileName())) && parent != null
                ? parent.resolve(ENVIRONMENT_JSON)
                : null;
        List<JmhResult> results = readJmh(jmh);
        Optional<EnvironmentFile> environment =
                env != null && Files.exists(env) ? Optional.of(readEnvironment(env)) : Optional.empty();
        return new ResultsFolder(path, jmh, results, environment);
    }

    /** Reads a JMH JSON file and the histogram log beside it, when there is one. */
    public static List<JmhResult> readJmh(Path file) throws ResultsException {
        List<JmhResult> results;
        try (InputStream in = open(file)) {
            results = parseJmh(file, in);
        } catch (IOException e) {
            throw new ResultsException(file, "cannot read: " + e, e);
        }
        Path log = HistogramLog.beside(file);
        if (!Files.isRegularFile(log)) {
            return results;
        }
        try (InputStream in = Files.newInputStream(log)) {
            return HistogramLog.read(results, in);
        } catch (IOException | RuntimeException e) {
            throw new ResultsException(log, "not a histogram log of " + file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses and validates JMH's JSON: an array of objects, each with a benchmark, a mode, a
     * primary metric with a score (a number, or JMH's {@code "NaN"}) and a unit, and a numeric
     * {@code size} parameter when it has one.
     *
     * @param file named in errors
     */
    public static List<JmhResult> parseJmh(Path file, InputStream in) throws ResultsException {
        List<JmhResult> results = new ArrayList<>();
        try (JsonParser p = MAPPER.createParser(in)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new ResultsException(file, "empty file, not JSON");
            }
            if (first != JsonToken.START_ARRAY) {
                throw new ResultsException(
                        file,
                        "not JMH results: the top level is "
                                + (first == JsonToken.START_OBJECT ? "an object" : "not an array")
                                + ", JMH writes an array of results");
            }
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                int i = results.size();
                if (t != JsonToken.START_OBJECT) {
                    throw new ResultsException(file, "not JMH results: result " + i + " is not an object");
                }
                JmhResult r;
                try {
                    r = MAPPER.readValue(p, JmhResult.class);
                } catch (MismatchedInputException e) {
                    throw new ResultsException(file, "not JMH results: result " + i + ": " + e.getOriginalMessage(), e);
                }
                String problem = problem(r);
                if (problem != null) {
                    throw new ResultsException(file, "not JMH results: result " + i + ": " + problem);
                }
                results.add(r);
            }
            if (p.nextToken() != null) {
                throw new ResultsException(file, "not valid JSON: text after the array");
            }
        } catch (JsonProcessingException e) {
            throw new ResultsException(file, notJson(e), e);
        } catch (IOException e) {
            throw new ResultsException(file, "cannot read: " + e, e);
        }
        return results;
    }

    /** What makes {@code r} unusable, or {@code null}. */
    private static String problem(JmhResult r) {
        if (r.benchmark() == null || r.benchmark().isBlank()) {
            return "no benchmark name";
        }
        if (r.mode() == null || r.mode().isBlank()) {
            return "no mode";
        }
        if (r.primaryMetric() == null) {
            return "no primaryMetric";
        }
        if (r.primaryMetric().score() == null) {
            return "primaryMetric.score is not a number";
        }
        if (r.primaryMetric().scoreUnit() == null) {
            return "no primaryMetric.scoreUnit";
        }
        if (r.param("size") != null && r.size() < 0) {
            return "param size '" + r.param("size") + "' is not a number of bytes";
        }
        return null;
    }

    /** Reads {@code environment.json}. */
    public static EnvironmentFile readEnvironment(Path file) throws ResultsException {
        try (InputStream in = open(file)) {
            try (JsonParser p = MAPPER.createParser(in)) {
                JsonToken first = p.nextToken();
                if (first == null) {
                    throw new ResultsException(file, "empty file, not JSON");
                }
                if (first != JsonToken.START_OBJECT) {
                    throw new ResultsException(file, "not an environment file: the top level is not an object");
                }
                return MAPPER.readValue(p, EnvironmentFile.class);
            }
        } catch (MismatchedInputException e) {
            throw new ResultsException(file, "not an environment file: " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new ResultsException(file, notJson(e), e);
        } catch (IOException e) {
            throw new ResultsException(file, "cannot read: " + e, e);
        }
    }

    private static InputStream open(Path file) throws ResultsException, IOException {
        if (Files.isDirectory(file)) {
            throw new ResultsException(file, "is a folder, not a file");
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            // a FIFO or a device would block the read or never end
            throw new ResultsException(file, "not a regular file (a pipe, a socket or a device)");
        }
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new ResultsException(file, "no such file", e);
        }
    }

    private static String notJson(JsonProcessingException e) {
        var at = e.getLocation();
        return "not valid JSON" + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr())
                + ": " + e.getOriginalMessage().lines().findFirst().orElse("");
    }

    /**
     * Writes a results folder: {@value #JMH_JSON} with the SampleTime histograms moved to the log
     * beside it (see {@link HistogramLog}), and {@value #ENVIRONMENT_JSON} unless {@code
     * environment} is {@code null}. Each file is written whole and then moved into place.
     */
    public static void write(Path dir, List<JmhResult> results, EnvironmentFile environment) throws IOException {
        Files.createDirectories(dir);
        Path jmh = dir.resolve(JMH_JSON);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        List<JmhResult> lean = HistogramLog.write(results, log);
        Path logFile = HistogramLog.beside(jmh);
        if (lean.equals(results)) {
            Files.deleteIfExists(logFile);
        } else {
            replace(logFile, out -> out.write(log.toByteArray()));
        }
        replace(jmh, out -> writeJson(out, lean));
        if (environment != null) {
            replace(dir.resolve(ENVIRONMENT_JSON), out -> writeJson(out, environment));
        }
    }

    /**
     * Reads one of the folder's JSON files (other than JMH's) into {@code type}.
     *
     * @param what names the kind of file in errors, for example "a native reference file"
     */
    static <T> T readJson(Path file, Class<T> type, String what) throws ResultsException {
        try (InputStream in = open(file)) {
            try (JsonParser p = MAPPER.createParser(in)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    throw new ResultsException(file, "not " + what + ": the top level is not an object");
                }
                return MAPPER.readValue(p, type);
            }
        } catch (MismatchedInputException e) {
            throw new ResultsException(file, "not " + what + ": " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new ResultsException(file, notJson(e), e);
        } catch (IOException e) {
            throw new ResultsException(file, "cannot read: " + e, e);
        }
    }

    /** Writes one of the folder's JSON files whole, then moves it into place. */
    public static void writeJson(Path file, Object value) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        replace(file, out -> writeJson(out, value));
    }

    private interface Writing {
        void to(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code file} whole and then moves it into place: the content goes to a new file with a
     * random name beside it (created, never opened through a link someone planted), which then
     * replaces the target by a rename, which replaces a link rather than writing through it.
     */
    private static void replace(Path file, Writing writing) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(parent, "." + file.getFileName() + ".", ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp, LinkOption.NOFOLLOW_LINKS)) {
                writing.to(out);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Writes a file of the results folder the same safe way as the folder's own files. */
    public static void writeFile(Path file, byte[] content) throws IOException {
        replace(file, out -> out.write(content));
    }

    private static void writeJson(OutputStream out, Object value) throws IOException {
        MAPPER.writeValue(out, value);
        out.write('\n');
    }

    /** A value as indented JSON, as the files are written (for tests and tools). */
    public static String toJson(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A value as one line of JSON, as a child process reports a result on its standard output. */
    public static String toJsonLine(Object value) {
        try {
            return MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /**
     * Reads a line written by {@link #toJsonLine}.
     *
     * @throws IOException when it is not JSON of {@code type}
     */
    public static <T> T fromJsonLine(String line, Class<T> type) throws IOException {
        return MAPPER.readValue(line, type);
    }

    /** A results folder's environment, when there is one: its skipped and failed combinations, and more. */
    public List<EnvironmentFile.Missing> skipped() {
        return environment.map(EnvironmentFile::skipped).orElse(List.of());
    }

    /** The runs that failed, with reasons. */
    public List<EnvironmentFile.Missing> failed() {
        return environment.map(EnvironmentFile::failed).orElse(List.of());
    }
}
