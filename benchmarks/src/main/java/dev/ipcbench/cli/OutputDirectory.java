package dev.ipcbench.cli;

import dev.ipcbench.report.ResultsFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;

/** Chooses and checks the directory a run writes its results to. */
final class OutputDirectory {

    /** The files of a results folder a run writes; any of them there means the folder holds results. */
    static final java.util.List<String> RESULT_FILES = java.util.List.of(
            ResultsFolder.JMH_JSON, ResultsFolder.ENVIRONMENT_JSON, dev.ipcbench.report.NativeFile.FILE);

    private OutputDirectory() {}

    /**
     * {@code results/<date>-<host>} under {@code base} (date in UTC), with {@code -2}, {@code -3}, ...
     * appended when that directory already holds results.
     */
    static Path defaultFor(Path base, LocalDate date, String host) {
        String name = date + "-" + sanitize(host == null ? "unknown-host" : host);
        Path results = base.resolve("results");
        Path dir = results.resolve(name);
        for (int i = 2; Files.exists(dir.resolve(ResultsFolder.JMH_JSON)); i++) {
            dir = results.resolve(name + "-" + i);
        }
        return dir;
    }

    /** Where {@code results/} goes: {@value Environment#HOME_PROPERTY}, else the working directory. */
    static Path base() {
        String home = System.getProperty(Environment.HOME_PROPERTY);
        return home == null || home.isBlank() ? Path.of("") : Path.of(home);
    }

    /** Today's date in UTC. */
    static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    /** A host name made safe for a directory name. */
    static String sanitize(String host) {
        String s = host.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
        return s.isEmpty() ? "unknown-host" : s;
    }

    /**
     * Checks that {@code dir} can hold results.
     *
     * @param create whether to create it and prove it writable by writing a file (else only the
     *     nearest existing directory is checked, and nothing is created)
     * @throws UsageException saying what is wrong
     */
    static void check(Path dir, boolean create) {
        check(dir, create, false);
    }

    /**
     * Like {@link #check(Path, boolean)}, and refuses a directory that already holds results, which
     * a run would replace, unless {@code replace} says the user asked for that.
     */
    static void check(Path dir, boolean create, boolean replace) {
        Path abs = dir.toAbsolutePath().normalize();
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            throw new UsageException("--out " + dir + " exists and is not a directory");
        }
        if (!replace) {
            for (String file : RESULT_FILES) {
                if (Files.exists(abs.resolve(file), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    throw new UsageException("--out " + dir + " already holds results (" + file + "): a run never "
                            + "replaces them unless asked; choose a fresh folder, or add --force to replace them");
                }
            }
        }
        if (!create) {
            Path existing = abs;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (existing == null || !Files.isDirectory(existing)) {
                throw new UsageException(
                        "cannot create output directory " + dir + ": " + existing + " is not a directory");
            }
            if (!Files.isWritable(existing)) {
                throw new UsageException(
                        "cannot create output directory " + dir + ": " + existing + " is not writable");
            }
            return;
        }
        try {
            Files.createDirectories(abs);
        } catch (IOException | SecurityException e) {
            throw new UsageException("cannot create output directory " + dir + ": " + describe(e), e);
        }
        try {
            Path probe = Files.createTempFile(abs, ".ipcbench-probe-", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new UsageException("cannot write to output directory " + dir + ": " + describe(e), e);
        }
    }

    private static String describe(Exception e) {
        String kind = e.getClass().getSimpleName();
        return e.getMessage() == null ? kind : kind + " (" + e.getMessage() + ")";
    }
}
