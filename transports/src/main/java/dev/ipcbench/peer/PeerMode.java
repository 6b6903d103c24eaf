package dev.ipcbench.peer;

import java.util.Locale;

/** What the peer does with the messages it receives. */
public enum PeerMode {
    /** Sends every message back unchanged: the other side measures round trips. */
    ECHO,
    /**
     * Counts messages and answers each {@link SinkProtocol sync request} with an acknowledgement:
     * the other side measures one-way throughput.
     */
    SINK;

    /** The name on the command line. */
    public String argument() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code echo} or {@code sink}. */
    public static PeerMode parse(String text) {
        for (PeerMode m : values()) {
            if (m.argument().equals(text)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown peer mode '" + text + "'; known modes: echo, sink");
    }
}
