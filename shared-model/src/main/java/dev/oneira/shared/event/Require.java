package dev.oneira.shared.event;

/** Null checks for event constructors, so that decoding a message with a missing field says which. */
final class Require {

    private Require() {
    }

    static <T> T present(T value, String type, String field) {
        if (value == null) {
            throw new IllegalArgumentException(type + "." + field + " is missing");
        }
        return value;
    }

    static String text(String value, String type, String field) {
        if (present(value, type, field).isBlank()) {
            throw new IllegalArgumentException(type + "." + field + " must not be blank");
        }
        return value;
    }
}
