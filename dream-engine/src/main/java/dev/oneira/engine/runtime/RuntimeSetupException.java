package dev.oneira.engine.runtime;

/** The engine cannot run on this machine as built; the message says what to do. */
public final class RuntimeSetupException extends Exception {
    public RuntimeSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
