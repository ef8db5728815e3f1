package dev.oneira.engine.dream;

/** Thrown from inside a dream when its caller asked it to stop; nothing of the dream is kept. */
public final class DreamCancelledException extends RuntimeException {
    public DreamCancelledException() {
        super("the dream was cancelled");
    }
}
