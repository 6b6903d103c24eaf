package dev.ipcbench.bench;

import dev.ipcbench.os.Placement;
import dev.ipcbench.peer.PeerMode;
import dev.ipcbench.transport.Transport;
import java.io.IOException;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * What every channel benchmark shares: the parameters it sweeps (transport, message size, wait
 * strategy, placement; JMH reads {@code @Param} fields of superclasses) and the trial's channel to
 * a peer: checked, pinned, opened, and always closed.
 */
@State(Scope.Thread)
public abstract class ChannelBenchmark {

    /**
     * The transport's alias; {@value Combinations#BASELINE} is the in-process baseline. The
     * compiled-in default is the baseline alone: the shaded jar's entry point ({@code
     * dev.ipcbench.cli.JmhMain}) and {@code ipcbench run} give every transport their providers
     * register, plug-ins included, so no list of aliases is written here.
     */
    @Param({Combinations.BASELINE})
    public String transport;

    /** Message size in bytes. */
    @Param({"64", "1024", "32768", "1048576"})
    public int size;

    /**
     * Wait strategy of the transports that have them ({@code spin}, {@code yield}, {@code backoff},
     * {@code park}); {@value Combinations#DEFAULT_WAIT} means the transport's own default.
     */
    @Param({"default"})
    public String wait;

    /**
     * Where the two processes run: {@code cross} (this process on one CPU, the peer on another),
     * {@code same} (both on one CPU) or {@code any} (unpinned). Falls back to {@code any}, with a
     * message, where pinning is impossible.
     */
    @Param({Pinning.DEFAULT})
    public String placement;

    /** The peer's smallest receive buffer. */
    static final int MIN_PEER_BUFFER = 64 * 1024;

    private Endpoint endpoint;
    private PeerStall stall;

    /**
     * Checks the combination (failing with the reason when it cannot run here), applies the
     * placement, and starts a peer in {@code mode}.
     *
     * @return the benchmark's end of the channel
     */
    protected final Transport openChannel(Combinations combinations, PeerMode mode) throws IOException {
        Placement wanted = Pinning.parse(placement);
        combinations.requireValid(transport, size, wait, wanted);
        Pinning pinning = Pinning.apply(wanted);
        endpoint = Endpoint.open(
                combinations,
                transport,
                Combinations.options(wait),
                mode,
                combinations.receiveBuffer(transport, Math.max(size, MIN_PEER_BUFFER), 0),
                pinning);
        stall = PeerStall.fromProperty(endpoint.peerPid()); // a developer check only; see PeerStall
        return endpoint.transport();
    }

    /** Ends the peer process (or thread), reporting rather than throwing a failure; idempotent. */
    protected final void closeChannel() {
        PeerStall s = stall;
        stall = null;
        if (s != null) {
            s.close();
        }
        Endpoint e = endpoint;
        endpoint = null;
        Endpoint.closeQuietly(e, transport + " peer");
    }
}
