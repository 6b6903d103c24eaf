package dev.ipcbench.peer;

import dev.ipcbench.transport.tcp.TcpTransportProvider;

/**
 * A parent for {@link PeerProcessTest}: starts an echo peer, prints its pid, then waits to be
 * killed.
 */
public final class OrphanLauncher {
    public static void main(String[] args) throws Exception {
        PeerProcess peer = PeerProcess.builder(new TcpTransportProvider()).start();
        System.out.println(peer.pid());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
