package dev.oneira.shared.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;

/** How each step's gradient is normalised before it is added to the image. */
public enum GradientMode {
    /** Divided by its standard deviation (the TensorFlow 2 tutorial). */
    STD,
    /** Split into a Laplacian pyramid whose levels are each normalised, then merged (lap_normalize of the TensorFlow 1 DeepDream notebook): smoother, less high-frequency noise. */
    LAPLACIAN;

    /** The lowercase name used in JSON, form fields and the CLI. */
    @JsonValue
    public String wireName() {
        return WireNames.of(this);
    }

    /** Case-insensitive lookup of a wire name. */
    public static Optional<GradientMode> fromWireName(String text) {
        return WireNames.lookup(GradientMode.class, text);
    }

    @JsonCreator
    static GradientMode fromJson(String text) {
        return WireNames.fromJson(GradientMode.class, "gradient", text);
    }

    /** The wire names, comma-separated: for messages and help texts. */
    public static String wireNames() {
        return WireNames.list(GradientMode.class);
    }
}
