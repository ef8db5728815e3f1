package dev.oneira.engine.network;

/**
 * The pretrained network could not be loaded: a file is missing, damaged or not in the expected
 * format. The message says what is wrong and what to do about it.
 */
public class ModelLoadException extends RuntimeException {

    public ModelLoadException(String message) {
        super(message);
    }

    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
