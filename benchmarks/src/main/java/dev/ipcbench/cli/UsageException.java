package dev.ipcbench.cli;

/** Bad arguments: the command prints the message and exits with {@link IpcBench#EXIT_USAGE} before running anything. */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }

    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
