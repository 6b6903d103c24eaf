package dev.ipcbench.transport.ring;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ipcbench.transport.TransportException;
import dev.ipcbench.transport.TransportOptions;
import dev.ipcbench.transport.mmap.MmapTransportProvider;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Attaching to a file that is not a well-formed ring fails with a message saying what is wrong. */
class RingHeaderTest {

    @TempDir
    Path dir;

    private final MmapTransportProvider provider = new MmapTransportProvider();

    private Path ringFile(long magic, int version, int capacity, long declaredLength, long actualLength)
            throws IOException {
        ByteBuffer b = ByteBuffer.allocate((int) actualLength).order(ByteOrder.nativeOrder());
        if (actualLength >= RingDescriptor.HEADER_LENGTH) {
            b.putLong(RingDescriptor.MAGIC_OFFSET, magic);
            b.putInt(RingDescriptor.VERSION_OFFSET, version);
            b.putInt(RingDescriptor.HEADER_LENGTH_OFFSET, RingDescriptor.HEADER_LENGTH);
            b.putInt(RingDescriptor.CAPACITY_OFFSET, capacity);
            b.putLong(RingDescriptor.FILE_LENGTH_OFFSET, declaredLength);
        }
        Path f = dir.resolve("ring");
        Files.write(f, b.array());
        return f;
    }

    private String attachFails(Path file) {
        TransportException e = assertThrows(
                TransportException.class, () -> provider.connect(file.toString(), TransportOptions.defaults()));
        assertTrue(e.getMessage().startsWith("mmap: ") && e.getMessage().contains(file.toString()), e.getMessage());
        return e.getMessage();
    }

    @Test
    void wrongMagic() throws IOException {
        long len = RingDescriptor.fileLength(4096);
        String m = attachFails(ringFile(0x1234L, 1, 4096, len, len));
        assertTrue(m.contains("not an ipcbench ring"), m);
    }

    @Test
    void wrongVersion() throws IOException {
        long len = RingDescriptor.fileLength(4096);
        String m = attachFails(ringFile(RingDescriptor.MAGIC, 99, 4096, len, len));
        assertTrue(m.contains("version 99"), m);
    }

    @Test
    void fileTooSmallForItsRings() throws IOException {
        long len = RingDescriptor.fileLength(8192);
        String m = attachFails(ringFile(RingDescriptor.MAGIC, RingDescriptor.VERSION, 8192, len, len - 100));
        assertTrue(m.contains("too small"), m);
    }

    @Test
    void fileTooSmallForAHeader() throws IOException {
        String m = attachFails(ringFile(0, 0, 0, 0, 100));
        assertTrue(m.contains("smaller than the 256-byte ring header"), m);
    }

    @Test
    void capacityNotAPowerOfTwo() throws IOException {
        long len = RingDescriptor.fileLength(5000);
        String m = attachFails(ringFile(RingDescriptor.MAGIC, RingDescriptor.VERSION, 5000, len, len));
        assertTrue(m.contains("power of two"), m);
    }

    @Test
    void missingFile() {
        String m = attachFails(dir.resolve("ring"));
        assertTrue(m.contains("no ring file"), m);
    }
}
