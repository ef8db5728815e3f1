package dev.oneira.shared.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;

/** What the dream starts from: the uploaded photo, or noise (the photo then only sets the size). */
public enum InitMode {
    IMAGE,
    NOISE;

    /** The lowercase name used in JSON, form fields and the CLI. */
    @JsonValue
    public String wireName() {
        return WireNames.of(this);
    }

    /** Case-insensitive lookup of a wire name. */
    public static Optional<InitMode> fromWireName(String text) {
        return WireNames.lookup(InitMode.class, text);
    }

    @JsonCreator
    static InitMode fromJson(String text) {
        return WireNames.fromJson(InitMode.class, "init", text);
    }

    /** "image, noise": for messages. */
    public static String wireNames() {
        return WireNames.list(InitMode.class);
    }
}
