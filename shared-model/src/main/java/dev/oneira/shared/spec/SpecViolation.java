package dev.oneira.shared.spec;

/**
 * One reason a spec is unusable. {@code field} is the spec field or form field it concerns (so a
 * form can show it next to the input); {@code message} is a full sentence for people that names the
 * field, what is allowed and what was given.
 */
public record SpecViolation(String field, String message) {

    @Override
    public String toString() {
        return message;
    }
}
