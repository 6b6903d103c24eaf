package dev.ipcbench.transport;

import java.io.IOException;

/** A transport failed; the message names the transport and, where known, the peer's state. */
public class TransportException extends IOException {
    private static final long serialVersionUID = 1L;

    public TransportException(String message) {
        super(message);
    }

    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
