package dev.ipcbench.transport;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * One IPC mechanism, found with {@link java.util.ServiceLoader} and named by a short alias.
 *
 * <p>Two processes meet in two steps: the benchmark side calls {@link #bind} and hands the
 * {@link Binding#address() address} to the peer process, which calls {@link #connect}; the
 * benchmark side then calls {@link Binding#accept}.
 *
 * @implSpec Implementations must have a public no-argument constructor, be listed in {@code
 *     META-INF/services/dev.ipcbench.transport.TransportProvider}, bind nothing beyond loopback
 *     unless an option asks for it, and keep every file they create in a {@link PrivateDirectory}.
 *     {@link #bind} and {@link #connect} must honour {@link TransportOptions#connectTimeout()} and
 *     refuse, before creating anything, a provider-specific option that is not among {@link
 *     #options()}, with a message naming the known ones ({@link
 *     dev.ipcbench.transport.support.AbstractTransportProvider} does both checks).
 */
public interface TransportProvider {

    /** The short, unique, lower-case name users type, for example {@code tcp}. */
    String alias();

    /** One line saying what mechanism this is, for listings. */
    String mechanism();

    /** What this transport can do. */
    Capabilities capabilities();

    /**
     * The provider-specific options this transport accepts, with their meaning and default; the
     * benchmarks sweep the values of {@value TransportOption#WAIT} where a transport has it.
     */
    default List<TransportOption> options() {
        return List.of();
    }

    /** The option named {@code name}, when this transport takes it. */
    default Optional<TransportOption> option(String name) {
        return options().stream().filter(o -> o.name().equals(name)).findFirst();
    }

    /**
     * Why, with these options, the transport cannot run with both processes on one CPU, or {@code
     * null} when it can: a side that busy-spins holds the only CPU the other side needs to answer.
     */
    default String whyNotOnOneCpu(TransportOptions options) {
        return null;
    }

    /**
     * The mechanism of ipcbench's native reference ({@code benchmarks/c/ipcref.c}) that does in C
     * what this transport does in Java, for the "Java / C" figures, or {@code null} when there is
     * none. The reference knows {@code pipe}, {@code fifo}, {@code uds}, {@code tcp}, {@code udp},
     * {@code uds-dgram}, {@code uds-seqpacket} and {@code ring} (the layout of {@code
     * RingDescriptor}).
     */
    default String nativeReference() {
        return null;
    }

    /**
     * Why this transport cannot be used on this machine, as a sentence a user can act on, or
     * {@code null} when it can.
     */
    String unavailabilityCause();

    /**
     * JVM arguments every JVM that uses this transport needs, for example {@code --add-exports} for
     * a library that reaches into the JDK; the peer process and the benchmarks' forked JVMs get them.
     *
     * @implSpec The default is none. A provider that returns some must also say, through {@link
     *     #unavailabilityCause()}, when the running JVM lacks them.
     */
    default List<String> jvmArguments() {
        return List.of();
    }

    /** Whether {@link #unavailabilityCause()} is {@code null}. */
    default boolean isAvailable() {
        return unavailabilityCause() == null;
    }

    /** The benchmark side: creates the meeting point the peer will connect to. */
    Binding bind(TransportOptions options) throws IOException;

    /** The peer side: connects to the address a {@link Binding} produced. */
    Transport connect(String address, TransportOptions options) throws IOException;

    /**
     * How many messages of {@code size} bytes a sender may have in flight (sent, not yet received)
     * without overrunning the receiver: a sender that keeps within it loses nothing by design.
     *
     * @implSpec The default suits reliable transports, whose senders flow control holds back: no
     *     limit ({@link Integer#MAX_VALUE}). Transports that drop what the receiver cannot queue
     *     must override it with a conservative estimate of at least 1.
     */
    default int maxInFlight(int size) {
        return Integer.MAX_VALUE;
    }

    /**
     * The largest message these options allow: the smaller of the mechanism's limit and {@link
     * TransportOptions#maxMessageSize()}.
     */
    default int maxMessageSize(TransportOptions options) {
        return Math.min(capabilities().maxMessageSize(), options.maxMessageSize());
    }
}
