package dev.ipcbench.transport.udsseqpacket;

import dev.ipcbench.transport.Binding;
import dev.ipcbench.transport.Capabilities;
import dev.ipcbench.transport.Transport;
import dev.ipcbench.transport.TransportOptions;
import dev.ipcbench.transport.support.AbstractTransportProvider;
import dev.ipcbench.transport.support.UnixRendezvous;
import dev.ipcbench.transport.udsdgram.UdsDgramTransportProvider;
import dev.ipcbench.transport.udsjunix.UdsJunixTransportProvider;
import java.io.File;
import java.io.IOException;
import org.newsclub.net.unix.AFSocketType;
import org.newsclub.net.unix.AFUNIXDatagramSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * {@code uds-seqpacket}: AF_UNIX SOCK_SEQPACKET through junixsocket: connection-oriented like a
 * stream, message-preserving like a datagram, so no framing. Same size limit as {@code uds-dgram}.
 */
public final class UdsSeqpacketTransportProvider extends AbstractTransportProvider {

    /** This transport's alias. */
    public static final String ALIAS = "uds-seqpacket";

    public UdsSeqpacketTransportProvider() {
        super(
                ALIAS,
                "Unix domain SOCK_SEQPACKET socket, junixsocket, one record per message",
                Capabilities.reliable(UdsDgramTransportProvider.MAX_MESSAGE));
    }

    @Override
    public String nativeReference() {
        return "uds-seqpacket";
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
    protected Binding createBinding(TransportOptions options) throws IOException {
        int max = maxMessageSize(options);
        return UnixRendezvous.bind(
                ALIAS,
                options,
                path -> {
                    AFUNIXDatagramSocket server = AFUNIXDatagramSocket.newInstance(AFSocketType.SOCK_SEQPACKET);
                    try {
                        server.bind(AFUNIXSocketAddress.of(path));
                        server.listen(1);
                        return server;
                    } catch (IOException | RuntimeException e) {
                        server.close();
                        throw e;
                    }
                },
                server -> new UdsSeqpacketTransport(options, max, server.accept()),
                false);
    }

    @Override
    protected Transport connectTo(String address, TransportOptions options) throws IOException {
        AFUNIXSocketAddress target = AFUNIXSocketAddress.of(new File(address));
        AFUNIXDatagramSocket socket = UnixRendezvous.connect(
                ALIAS,
                address,
                options,
                AFUNIXDatagramSocket.newInstance(AFSocketType.SOCK_SEQPACKET),
                s -> s.connect(target));
        return new UdsSeqpacketTransport(options, maxMessageSize(options), socket);
    }
}
