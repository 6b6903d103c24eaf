package dev.ipcbench.transport.support;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds commands on the {@code PATH}. */
public final class Executables {
    private Executables() {}

    /** The executable named {@code command} on the {@code PATH}, or {@code null}. */
    public static Path find(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, command);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
