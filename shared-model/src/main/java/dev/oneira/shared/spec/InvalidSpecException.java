package dev.oneira.shared.spec;

import java.util.List;
import java.util.stream.Collectors;

/** A spec (or its text fields) broke one or more documented bounds; carries every violation found. */
public class InvalidSpecException extends IllegalArgumentException {

    private final List<SpecViolation> violations;

    public InvalidSpecException(List<SpecViolation> violations) {
        super(summary(violations));
        this.violations = List.copyOf(violations);
    }

    public List<SpecViolation> violations() {
        return violations;
    }

    private static String summary(List<SpecViolation> violations) {
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an InvalidSpecException needs at least one violation");
        }
        return "invalid dream spec: " + violations.stream().map(SpecViolation::message).collect(Collectors.joining("; "));
    }
}
