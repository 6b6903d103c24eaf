package dev.ipcbench.transport;

/**
 * A message does not fit: on send, longer than the transport allows (nothing was sent); on
 * receive, longer than the caller's buffer (the message was discarded, the transport stays usable).
 */
public class MessageTooLargeException extends TransportException {
    private static final long serialVersionUID = 1L;

    private final long length;
    private final long limit;

    public MessageTooLargeException(String message, long length, long limit) {
        super(message);
        this.length = length;
        this.limit = limit;
    }

    /** The length of the message that did not fit. */
    public long length() {
        return length;
    }

    /** The limit it exceeded: the transport's maximum, or the receiving buffer's free space. */
    public long limit() {
        return limit;
    }
}
