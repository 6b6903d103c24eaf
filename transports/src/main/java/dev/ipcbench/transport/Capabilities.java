package dev.ipcbench.transport;

import java.util.Objects;

/**
 * What a transport can do, so tests and benchmarks gate on behaviour rather than on names.
 *
 * @param reliable whether every message sent is delivered (false: whole messages may be lost)
 * @param maxMessageSize the largest message, in bytes, the mechanism carries
 * @param framing how message boundaries are kept
 * @param platform what the operating system must provide
 * @param usesPeerStdio whether the channel is the peer's standard input and output
 */
public record Capabilities(
        boolean reliable, int maxMessageSize, Framing framing, Platform platform, boolean usesPeerStdio) {

    /** The largest message any length-prefixed transport accepts: the largest Java buffer. */
    public static final int MAX_FRAMED_MESSAGE = Integer.MAX_VALUE - 8;

    public Capabilities {
        Objects.requireNonNull(framing, "framing");
        Objects.requireNonNull(platform, "platform");
        if (maxMessageSize < 1) {
            throw new IllegalArgumentException("maxMessageSize must be at least 1: " + maxMessageSize);
        }
    }

    /** How a transport keeps message boundaries. */
    public enum Framing {
        /** A byte stream carrying a 4-byte big-endian length before each message. */
        LENGTH_PREFIXED,
        /** The mechanism itself keeps boundaries: one datagram, packet or record per message. */
        NATIVE_MESSAGES
    }

    /** What the operating system must provide. */
    public enum Platform {
        ANY,
        POSIX,
        LINUX
    }
}
