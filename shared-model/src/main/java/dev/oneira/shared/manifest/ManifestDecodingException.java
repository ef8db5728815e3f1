package dev.oneira.shared.manifest;

/** Bytes that are not a manifest this version understands; the message says why. */
public class ManifestDecodingException extends RuntimeException {

    public ManifestDecodingException(String message) {
        super(message);
    }
}
