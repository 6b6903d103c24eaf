package dev.ipcbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.ipcbench.peer.SinkProtocol;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

class PayloadTest {

    @Test
    void neverBeginsLikeASyncRequest() {
        for (int size : new int[] {1, 7, 8, 24, 64, 1000}) {
            ByteBuffer b = Payload.allocate(size, 0);
            assertNotEquals((byte) (SinkProtocol.SYNC_MAGIC >>> 56), b.get(0), "size " + size);
            assertEquals(0, b.position());
            assertEquals(size, b.limit());
        }
    }

    @Test
    void isDeterministicAndNotPeriodic() {
        ByteBuffer a = Payload.allocate(4096, 0);
        ByteBuffer b = Payload.allocate(4096, 0);
        assertEquals(-1, Payload.firstDifference(a, b, 4096));
        ByteBuffer firstHalf = a.duplicate().position(0).limit(256);
        ByteBuffer secondHalf = a.duplicate().position(256).limit(512);
        assertNotEquals(firstHalf, secondHalf, "a 256-byte block must not repeat");
    }

    @Test
    void checksumsAgreeAndSeeOneChangedByte() {
        ByteBuffer sent = Payload.allocate(1024, 0);
        ByteBuffer received = ByteBuffer.allocateDirect(1024 + 64);
        received.put(sent.duplicate());
        CRC32C crc = new CRC32C();
        int expected = Payload.checksum(sent, 1024);
        assertEquals(expected, Payload.checksum(crc, received, 1024));
        received.put(500, (byte) (received.get(500) + 1));
        assertNotEquals(expected, Payload.checksum(crc, received, 1024));
        assertEquals(500, Payload.firstDifference(received, sent, 1024));
    }
}
