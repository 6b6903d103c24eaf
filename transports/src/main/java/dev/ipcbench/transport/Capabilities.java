package dev.ipcbench.transport;

/**
 * What a transport can do, so tests and benchmarks gate on behaviour rather than on names.
 *
 * @param reliable whether every message sent is delivered (false: whole messages may be lost)
 * @param maxMessageSize the largest message, in bytes, the mechanism carries
 * @param usesPeerStdio whether the channel is the peer's standard input and output
 */
public record Capabilities(boolean reliable, int maxMessageSize, boolean usesPeerStdio) {

    /** The largest message any length-prefixed transport accepts: the largest Java buffer. */
    public static final int MAX_FRAMED_MESSAGE = Integer.MAX_VALUE - 8;

    public Capabilities {
        if (maxMessageSize < 1) {
            throw new IllegalArgumentException("maxMessageSize must be at least 1: " + maxMessageSize);
        }
    }

    /** A reliable transport carrying messages of up to {@code maxMessageSize} bytes. */
    public static Capabilities reliable(int maxMessageSize) {
        return new Capabilities(true, maxMessageSize, false);
    }
}
