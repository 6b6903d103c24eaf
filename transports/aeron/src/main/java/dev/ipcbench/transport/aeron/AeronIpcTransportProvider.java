package dev.ipcbench.transport.aeron;

import dev.ipcbench.transport.Binding;
import dev.ipcbench.transport.Capabilities;
import dev.ipcbench.transport.PrivateDirectory;
import dev.ipcbench.transport.Transport;
import dev.ipcbench.transport.TransportException;
import dev.ipcbench.transport.TransportOption;
import dev.ipcbench.transport.TransportOptions;
import dev.ipcbench.transport.TransportTimeoutException;
import dev.ipcbench.transport.support.AbstractBinding;
import dev.ipcbench.transport.support.AbstractTransport;
import dev.ipcbench.transport.support.AbstractTransportProvider;
import io.aeron.Aeron;
import io.aeron.AeronVersion;
import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.exceptions.AeronException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.agrona.concurrent.SleepingMillisIdleStrategy;

/**
 * {@code aeron-ipc}: Aeron's {@code aeron:ipc} channel between the two processes, one exclusive
 * publication and one subscription per direction, through a media driver embedded in the benchmark
 * side, whose directory lives in a private directory (under {@code /dev/shm} where there is one) and
 * goes when the transport closes.
 *
 * <p>The driver runs in {@link ThreadingMode#SHARED} mode with a 1 ms sleeping idle strategy: IPC
 * data never passes through the driver's sender or receiver, and its conductor only needs to move
 * the publishers' limits, which stay a whole term ahead of the subscriber, so a driver that sleeps
 * costs the benchmark no latency and leaves the two CPUs to the two processes.
 *
 * <p>Options: {@code wait} ({@code spin}, {@code yield}, {@code backoff}, {@code park}: the Agrona
 * idle strategy each side waits with, tuned like the rings' wait strategies of the same name) and
 * {@code term.length} (Aeron's term buffer length; a message may be at most an eighth of it).
 *
 * <p>Agrona reaches {@code jdk.internal.misc.Unsafe}: every JVM using this transport needs {@value
 * #ADD_EXPORTS} ({@link #jvmArguments()}); without it {@link #unavailabilityCause()} says so.
 */
public final class AeronIpcTransportProvider extends AbstractTransportProvider {

    /** This transport's alias. */
    public static final String ALIAS = "aeron-ipc";

    /** The JVM flag Agrona needs on JDK 17 and later. */
    public static final String ADD_EXPORTS = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED";

    /** The option naming the term buffer length. */
    public static final String TERM_LENGTH = "term.length";

    /** The default term length: messages up to 2 MiB, 48 MiB of log buffer per direction. */
    public static final int DEFAULT_TERM_LENGTH = 16 << 20;

    /** Aeron's ceiling on one message, whatever the term length. */
    public static final int AERON_MAX_MESSAGE = 16 << 20;

    static final int STREAM_TO_PEER = 1001;
    static final int STREAM_FROM_PEER = 1002;

    private static final int MIN_TERM_LENGTH = 64 << 10;
    private static final int MAX_TERM_LENGTH = 1 << 30;

    public AeronIpcTransportProvider() {
        super(
                ALIAS,
                "Aeron " + AeronVersion.VERSION
                        + " aeron:ipc, exclusive publication + subscription per direction, embedded media driver",
                Capabilities.reliable(AERON_MAX_MESSAGE),
                TransportOption.choice(
                        TransportOption.WAIT,
                        "the Agrona idle strategy a side waits with: spin (BusySpin), yield (Yielding), backoff "
                                + "(Backoff: spin, yield, then park up to 1 ms), park (Sleeping, 1 us)",
                        IdleStrategies.DEFAULT,
                        IdleStrategies.ALIASES),
                TransportOption.of(
                        TERM_LENGTH,
                        "Aeron term buffer length, a power of two from 64 KiB to 1 GiB; a message may be an eighth "
                                + "of it (at most 16 MiB)",
                        "16M"));
    }

    @Override
    public List<String> jvmArguments() {
        return List.of(ADD_EXPORTS);
    }

    @Override
    public String unavailabilityCause() {
        if (!Object.class.getModule().isExported("jdk.internal.misc", AeronIpcTransportProvider.class.getModule())) {
            return "Aeron (Agrona) needs the JVM flag " + ADD_EXPORTS
                    + "; scripts/ipcbench, the benchmarks' forks and the peer get it, a plain java command must "
                    + "add it";
        }
        return null;
    }

    @Override
    public String whyNotOnOneCpu(TransportOptions options) {
        return IdleStrategies.SPIN.equals(options.property(TransportOption.WAIT, IdleStrategies.DEFAULT))
                ? "busy-spin waiting with both sides on one CPU is pathological (the spinning side holds the CPU "
                        + "the other side needs to answer); use placement cross or another wait strategy"
                : null;
    }

    @Override
    public int maxMessageSize(TransportOptions options) {
        return Math.min(maxMessage(termLength(options)), options.maxMessageSize());
    }

    /** The largest message a term of {@code termLength} bytes carries. */
    static int maxMessage(int termLength) {
        return Math.min(termLength / 8, AERON_MAX_MESSAGE);
    }

    static int termLength(TransportOptions options) {
        long t = options.sizeProperty(TERM_LENGTH, DEFAULT_TERM_LENGTH);
        if (t < MIN_TERM_LENGTH || t > MAX_TERM_LENGTH || Long.bitCount(t) != 1) {
            throw new IllegalArgumentException(ALIAS + ": option " + TERM_LENGTH
                    + " must be a power of two from 64 KiB to 1 GiB, not " + options.property(TERM_LENGTH, ""));
        }
        return (int) t;
    }

    @Override
    protected Binding createBinding(TransportOptions options) throws IOException {
        IdleStrategies.parse(options); // refuse a bad wait strategy before anything is created
        int termLength = termLength(options);
        String cause = unavailabilityCause();
        if (cause != null) {
            throw new TransportException(ALIAS + " is not available here: " + cause);
        }
        Path parent = Path.of("/dev/shm");
        PrivateDirectory dir = PrivateDirectory.createIn(
                Files.isDirectory(parent) && Files.isWritable(parent)
                        ? parent
                        : Path.of(System.getProperty("java.io.tmpdir")));
        List<Closeable> opened = new ArrayList<>();
        try {
            MediaDriver driver = MediaDriver.launchEmbedded(new MediaDriver.Context()
                    .aeronDirectoryName(dir.resolve("aeron").toString())
                    .threadingMode(ThreadingMode.SHARED)
                    .sharedIdleStrategy(new SleepingMillisIdleStrategy(1))
                    .dirDeleteOnStart(true)
                    .dirDeleteOnShutdown(true)
                    .warnIfDirectoryExists(false)
                    .ipcTermBufferLength(termLength)
                    .errorHandler(t -> log("media driver: " + t)));
            opened.add(driver::close);
            Aeron aeron = Aeron.connect(clientContext(driver.aeronDirectoryName(), options.connectTimeout()));
            opened.add(0, aeron::close);
            String channel = channel(termLength);
            ExclusivePublication publication = aeron.addExclusivePublication(channel, STREAM_TO_PEER);
            Subscription subscription = aeron.addSubscription(channel, STREAM_FROM_PEER);
            Map<String, String> address = new LinkedHashMap<>();
            address.put("dir", driver.aeronDirectoryName());
            address.put("pid", Long.toString(ProcessHandle.current().pid()));
            address.put("to-peer", Integer.toString(STREAM_TO_PEER));
            address.put("from-peer", Integer.toString(STREAM_FROM_PEER));
            address.put("channel", channel);
            return new AeronBinding(options, dir, format(address), publication, subscription, opened);
        } catch (AeronException | IllegalStateException e) {
            closeEach(opened);
            dir.close();
            throw new TransportException(ALIAS + ": cannot start the embedded media driver: " + e, e);
        } catch (RuntimeException | Error e) {
            closeEach(opened);
            dir.close();
            throw e;
        }
    }

    @Override
    protected Transport connectTo(String address, TransportOptions options) throws IOException {
        IdleStrategies.parse(options);
        Map<String, String> a = parse(address);
        String cause = unavailabilityCause();
        if (cause != null) {
            throw new TransportException(ALIAS + " is not available here: " + cause);
        }
        Path dir = Path.of(a.get("dir"));
        if (!Files.isDirectory(dir)) {
            throw new TransportException(ALIAS + ": no Aeron directory at " + dir + " (is the benchmark side gone?)");
        }
        ProcessHandle creator = ProcessHandle.of(Long.parseLong(a.get("pid"))).orElse(null);
        if (creator == null) {
            throw new dev.ipcbench.transport.PeerClosedException(
                    ALIAS + ": the process that made " + dir + " (pid " + a.get("pid") + ") is gone");
        }
        List<Closeable> opened = new ArrayList<>();
        try {
            Aeron aeron = Aeron.connect(clientContext(dir.toString(), options.connectTimeout()));
            opened.add(aeron::close);
            String channel = a.get("channel");
            ExclusivePublication publication =
                    aeron.addExclusivePublication(channel, Integer.parseInt(a.get("from-peer")));
            Subscription subscription = aeron.addSubscription(channel, Integer.parseInt(a.get("to-peer")));
            Image image = awaitConnected(
                    publication, subscription, options.connectTimeout(), () -> !creator.isAlive(), "connect");
            return new AeronIpcTransport(ALIAS, options, publication, image, creator, opened);
        } catch (AeronException | IllegalStateException e) {
            closeEach(opened);
            throw new TransportException(ALIAS + ": cannot connect through " + dir + ": " + e, e);
        } catch (IOException | RuntimeException | Error e) {
            closeEach(opened);
            throw e;
        }
    }

    /** The client's settings: errors on one line to standard error, and the driver awaited no longer than connecting may take. */
    private static Aeron.Context clientContext(String dir, Duration connectTimeout) {
        return new Aeron.Context()
                .aeronDirectoryName(dir)
                .driverTimeoutMs(Math.max(1_000, connectTimeout.toMillis()))
                .errorHandler(t -> log("client: " + t))
                // Lets a thread that is in the middle of a poll or an offer notice the close before the
                // log buffers are unmapped.
                .closeLingerDurationNs(TimeUnit.MILLISECONDS.toNanos(50));
    }

    static String channel(int termLength) {
        return "aeron:ipc?term-length=" + termLength;
    }

    /** Waits until the publication has a subscriber and the subscription an image; returns the image. */
    static Image awaitConnected(
            ExclusivePublication publication,
            Subscription subscription,
            Duration timeout,
            java.util.function.BooleanSupplier giveUp,
            String what)
            throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (publication.isConnected() && subscription.imageCount() > 0) {
                return subscription.imageAtIndex(0);
            }
            if (giveUp.getAsBoolean()) {
                throw new TransportException(ALIAS + ": " + what + " abandoned: the other side is gone or closed");
            }
            if (System.nanoTime() - deadline > 0) {
                throw new TransportTimeoutException(ALIAS + ": " + what + " did not complete within "
                        + timeout.toMillis() + " ms (publication connected: " + publication.isConnected()
                        + ", images: " + subscription.imageCount() + ")");
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    /** {@code key=value} pairs separated by {@code ;} (the channel's own {@code =} and {@code |} survive). */
    static String format(Map<String, String> address) {
        StringBuilder sb = new StringBuilder();
        address.forEach((k, v) ->
                sb.append(sb.length() == 0 ? "" : ";").append(k).append('=').append(v));
        return sb.toString();
    }

    static Map<String, String> parse(String address) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String part : address.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                map.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        for (String key : List.of("dir", "pid", "to-peer", "from-peer", "channel")) {
            if (!map.containsKey(key)) {
                throw new IllegalArgumentException(ALIAS + ": address must carry dir, pid, to-peer, from-peer and "
                        + "channel; '" + key + "' is missing from '" + address + "'");
            }
        }
        return map;
    }

    static void log(String message) {
        System.err.println(ALIAS + "[" + ProcessHandle.current().pid() + "]: " + message);
    }

    static void closeEach(List<Closeable> closeables) {
        for (Closeable c : closeables) {
            AbstractBinding.closeAll(c);
        }
    }

    /** The benchmark side: the driver is up, the publication and subscription wait for the peer. */
    private static final class AeronBinding extends AbstractBinding {
        private final String address;
        private final ExclusivePublication publication;
        private final Subscription subscription;
        private final List<Closeable> opened;
        private final Object lock = new Object();
        private boolean closed;

        AeronBinding(
                TransportOptions options,
                PrivateDirectory dir,
                String address,
                ExclusivePublication publication,
                Subscription subscription,
                List<Closeable> opened) {
            super(ALIAS, options, dir);
            this.address = address;
            this.publication = publication;
            this.subscription = subscription;
            this.opened = opened;
        }

        @Override
        public String address() {
            return address;
        }

        @Override
        protected AbstractTransport acceptPeer() throws IOException {
            Image image = awaitConnected(
                    publication,
                    subscription,
                    // the binding's own deadline (AbstractBinding) closes it first; this is a backstop
                    options().connectTimeout().plusSeconds(1),
                    () -> {
                        synchronized (lock) {
                            return closed;
                        }
                    },
                    "accept");
            synchronized (lock) {
                if (closed) {
                    throw new TransportException(ALIAS + ": closed while waiting for the peer");
                }
                Process peer = peer();
                List<Closeable> resources = new ArrayList<>(opened);
                resources.add(directory());
                AeronIpcTransport transport = new AeronIpcTransport(
                        ALIAS, options(), publication, image, peer == null ? null : peer.toHandle(), resources);
                handOver();
                return transport;
            }
        }

        /**
         * The peer has proven itself, so both sides have mapped every file they use: remove the
         * directory now, as the rings do, so that a killed process cannot leave the driver's files
         * (over 100 MB with the default term length) in {@code /dev/shm}.
         */
        @Override
        protected void admitted() throws IOException {
            directory().close();
        }

        @Override
        protected void closeChannels() {
            synchronized (lock) {
                closed = true;
                if (!handedOver()) {
                    closeEach(opened);
                }
            }
        }
    }
}
