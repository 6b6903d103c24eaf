package dev.ipcbench.transport.support;

import dev.ipcbench.transport.MessageTooLargeException;
import dev.ipcbench.transport.Sizes;

/** The wording of errors every transport shares, so users see one message for one problem. */
public final class Messages {
    private Messages() {}

    /** An empty message, which no transport sends. */
    public static RuntimeException emptyMessage(String alias) {
        return new IllegalArgumentException(alias + ": cannot send an empty message (messages are 1 byte or more)");
    }

    /**
     * The error for a send of {@code length} bytes over {@code max}; an empty message gets {@link
     * IllegalArgumentException} instead, thrown from here.
     */
    public static MessageTooLargeException tooLargeToSend(String alias, int length, int max) {
        if (length < 1) {
            throw emptyMessage(alias);
        }
        return new MessageTooLargeException(
                alias + ": message of " + length + " bytes is larger than this transport's maximum of " + max
                        + " bytes (" + Sizes.format(max) + "); nothing was sent",
                length,
                max);
    }

    /** A received message longer than the caller's buffer; it was discarded. */
    public static MessageTooLargeException tooLargeToReceive(String alias, long length, int room) {
        return new MessageTooLargeException(
                alias + ": received a message of " + length + " bytes but the buffer has room for " + room
                        + "; the message was discarded and the transport remains usable",
                length,
                room);
    }
}
