package dev.oneira.store;

/**
 * The object store refused or failed a call for a reason that trying again will not fix
 * (access denied, no such bucket, a bad request). Not-found is not an error: {@link ObjectStore#get}
 * answers empty and {@link ObjectStore#exists} false.
 */
public class ObjectStoreException extends RuntimeException {
    public ObjectStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
