package dev.ipcbench.transport.udsseqpacket;

import dev.ipcbench.transport.Binding;
import dev.ipcbench.transport.Capabilities;
import dev.ipcbench.transport.Capabilities.Framing;
import dev.ipcbench.transport.Capabilities.Platform;
import dev.ipcbench.transport.PrivateDirectory;
import dev.ipcbench.transport.Transport;
import dev.ipcbench.transport.TransportOptions;
import dev.ipcbench.transport.TransportProvider;
import dev.ipcbench.transport.support.AbstractBinding;
import dev.ipcbench.transport.support.AbstractTransport;
import dev.ipcbench.transport.support.Deadline;
import dev.ipcbench.transport.udsdgram.UdsDgramTransportProvider;
import dev.ipcbench.transport.udsjunix.UdsJunixTransportProvider;
import java.io.File;
import java.io.IOException;
import java.util.List;
import org.newsclub.net.unix.AFDatagramSocket;
import org.newsclub.net.unix.AFSocketType;
import org.newsclub.net.unix.AFUNIXDatagramSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * {@code uds-seqpacket}: AF_UNIX SOCK_SEQPACKET through junixsocket: connection-oriented like a
 * stream, message-preserving like a datagram, so no framing. Same size limit as {@code uds-dgram}.
 */
public final class UdsSeqpacketTransportProvider implements TransportProvider {

    /** This transport's alias. */
    public static final String ALIAS = "uds-seqpacket";

    private static final Capabilities CAPABILITIES = new Capabilities(
            true, UdsDgramTransportProvider.MAX_MESSAGE, Framing.NATIVE_MESSAGES, Platform.LINUX, false);

    @Override
    public String alias() {
        return ALIAS;
    }

    @Override
    public String mechanism() {
        return "Unix domain SOCK_SEQPACKET socket, junixsocket, one record per message";
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public String unavailabilityCause() {
        String junix = UdsJunixTransportProvider.junixsocketUnavailability();
        if (junix != null) {
            return junix;
        }
        try {
            AFUNIXDatagramSocket.newInstance(AFSocketType.SOCK_SEQPACKET).close();
            return null;
        } catch (IOException | RuntimeException e) {
            return "this operating system has no AF_UNIX SOCK_SEQPACKET sockets (" + e.getMessage()
                    + "); use uds-dgram or uds instead";
        }
    }

    @Override
    public Binding bind(TransportOptions options) throws IOException {
        PrivateDirectory dir = PrivateDirectory.create();
        AFUNIXDatagramSocket server = null;
        try {
            server = AFUNIXDatagramSocket.newInstance(AFSocketType.SOCK_SEQPACKET);
            server.bind(AFUNIXSocketAddress.of(dir.resolve("bench.sock")));
            server.listen(1);
            return new Bound(options, dir, server, maxMessageSize(options));
        } catch (IOException | RuntimeException e) {
            AbstractBinding.closeAll(server, dir);
            throw e;
        }
    }

    @Override
    public Transport connect(String address, TransportOptions options) throws IOException {
        AFUNIXSocketAddress target = AFUNIXSocketAddress.of(new File(address));
        AFUNIXDatagramSocket socket = AFUNIXDatagramSocket.newInstance(AFSocketType.SOCK_SEQPACKET);
        try {
            Deadline.bounded(ALIAS + ": connect to " + address, options.connectTimeout(), socket, () -> {
                socket.connect(target);
                return null;
            });
            return new UdsSeqpacketTransport(options, maxMessageSize(options), socket, List.of(), null);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static final class Bound extends AbstractBinding {
        private final AFUNIXDatagramSocket server;
        private final int maxMessage;

        Bound(TransportOptions options, PrivateDirectory dir, AFUNIXDatagramSocket server, int maxMessage) {
            super(ALIAS, options, dir);
            this.server = server;
            this.maxMessage = maxMessage;
        }

        @Override
        public String address() {
            return directory().resolve("bench.sock").toString();
        }

        @Override
        protected AbstractTransport acceptPeer() throws IOException {
            AFDatagramSocket<AFUNIXSocketAddress> socket = server.accept();
            UdsSeqpacketTransport transport =
                    new UdsSeqpacketTransport(options(), maxMessage, socket, List.of(), directory());
            handOver();
            return transport;
        }

        @Override
        protected void closeChannels() throws IOException {
            server.close();
        }
    }
}
