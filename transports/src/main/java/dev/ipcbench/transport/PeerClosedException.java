package dev.ipcbench.transport;

/** The other end closed its side of the channel, or its process died. */
public class PeerClosedException extends TransportException {
    private static final long serialVersionUID = 1L;

    public PeerClosedException(String message) {
        super(message);
    }

    public PeerClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
