package dev.ipcbench.transport;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A fresh directory named {@code ipcbench-*}, readable only by its owner (mode 0700 on POSIX), for
 * sockets, FIFOs and mapped files. It is removed, with everything in it, on {@link #close()} and at
 * JVM exit, whichever comes first.
 */
public final class PrivateDirectory implements Closeable {

    /** Prefix of every directory this class creates. */
    public static final String PREFIX = "ipcbench-";

    private static final Set<PrivateDirectory> OPEN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            for (PrivateDirectory d : OPEN) {
                                d.delete();
                            }
                        },
                        "ipcbench-private-directory-cleanup"));
    }

    private final Path path;

    private PrivateDirectory(Path path) {
        this.path = path;
    }

    /** Creates a private directory under the system temporary directory ({@code java.io.tmpdir}). */
    public static PrivateDirectory create() throws IOException {
        return createIn(Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** Creates a private directory under {@code parent}. */
    public static PrivateDirectory createIn(Path parent) throws IOException {
        Path dir;
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            dir = Files.createTempDirectory(
                    parent, PREFIX, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            dir = Files.createTempDirectory(parent, PREFIX);
        }
        PrivateDirectory d = new PrivateDirectory(dir);
        OPEN.add(d);
        return d;
    }

    /** The directory. */
    public Path path() {
        return path;
    }

    /** A path inside the directory. */
    public Path resolve(String name) {
        return path.resolve(name);
    }

    /** Removes the directory and its contents. Idempotent. */
    @Override
    public void close() throws IOException {
        if (OPEN.remove(this)) {
            try {
                delete();
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
    }

    private void delete() {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                try {
                    Files.deleteIfExists(p);
                } catch (NoSuchFileException ignored) {
                    // removed concurrently: fine
                }
            }
        } catch (NoSuchFileException ignored) {
            // already gone
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + path, e);
        }
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
