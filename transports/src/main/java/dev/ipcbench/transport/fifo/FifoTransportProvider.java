package dev.ipcbench.transport.fifo;

import dev.ipcbench.transport.Binding;
import dev.ipcbench.transport.Capabilities;
import dev.ipcbench.transport.PrivateDirectory;
import dev.ipcbench.transport.Transport;
import dev.ipcbench.transport.TransportException;
import dev.ipcbench.transport.TransportOptions;
import dev.ipcbench.transport.support.AbstractBinding;
import dev.ipcbench.transport.support.AbstractTransport;
import dev.ipcbench.transport.support.AbstractTransportProvider;
import dev.ipcbench.transport.support.Deadline;
import dev.ipcbench.transport.support.Executables;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * {@code fifo}: two named pipes made with {@code mkfifo -m 600} in a private directory, one per
 * direction; the address is the directory. The benchmark side opens {@code to-peer} for writing,
 * then {@code from-peer} for reading; the peer opens them in the same order, so neither waits
 * forever. Once both are open the FIFOs are deleted.
 */
public final class FifoTransportProvider extends AbstractTransportProvider {

    /** This transport's alias. */
    public static final String ALIAS = "fifo";

    static final String TO_PEER = "to-peer";
    static final String FROM_PEER = "from-peer";

    public FifoTransportProvider() {
        super(
                ALIAS,
                "two named pipes (mkfifo), one per direction, FileChannel",
                Capabilities.reliable(Capabilities.MAX_FRAMED_MESSAGE));
    }

    @Override
    public String nativeReference() {
        return "fifo";
    }

    @Override
    public String unavailabilityCause() {
        if (System.getProperty("os.name", "").startsWith("Windows")) {
            return "named pipes here are POSIX FIFOs, which Windows does not have; use tcp or uds instead";
        }
        if (Executables.find("mkfifo") == null) {
            return "the mkfifo command is not on the PATH (it comes with coreutils); install it or use pipe instead";
        }
        return null;
    }

    @Override
    protected Binding createBinding(TransportOptions options) throws IOException {
        PrivateDirectory dir = PrivateDirectory.create();
        try {
            mkfifo(dir.resolve(TO_PEER));
            mkfifo(dir.resolve(FROM_PEER));
            return new Bound(options, dir, maxMessageSize(options));
        } catch (IOException | RuntimeException e) {
            dir.close();
            throw e;
        }
    }

    private static void mkfifo(Path path) throws IOException {
        Process p = new ProcessBuilder("mkfifo", "-m", "600", path.toString())
                .redirectErrorStream(true)
                .start();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new TransportException(ALIAS + ": mkfifo " + path + " did not finish within 10 s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new TransportException(ALIAS + ": interrupted while running mkfifo", e);
        }
        if (p.exitValue() != 0) {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            throw new TransportException(
                    ALIAS + ": mkfifo -m 600 " + path + " failed with code " + p.exitValue() + ": " + out);
        }
    }

    @Override
    protected Transport connectTo(String address, TransportOptions options) throws IOException {
        Path dir = Path.of(address);
        Path toPeer = dir.resolve(TO_PEER);
        Path fromPeer = dir.resolve(FROM_PEER);
        if (!Files.exists(toPeer) || !Files.exists(fromPeer)) {
            throw new TransportException(ALIAS + ": no FIFOs " + TO_PEER + " and " + FROM_PEER + " in " + address);
        }
        FifoOpening opening = new FifoOpening(ALIAS, toPeer, false, fromPeer);
        FileChannel[] channels = Deadline.bounded(
                ALIAS + ": opening the FIFOs in " + address, options.connectTimeout(), opening, opening::await);
        return new FifoTransport(options, maxMessageSize(options), channels[0], channels[1]);
    }

    private static final class Bound extends AbstractBinding {
        private final int maxMessage;
        private final FifoOpening opening;

        Bound(TransportOptions options, PrivateDirectory dir, int maxMessage) {
            super(ALIAS, options, dir);
            this.maxMessage = maxMessage;
            this.opening = new FifoOpening(ALIAS, dir.resolve(TO_PEER), true, dir.resolve(FROM_PEER));
        }

        @Override
        public String address() {
            return directory().path().toString();
        }

        @Override
        protected AbstractTransport acceptPeer() throws IOException {
            FileChannel[] channels = opening.await();
            FifoTransport transport = new FifoTransport(options(), maxMessage, channels[0], channels[1]);
            // Both ends are open: the FIFOs' names are no longer needed.
            directory().close();
            handOver();
            return transport;
        }

        @Override
        protected void closeChannels() {
            opening.close();
        }
    }
}
