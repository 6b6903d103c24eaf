package dev.ipcbench.report;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ipcbench.cli.IpcBench;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The real JMH outputs committed under {@code src/test/resources/results/}, read independently of
 * the code under test, and a way to run {@code ipcbench} commands.
 */
final class TestResults {

    private TestResults() {}

    /** A test resource's path, for example {@code results/run-a}. */
    static Path resource(String name) {
        URL url = TestResults.class.getResource("/" + name);
        assertNotNull(url, "test resource /" + name + " is missing (see src/test/resources/results/)");
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A file parsed as JSON. */
    static Object json(Path file) {
        try {
            return new ObjectMapper().readValue(file.toFile(), Object.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The elements of a JMH JSON file. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> results(Path file) {
        return (List<Map<String, Object>>) json(file);
    }

    /** A value by path in parsed JSON. */
    @SuppressWarnings("unchecked")
    static <T> T at(Object root, String... path) {
        Object v = root;
        for (String p : path) {
            v = ((Map<String, Object>) v).get(p);
        }
        return (T) v;
    }

    /**
     * The mean of a result's per-iteration data, computed here independently: the mean of {@code
     * rawData}, or of the per-iteration histogram means of {@code rawDataHistogram}.
     */
    static double rawMean(Map<String, Object> result) {
        Map<String, Object> primary = at(result, "primaryMetric");
        List<Double> values = new ArrayList<>();
        if (primary.get("rawData") instanceof List<?> forks) {
            for (Object fork : forks) {
                for (Object v : (List<?>) fork) {
                    values.add(((Number) v).doubleValue());
                }
            }
        } else {
            for (Object fork : (List<?>) primary.get("rawDataHistogram")) {
                for (Object iteration : (List<?>) fork) {
                    double sum = 0;
                    double count = 0;
                    for (Object pair : (List<?>) iteration) {
                        List<?> vc = (List<?>) pair;
                        double n = ((Number) vc.get(1)).doubleValue();
                        sum += ((Number) vc.get(0)).doubleValue() * n;
                        count += n;
                    }
                    values.add(sum / count);
                }
            }
        }
        return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    /** A copy of a folder's regular files (not recursive). */
    static void copyFolder(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }

    /** What a command printed and returned. */
    record Run(int code, String out, String err) {}

    /** Runs {@code ipcbench} with {@code args}, capturing its output. */
    static Run ipcbench(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = IpcBench.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
