package dev.ipcbench.peer;

import dev.ipcbench.transport.Transport;
import dev.ipcbench.transport.TransportException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The first message on every new channel, from the peer: a magic number and the peer's process id.
 * It proves the channel works end to end before any measurement, and that the process on the other
 * end is the one that was started.
 */
final class Hello {
    /** "IPCBHELO" in ASCII. */
    static final long MAGIC = 0x4950_4342_4845_4C4FL;

    static final int LENGTH = 16;

    private Hello() {}

    static void send(Transport transport) throws IOException {
        ByteBuffer b = ByteBuffer.allocateDirect(LENGTH).order(ByteOrder.BIG_ENDIAN);
        b.putLong(MAGIC).putLong(ProcessHandle.current().pid()).flip();
        transport.send(b);
    }

    /** Receives the hello and checks it came from {@code expectedPid}. */
    static void receive(Transport transport, long expectedPid) throws IOException {
        ByteBuffer b = ByteBuffer.allocateDirect(64).order(ByteOrder.BIG_ENDIAN);
        int n = transport.receive(b);
        if (n != LENGTH || b.getLong(0) != MAGIC) {
            throw new TransportException(
                    transport.alias() + ": the peer's first message was not its hello (" + n + " bytes)");
        }
        long pid = b.getLong(8);
        if (pid != expectedPid) {
            throw new TransportException(transport.alias() + ": the hello came from pid " + pid + ", not from the peer "
                    + expectedPid + " that was started");
        }
    }
}
