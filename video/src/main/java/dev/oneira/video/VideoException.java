package dev.oneira.video;

import java.io.IOException;

/** A video could not be written, read or joined; the message says which file and why. */
public final class VideoException extends IOException {
    public VideoException(String message) {
        super(message);
    }

    public VideoException(String message, Throwable cause) {
        super(message, cause);
    }
}
