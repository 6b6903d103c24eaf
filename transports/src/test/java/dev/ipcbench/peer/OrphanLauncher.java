package dev.ipcbench.peer;

import dev.ipcbench.transport.TransportRegistry;

/**
 * A parent for {@link PeerProcessTest}: starts an echo peer over the transport named by its
 * argument ({@code tcp} when none), prints the peer's pid, then waits to be killed.
 */
public final class OrphanLauncher {
    public static void main(String[] args) throws Exception {
        String alias = args.length > 0 ? args[0] : "tcp";
        PeerProcess peer = PeerProcess.builder(TransportRegistry.load().get(alias))
                .forwardStderr(false)
                .start();
        System.out.println(peer.pid());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
