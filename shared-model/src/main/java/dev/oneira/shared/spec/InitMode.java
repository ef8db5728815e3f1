package dev.oneira.shared.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What the dream starts from: the uploaded photo, or noise (the photo then only sets the size). */
public enum InitMode {
    IMAGE,
    NOISE;

    /** The lowercase name used in JSON, form fields and the CLI. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Case-insensitive lookup of a wire name. */
    public static Optional<InitMode> fromWireName(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(m -> m.wireName().equals(wanted)).findFirst();
    }

    @JsonCreator
    static InitMode fromJson(String text) {
        return fromWireName(text).orElseThrow(() -> new IllegalArgumentException(
                "init must be one of " + wireNames() + " (was " + text + ")"));
    }

    /** "image, noise": for messages. */
    public static String wireNames() {
        return Arrays.stream(values()).map(InitMode::wireName).collect(Collectors.joining(", "));
    }
}
