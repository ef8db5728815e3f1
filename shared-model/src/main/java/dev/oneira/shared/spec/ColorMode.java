package dev.oneira.shared.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;

/** Which colours the dream may change. */
public enum ColorMode {
    /** The dream changes brightness and colour. */
    DREAM,
    /** The dream changes brightness only; the photo's chroma (YCbCr Cb and Cr) is kept, as neural-dream's -original_colors. */
    ORIGINAL;

    /** The lowercase name used in JSON, form fields and the CLI. */
    @JsonValue
    public String wireName() {
        return WireNames.of(this);
    }

    /** Case-insensitive lookup of a wire name. */
    public static Optional<ColorMode> fromWireName(String text) {
        return WireNames.lookup(ColorMode.class, text);
    }

    @JsonCreator
    static ColorMode fromJson(String text) {
        return WireNames.fromJson(ColorMode.class, "colors", text);
    }

    /** The wire names, comma-separated: for messages and help texts. */
    public static String wireNames() {
        return WireNames.list(ColorMode.class);
    }
}
