package dev.oneira.shared.event;

/** Bytes that are not a dream event this version understands; the message says why. */
public class EventDecodingException extends RuntimeException {

    public EventDecodingException(String message) {
        super(message);
    }
}
