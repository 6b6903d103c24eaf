package dev.ipcbench.bench;

import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The parameters every channel benchmark sweeps: transport, message size, wait strategy and
 * placement. JMH reads the {@code @Param} fields of a benchmark's superclasses, so the benchmarks
 * extend this and share one definition.
 */
@State(Scope.Thread)
public abstract class ChannelParameters {

    /** The transport's alias; {@value Combinations#BASELINE} is the in-process baseline. */
    @Param({"inproc", "tcp", "udp", "uds", "uds-junix", "uds-dgram", "uds-seqpacket", "fifo", "pipe", "mmap", "shm"})
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
}
