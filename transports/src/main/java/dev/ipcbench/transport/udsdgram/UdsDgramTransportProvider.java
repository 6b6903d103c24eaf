package dev.ipcbench.transport.udsdgram;

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
import dev.ipcbench.transport.support.DatagramRendezvous;
import dev.ipcbench.transport.udsjunix.UdsJunixTransportProvider;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import org.newsclub.net.unix.AFUNIXDatagramChannel;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * {@code uds-dgram}: AF_UNIX datagram sockets through junixsocket, one datagram per message. On
 * Linux they are reliable and ordered (a sender waits while the receiver's queue is full). The
 * largest datagram is bounded by the socket send buffer ({@code net.core.wmem_default}, 208 KiB by
 * default), so messages are limited to 128 KiB.
 */
public final class UdsDgramTransportProvider implements TransportProvider {

    /** This transport's alias. */
    public static final String ALIAS = "uds-dgram";

    /** Largest message: fits the default AF_UNIX send buffer with room to spare. */
    public static final int MAX_MESSAGE = 128 * 1024;

    private static final Capabilities CAPABILITIES =
            new Capabilities(true, MAX_MESSAGE, Framing.NATIVE_MESSAGES, Platform.POSIX, false);

    @Override
    public String alias() {
        return ALIAS;
    }

    @Override
    public String mechanism() {
        return "Unix domain datagram socket, junixsocket AFUNIXDatagramChannel, one datagram per message";
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public String unavailabilityCause() {
        return UdsJunixTransportProvider.junixsocketUnavailability();
    }

    @Override
    public Binding bind(TransportOptions options) throws IOException {
        PrivateDirectory dir = PrivateDirectory.create();
        AFUNIXDatagramChannel channel = null;
        try {
            channel = AFUNIXDatagramChannel.open();
            channel.bind(AFUNIXSocketAddress.of(dir.resolve("bench.sock")));
            return new Bound(options, dir, channel, maxMessageSize(options));
        } catch (IOException | RuntimeException e) {
            AbstractBinding.closeAll(channel, dir);
            throw e;
        }
    }

    @Override
    public Transport connect(String address, TransportOptions options) throws IOException {
        Path server = Path.of(address);
        Path parent = server.getParent();
        if (parent == null) {
            throw new IllegalArgumentException(
                    ALIAS + ": address must be a socket path in a directory, got '" + address + "'");
        }
        // A datagram peer needs an address of its own to receive replies: a file beside the server's.
        Path own = parent.resolve("peer-" + ProcessHandle.current().pid() + ".sock");
        AFUNIXDatagramChannel channel = AFUNIXDatagramChannel.open();
        try {
            channel.setDeleteOnClose(true);
            channel.bind(AFUNIXSocketAddress.of(own));
            channel.connect(AFUNIXSocketAddress.of(new File(address)));
            DatagramRendezvous.knock(ALIAS, channel, options.connectTimeout());
            return new UdsDgramTransport(options, maxMessageSize(options), channel, null);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static final class Bound extends AbstractBinding {
        private final AFUNIXDatagramChannel channel;
        private final int maxMessage;

        Bound(TransportOptions options, PrivateDirectory dir, AFUNIXDatagramChannel channel, int maxMessage) {
            super(ALIAS, options, dir);
            this.channel = channel;
            this.maxMessage = maxMessage;
        }

        @Override
        public String address() {
            return directory().resolve("bench.sock").toString();
        }

        @Override
        protected AbstractTransport acceptPeer() throws IOException {
            DatagramRendezvous.awaitKnock(ALIAS, channel);
            UdsDgramTransport transport = new UdsDgramTransport(options(), maxMessage, channel, directory());
            handOver();
            return transport;
        }

        @Override
        protected void closeChannels() throws IOException {
            if (!handedOver()) {
                channel.close();
            }
        }
    }
}
