package dev.ipcbench.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ipcbench.peer.PeerProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract every transport must keep, checked across two OS processes: this JVM and a {@link
 * PeerProcess}. A transport's test class extends this and supplies only {@link #provider()}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class TransportContractTests {

    /** The message sizes every transport is tried at, up to its maximum. */
    static final int[] SIZES = {1, 64, 1024, 65_535, 65_537, (1 << 20) + 7};

    private static final Duration IO_TIMEOUT = Duration.ofSeconds(5);

    /** The transport under test. */
    protected abstract TransportProvider provider();

    /** Options for these tests: short deadlines, so a failure shows quickly. */
    protected TransportOptions options() {
        return TransportOptions.defaults().withIoTimeout(IO_TIMEOUT);
    }

    private Set<String> directoriesBefore;

    @BeforeEach
    void requireAvailable() throws IOException {
        String cause = provider().unavailabilityCause();
        assumeTrue(cause == null, () -> provider().alias() + " is not available here: " + cause);
        directoriesBefore = privateDirectories();
    }

    @AfterEach
    void nothingLeftBehind() throws IOException {
        if (directoriesBefore == null) {
            return;
        }
        Set<String> now = privateDirectories();
        now.removeAll(directoriesBefore);
        assertTrue(now.isEmpty(), "private directories left behind: " + now);
        List<ProcessHandle> children = ProcessHandle.current()
                .children()
                .filter(ProcessHandle::isAlive)
                .toList();
        assertTrue(children.isEmpty(), "child processes left behind: " + children);
    }

    private PeerProcess startEcho() throws IOException {
        return PeerProcess.builder(provider()).options(options()).start();
    }

    private PeerProcess startEcho(TransportOptions options) throws IOException {
        return PeerProcess.builder(provider()).options(options).start();
    }

    private int maxMessage() {
        return provider().maxMessageSize(options());
    }

    @Test
    void aPeerThatFailsSaysWhyInThisSidesError() throws IOException {
        try (PeerProcess peer = PeerProcess.builder(provider())
                .options(options())
                .bufferSize(64)
                .forwardStderr(false)
                .start()) {
            // 1000 bytes do not fit the peer's 64-byte buffer: its receive fails and it exits, saying why.
            peer.transport().send(Payloads.fill(ByteBuffer.allocateDirect(1000), 1, 1000));
            TransportException e = assertThrows(
                    TransportException.class, () -> peer.transport().receive(ByteBuffer.allocateDirect(2000)));
            assertTrue(
                    e.getMessage().contains("has room for 64"),
                    "the peer's own reason belongs in this side's error: " + e.getMessage());
        }
    }

    @Test
    void roundTripsAtEverySizeArriveIntact() throws IOException {
        int max = maxMessage();
        List<Integer> sizes = new ArrayList<>();
        for (int s : SIZES) {
            if (s <= max) {
                sizes.add(s);
            }
        }
        if (max < SIZES[SIZES.length - 1]) {
            sizes.add(max);
        }
        int largest = sizes.get(sizes.size() - 1);
        ByteBuffer out = ByteBuffer.allocateDirect(largest);
        ByteBuffer roomy = ByteBuffer.allocateDirect(largest + 1024);
        try (PeerProcess peer = startEcho()) {
            Transport t = peer.transport();
            long seq = 0;
            for (int size : sizes) {
                // Once into a buffer of exactly the message's size, once into a roomier one.
                for (ByteBuffer in : List.of(ByteBuffer.allocateDirect(size), roomy)) {
                    seq++;
                    t.send(Payloads.fill(out, seq, size));
                    assertEquals(size, out.position(), "send must consume the whole message");
                    in.clear();
                    int n = t.receive(in);
                    assertEquals(n, in.position(), "receive must advance the position by the length");
                    Payloads.verify(in, seq, size, n);
                }
            }
        }
    }

    @Test
    void tenThousandSmallRoundTripsArriveInOrder() throws IOException {
        ByteBuffer out = ByteBuffer.allocateDirect(64);
        ByteBuffer in = ByteBuffer.allocateDirect(64);
        try (PeerProcess peer = startEcho()) {
            Transport t = peer.transport();
            for (long seq = 1; seq <= 10_000; seq++) {
                int size = 16 + (int) (seq % 49);
                t.send(Payloads.fill(out, seq, size));
                in.clear();
                Payloads.verify(in, seq, size, t.receive(in));
            }
        }
    }

    @Test
    void messagesInFlightTogetherArriveSeparatelyAndInOrder() throws IOException {
        int count = 32;
        ByteBuffer out = ByteBuffer.allocateDirect(2048);
        ByteBuffer in = ByteBuffer.allocateDirect(2048);
        try (PeerProcess peer = startEcho()) {
            Transport t = peer.transport();
            for (int seq = 1; seq <= count; seq++) {
                t.send(Payloads.fill(out, seq, 1000 + seq));
            }
            for (int seq = 1; seq <= count; seq++) {
                in.clear();
                Payloads.verify(in, seq, 1000 + seq, t.receive(in));
            }
        }
    }

    /**
     * One thread sends while another receives the echoes, as the open-loop benchmark does: every
     * message arrives whole and in order, small ones and ones larger than any pipe or socket buffer
     * (so the sender is held back inside a send while the receiver reads). A transport that may lose
     * messages keeps no more in flight than {@link TransportProvider#maxInFlight} promises it loses
     * none with.
     */
    @Test
    void oneThreadSendsWhileAnotherReceivesTheEchoes() throws Exception {
        int count = 20_000;
        int large = Math.min(maxMessage(), 200_000);
        long window = provider().capabilities().reliable()
                ? Long.MAX_VALUE
                : Math.min(provider().maxInFlight(large), provider().maxInFlight(16 + 239));
        AtomicLong received = new AtomicLong();
        ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "contract-sender");
            t.setDaemon(true);
            return t;
        });
        try (PeerProcess peer = startEcho()) {
            Transport t = peer.transport();
            Future<?> sending = sender.submit(() -> {
                ByteBuffer out = ByteBuffer.allocateDirect(large);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                for (long seq = 1; seq <= count; seq++) {
                    while (seq - 1 - received.get() >= window) {
                        if (System.nanoTime() > deadline) {
                            throw new AssertionError("the receiver stopped at message " + received.get());
                        }
                        LockSupport.parkNanos(10_000);
                    }
                    t.send(Payloads.fill(out, seq, concurrentSize(seq, large)));
                }
                return null;
            });
            ByteBuffer in = ByteBuffer.allocateDirect(large);
            try {
                for (long seq = 1; seq <= count; seq++) {
                    in.clear();
                    int n = t.receive(in);
                    Payloads.verify(in, seq, concurrentSize(seq, large), n);
                    received.set(seq);
                }
            } catch (IOException | AssertionError e) {
                if (sending.isDone()) {
                    try {
                        sending.get();
                    } catch (ExecutionException sent) {
                        e.addSuppressed(sent.getCause()); // the sender's failure may be the real one
                    }
                }
                throw e;
            }
            try {
                sending.get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                throw new AssertionError("the sending thread failed: " + e.getCause(), e.getCause());
            } catch (TimeoutException e) {
                throw new AssertionError("every echo came back but the sending thread did not finish", e);
            }
        } finally {
            sender.shutdownNow();
        }
    }

    /** Message {@code seq}'s size in {@link #oneThreadSendsWhileAnotherReceivesTheEchoes}. */
    private static int concurrentSize(long seq, int large) {
        return seq % 1000 == 0 ? large : 16 + (int) (seq % 240);
    }

    @Test
    void messageLargerThanTheReceiveBufferIsReportedAndTheChannelStaysUsable() throws IOException {
        ByteBuffer out = ByteBuffer.allocateDirect(4096);
        ByteBuffer small = ByteBuffer.allocateDirect(1023);
        ByteBuffer in = ByteBuffer.allocateDirect(4096);
        try (PeerProcess peer = startEcho()) {
            Transport t = peer.transport();
            t.send(Payloads.fill(out, 1, 1024));
            MessageTooLargeException e = assertThrows(MessageTooLargeException.class, () -> t.receive(small));
            assertEquals(1024, e.length());
            assertEquals(1023, e.limit());
            assertTrue(e.getMessage().contains(provider().alias()), e.getMessage());
            assertEquals(0, small.position(), "a refused receive must not move the buffer's position");

            // Documented behaviour: the message is discarded and the transport stays usable.
            t.send(Payloads.fill(out, 2, 4000));
            Payloads.verify(in, 2, 4000, t.receive(in.clear()));
        }
    }

    @Test
    void messageOverTheTransportsMaximumIsRefusedBeforeSending() throws IOException {
        int max = provider().capabilities().maxMessageSize();
        assumeTrue(max <= 16 << 20, "the maximum is too large to allocate in a test");
        ByteBuffer huge = ByteBuffer.allocateDirect(max + 1);
        ByteBuffer out = ByteBuffer.allocateDirect(64);
        ByteBuffer in = ByteBuffer.allocateDirect(64);
        try (PeerProcess peer = startEcho()) {
            Transport t = peer.transport();
            MessageTooLargeException e = assertThrows(MessageTooLargeException.class, () -> t.send(huge));
            assertEquals(max + 1, e.length());
            assertEquals(0, huge.position(), "nothing may be consumed from a refused message");
            t.send(Payloads.fill(out, 7, 64));
            Payloads.verify(in, 7, 64, t.receive(in));
        }
    }

    @Test
    void messageOverAConfiguredLimitIsRefusedBeforeSendingAndNothingGoesOut() throws IOException {
        TransportOptions limited = options().withMaxMessageSize(4096);
        ByteBuffer out = ByteBuffer.allocateDirect(8192);
        ByteBuffer in = ByteBuffer.allocateDirect(8192);
        try (PeerProcess peer = startEcho(limited)) {
            Transport t = peer.transport();
            MessageTooLargeException e =
                    assertThrows(MessageTooLargeException.class, () -> t.send(Payloads.fill(out, 1, 4097)));
            assertTrue(e.getMessage().contains("4097"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> t.send(ByteBuffer.allocateDirect(0)));
            // If anything of the refused messages had gone out, the next echo would not be message 2.
            t.send(Payloads.fill(out, 2, 4096));
            Payloads.verify(in, 2, 4096, t.receive(in));
        }
    }

    @Test
    void killedPeerMakesTheNextExchangeFailClearlyWithinTheDeadline() throws Exception {
        ByteBuffer out = ByteBuffer.allocateDirect(64);
        ByteBuffer in = ByteBuffer.allocateDirect(64);
        try (PeerProcess peer = startEcho()) {
            Transport t = peer.transport();
            t.send(Payloads.fill(out, 1, 64));
            Payloads.verify(in, 1, 64, t.receive(in));

            peer.kill();
            assertFalse(peer.isAlive());
            long start = System.nanoTime();
            TransportException e = assertThrows(TransportException.class, () -> {
                t.send(Payloads.fill(out, 2, 64));
                t.receive(in.clear());
            });
            long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(e.getMessage().startsWith(provider().alias() + ":"), e.getMessage());
            assertTrue(
                    e.getMessage().contains("peer"), "the message must say what became of the peer: " + e.getMessage());
            // Not a speed assertion: a deadline, with generous slack for a loaded machine.
            assertTrue(waitedMillis < IO_TIMEOUT.toMillis() + 10_000, "waited " + waitedMillis + " ms");
        }
    }

    @Test
    void closeIsIdempotentAndLeavesNoFileOrProcess() throws Exception {
        ByteBuffer out = ByteBuffer.allocateDirect(64);
        ByteBuffer in = ByteBuffer.allocateDirect(64);
        PeerProcess peer = startEcho();
        ProcessHandle handle = peer.handle();
        Transport t = peer.transport();
        t.send(Payloads.fill(out, 1, 64));
        Payloads.verify(in, 1, 64, t.receive(in));

        peer.close();
        peer.close();
        t.close();
        assertFalse(handle.isAlive(), "the peer process must be gone after close");
        assertThrows(TransportException.class, () -> t.send(Payloads.fill(out, 2, 64)));
        Set<String> left = privateDirectories();
        left.removeAll(directoriesBefore);
        assertTrue(left.isEmpty(), "private directories left behind: " + left);
    }

    /**
     * The benchmark side's JVM is killed with SIGKILL (no shutdown hook runs) while its peer is
     * connected: the peer goes, and no file of the rendezvous (socket, FIFO, ring, a driver's
     * directory) stays behind.
     */
    @Test
    void aKilledBenchmarkSideLeavesNoPeerAndNoFile() throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(provider().jvmArguments());
        command.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                KilledSide.class.getName(),
                provider().getClass().getName()));
        Process side = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            String line;
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(side.getInputStream(), StandardCharsets.UTF_8))) {
                line = r.readLine();
            }
            assertTrue(line != null && line.startsWith("peer "), "the benchmark side did not start its peer: " + line);
            ProcessHandle peer = ProcessHandle.of(
                            Long.parseLong(line.substring(5).trim()))
                    .orElseThrow(() -> new AssertionError("the peer is gone before its parent was killed"));

            side.destroyForcibly();
            side.waitFor();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (peer.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertFalse(peer.isAlive(), "the peer outlived its killed parent");
            Set<String> left = privateDirectories();
            left.removeAll(directoriesBefore);
            assertTrue(left.isEmpty(), provider().alias() + " left files behind its killed parent: " + left);
        } finally {
            side.destroyForcibly();
            side.waitFor();
        }
    }

    /**
     * The benchmark side for {@link #aKilledBenchmarkSideLeavesNoPeerAndNoFile()}: starts an echo
     * peer over the provider named by its argument (a class name), exchanges one message, prints
     * {@code peer PID}, then waits to be killed.
     */
    public static final class KilledSide {
        private KilledSide() {}

        public static void main(String[] args) throws Exception {
            TransportProvider provider = (TransportProvider)
                    Class.forName(args[0]).getDeclaredConstructor().newInstance();
            PeerProcess peer =
                    PeerProcess.builder(provider).forwardStderr(false).start();
            ByteBuffer message = Payloads.fill(ByteBuffer.allocateDirect(64), 1, 64);
            peer.transport().send(message);
            ByteBuffer echo = ByteBuffer.allocateDirect(64);
            Payloads.verify(echo, 1, 64, peer.transport().receive(echo));
            System.out.println("peer " + peer.pid());
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    /**
     * The {@code ipcbench-*} directories in the temporary directory and in {@code /dev/shm}, where
     * shared-memory transports keep theirs.
     */
    @Test
    void anUnknownOptionIsRefusedNamingTheKnownOnes() {
        assertRefusesUnknownOptions(provider());
    }

    /**
     * Checks that {@code provider}'s {@code bind} and {@code connect} refuse an option it does not
     * take, before creating anything, with a message naming it and every option it does take.
     *
     * @throws AssertionError when the provider accepts it or says less
     */
    public static void assertRefusesUnknownOptions(TransportProvider provider) {
        TransportOptions typo = TransportOptions.defaults().withProperty("wiat", "spin");
        List<String> known =
                provider.options().stream().map(TransportOption::name).toList();
        String alias = provider.alias();
        IllegalArgumentException onBind = assertThrows(
                IllegalArgumentException.class,
                () -> {
                    try (Binding b = provider.bind(typo)) {
                        b.address();
                    }
                },
                alias + " bind accepted the unknown option wiat");
        IllegalArgumentException onConnect = assertThrows(
                IllegalArgumentException.class,
                () -> provider.connect("nowhere", typo).close(),
                alias + " connect accepted the unknown option wiat");
        for (IllegalArgumentException e : List.of(onBind, onConnect)) {
            assertTrue(e.getMessage().contains("'wiat'"), alias + ": " + e.getMessage());
            for (String name : known) {
                assertTrue(e.getMessage().contains(name), alias + " must list " + name + ": " + e.getMessage());
            }
        }
    }

    static Set<String> privateDirectories() throws IOException {
        Set<String> found = new TreeSet<>();
        for (Path dir : List.of(Path.of(System.getProperty("java.io.tmpdir")), Path.of("/dev/shm"))) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> p.getFileName().toString().startsWith(PrivateDirectory.PREFIX))
                        .forEach(p -> found.add(p.toString()));
            }
        }
        return found;
    }
}
