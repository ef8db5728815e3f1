package dev.oneira.store;

/**
 * The object store could not be reached or answered that it is overloaded (connection refused,
 * timeout, HTTP 500/502/503/504): a transient fault, worth retrying later.
 */
public class ObjectStoreUnavailableException extends ObjectStoreException {
    public ObjectStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
