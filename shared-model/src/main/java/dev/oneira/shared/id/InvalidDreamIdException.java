package dev.oneira.shared.id;

/** Text that is not a dream id; the message says what was given and what an id looks like. */
public class InvalidDreamIdException extends IllegalArgumentException {

    public InvalidDreamIdException(String message) {
        super(message);
    }
}
