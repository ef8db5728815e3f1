package dev.oneira.shared.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;

/**
 * What an animation does from frame to frame. One kind so far: {@code zoom}, the "endless zoom" of
 * the Inceptionism post (each frame is the previous one zoomed about the centre, rotated, shifted,
 * then dreamt a little).
 */
public enum AnimationKind {
    ZOOM;

    /** The lowercase name used in JSON, form fields and the CLI. */
    @JsonValue
    public String wireName() {
        return WireNames.of(this);
    }

    /** Case-insensitive lookup of a wire name. */
    public static Optional<AnimationKind> fromWireName(String text) {
        return WireNames.lookup(AnimationKind.class, text);
    }

    @JsonCreator
    static AnimationKind fromJson(String text) {
        return WireNames.fromJson(AnimationKind.class, "kind", text);
    }

    /** "zoom": for messages. */
    public static String wireNames() {
        return WireNames.list(AnimationKind.class);
    }
}
