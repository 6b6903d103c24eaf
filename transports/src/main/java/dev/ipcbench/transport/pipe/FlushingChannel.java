package dev.ipcbench.transport.pipe;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;

/**
 * A channel over a process's standard-input stream, for systems without {@code /proc}: each write
 * copies into one array, writes it and flushes, so a message leaves in one system call.
 */
final class FlushingChannel implements GatheringByteChannel {
    private final OutputStream out;
    private final byte[] staging = new byte[64 * 1024];
    private boolean open = true;

    FlushingChannel(OutputStream out) {
        this.out = out;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        int total = 0;
        while (src.hasRemaining()) {
            int n = Math.min(src.remaining(), staging.length);
            src.get(staging, 0, n);
            out.write(staging, 0, n);
            total += n;
        }
        out.flush();
        return total;
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            total += write(srcs[i]);
        }
        return total;
    }

    @Override
    public long write(ByteBuffer[] srcs) throws IOException {
        return write(srcs, 0, srcs.length);
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() throws IOException {
        open = false;
        out.close();
    }
}
