package dev.oneira.engine.image;

/** An image that cannot be read or written; the message says what and why, for people. */
public final class ImageFileException extends Exception {
    public ImageFileException(String message) {
        super(message);
    }
}
