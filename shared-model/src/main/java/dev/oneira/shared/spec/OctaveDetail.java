package dev.oneira.shared.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;

/** How an octave hands the dream on to the next, larger one. */
public enum OctaveDetail {
    /** Each octave starts from the photo at that size plus the detail the dream added so far, resized: the photo itself is never resampled, so it keeps all its sharpness (the original DeepDream notebook). */
    PRESERVE,
    /** The dream image itself is resized from octave to octave, as the TensorFlow tutorial does; it softens the photo a little with each octave. Kept for parity with the tutorial. */
    TUTORIAL;

    /** The lowercase name used in JSON, form fields and the CLI. */
    @JsonValue
    public String wireName() {
        return WireNames.of(this);
    }

    /** Case-insensitive lookup of a wire name. */
    public static Optional<OctaveDetail> fromWireName(String text) {
        return WireNames.lookup(OctaveDetail.class, text);
    }

    @JsonCreator
    static OctaveDetail fromJson(String text) {
        return WireNames.fromJson(OctaveDetail.class, "detail", text);
    }

    /** The wire names, comma-separated: for messages and help texts. */
    public static String wireNames() {
        return WireNames.list(OctaveDetail.class);
    }
}
