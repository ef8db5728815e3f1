package dev.oneira.shared.spec;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The lowercase names the spec's choice fields ({@link InitMode}, {@link OctaveDetail},
 * {@link ColorMode}, {@link GradientMode}) use in JSON, form fields and the CLI, in one place so
 * that every choice parses and is described the same way.
 */
final class WireNames {

    private WireNames() {
    }

    static String of(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** Case-insensitive lookup, surrounding spaces ignored. */
    static <E extends Enum<E>> Optional<E> lookup(Class<E> type, String text) {
        if (text == null) {
            return Optional.empty();
        }
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(type.getEnumConstants()).filter(m -> of(m).equals(wanted)).findFirst();
    }

    /** "a, b": for messages. */
    static String list(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(WireNames::of).collect(Collectors.joining(", "));
    }

    /** For JSON: an unknown name fails decoding with a message naming the field and the choices. */
    static <E extends Enum<E>> E fromJson(Class<E> type, String field, String text) {
        return lookup(type, text).orElseThrow(() -> new IllegalArgumentException(
                field + " must be one of " + list(type) + " (was " + text + ")"));
    }
}
