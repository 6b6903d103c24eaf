package dev.ipcbench.transport;

/**
 * A transport provider could not be loaded: a plug-in jar is missing or is not a jar, a provider
 * class it names is missing, is not a {@link TransportProvider} or fails to instantiate, or two
 * providers claim one alias. The message names the jar and the class.
 */
public final class ProviderLoadException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public ProviderLoadException(String message) {
        super(message);
    }

    public ProviderLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
