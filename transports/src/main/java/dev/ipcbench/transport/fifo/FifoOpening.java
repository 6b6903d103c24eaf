package dev.ipcbench.transport.fifo;

import dev.ipcbench.transport.TransportException;
import java.io.Closeable;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Opens two FIFOs, in order, on a daemon thread: opening a FIFO blocks until the other end opens
 * it, and no Java call can interrupt that. {@link #close()} aborts: it opens both FIFOs for reading
 * and writing itself, which lets any pending open return, and the thread then closes everything it
 * opened. Opening order must mirror the other side's, or both wait forever.
 */
final class FifoOpening implements Closeable {

    private final Path first;
    private final Path second;
    private final boolean firstForWriting;
    private final CompletableFuture<FileChannel[]> result = new CompletableFuture<>();
    private boolean finished; // guarded by this
    private boolean aborted; // guarded by this
    private RandomAccessFile[] pokes; // guarded by this

    /**
     * @param firstForWriting whether {@code first} is opened for writing (then {@code second} is
     *     opened for reading), or the reverse
     */
    FifoOpening(String alias, Path first, boolean firstForWriting, Path second) {
        this.first = first;
        this.second = second;
        this.firstForWriting = firstForWriting;
        Thread t = new Thread(this::run, "ipcbench-" + alias + "-open");
        t.setDaemon(true);
        t.start();
    }

    private void run() {
        FileChannel a = null;
        FileChannel b = null;
        try {
            a = FileChannel.open(first, firstForWriting ? StandardOpenOption.WRITE : StandardOpenOption.READ);
            b = FileChannel.open(second, firstForWriting ? StandardOpenOption.READ : StandardOpenOption.WRITE);
        } catch (IOException e) {
            closeQuietly(a);
            result.completeExceptionally(e);
            return;
        }
        synchronized (this) {
            finished = true;
            if (aborted) {
                closeQuietly(a);
                closeQuietly(b);
                closePokes();
                return;
            }
        }
        // [0] reads, [1] writes
        result.complete(firstForWriting ? new FileChannel[] {b, a} : new FileChannel[] {a, b});
    }

    /** Waits for both opens; returns {reading channel, writing channel}. */
    FileChannel[] await() throws IOException {
        try {
            return result.get();
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            throw c instanceof IOException io ? io : new IOException(c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted while opening " + first + " and " + second, e);
        }
    }

    /** Aborts a pending open; does nothing once both opens have completed. */
    @Override
    public void close() {
        synchronized (this) {
            if (finished || aborted) {
                return;
            }
            aborted = true;
            result.completeExceptionally(
                    new TransportException("the FIFOs were closed before the other side opened them"));
            try {
                // O_RDWR never blocks on Linux and counts as both a reader and a writer.
                pokes = new RandomAccessFile[] {
                    new RandomAccessFile(first.toFile(), "rw"), new RandomAccessFile(second.toFile(), "rw")
                };
            } catch (IOException e) {
                closePokes();
            }
        }
    }

    private void closePokes() {
        if (pokes != null) {
            for (RandomAccessFile p : pokes) {
                try {
                    if (p != null) {
                        p.close();
                    }
                } catch (IOException ignored) {
                    // cleanup
                }
            }
            pokes = null;
        }
    }

    private static void closeQuietly(Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // cleanup
            }
        }
    }
}
