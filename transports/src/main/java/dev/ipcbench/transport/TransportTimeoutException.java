package dev.ipcbench.transport;

/** A blocking call made no progress within its deadline; the transport has been closed. */
public class TransportTimeoutException extends TransportException {
    private static final long serialVersionUID = 1L;

    public TransportTimeoutException(String message) {
        super(message);
    }

    public TransportTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
