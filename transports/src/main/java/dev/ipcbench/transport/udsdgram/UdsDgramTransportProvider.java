package dev.ipcbench.transport.udsdgram;

import dev.ipcbench.transport.Binding;
import dev.ipcbench.transport.Capabilities;
import dev.ipcbench.transport.Transport;
import dev.ipcbench.transport.TransportOptions;
import dev.ipcbench.transport.support.AbstractTransportProvider;
import dev.ipcbench.transport.support.DatagramRendezvous;
import dev.ipcbench.transport.support.UnixRendezvous;
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
public final class UdsDgramTransportProvider extends AbstractTransportProvider {

    /** This transport's alias. */
    public static final String ALIAS = "uds-dgram";

    /** Largest message: fits the default AF_UNIX send buffer with room to spare. */
    public static final int MAX_MESSAGE = 128 * 1024;

    public UdsDgramTransportProvider() {
        super(
                ALIAS,
                "Unix domain datagram socket, junixsocket AFUNIXDatagramChannel, one datagram per message",
                Capabilities.reliable(MAX_MESSAGE));
    }

    @Override
    public String nativeReference() {
        return "uds-dgram";
    }

    @Override
    public String unavailabilityCause() {
        return UdsJunixTransportProvider.junixsocketUnavailability();
    }

    @Override
    protected Binding createBinding(TransportOptions options) throws IOException {
        int max = maxMessageSize(options);
        return UnixRendezvous.bind(
                ALIAS,
                options,
                path -> {
                    AFUNIXDatagramChannel channel = AFUNIXDatagramChannel.open();
                    try {
                        channel.bind(AFUNIXSocketAddress.of(path));
                        return channel;
                    } catch (IOException | RuntimeException e) {
                        channel.close();
                        throw e;
                    }
                },
                channel -> {
                    DatagramRendezvous.awaitKnock(ALIAS, channel, options.secret());
                    return new UdsDgramTransport(options, max, channel);
                },
                true);
    }

    @Override
    protected Transport connectTo(String address, TransportOptions options) throws IOException {
        Path server = Path.of(address);
        Path parent = server.getParent();
        if (parent == null) {
            throw new IllegalArgumentException(
                    ALIAS + ": address must be a socket path in a directory, got '" + address + "'");
        }
        // A datagram peer needs an address of its own to receive replies: a file beside the server's,
        // which the benchmark side deletes with the whole directory once the two have met.
        Path own = parent.resolve("peer-" + ProcessHandle.current().pid() + ".sock");
        UnixRendezvous.checkPathLength(ALIAS, own);
        AFUNIXDatagramChannel channel = AFUNIXDatagramChannel.open();
        try {
            channel.bind(AFUNIXSocketAddress.of(own));
            channel.connect(AFUNIXSocketAddress.of(new File(address)));
            DatagramRendezvous.knock(ALIAS, channel, options.secret(), options.connectTimeout());
            return new UdsDgramTransport(options, maxMessageSize(options), channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }
}
