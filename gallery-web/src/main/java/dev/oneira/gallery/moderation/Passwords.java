package dev.oneira.gallery.moderation;

import java.util.Optional;
import java.util.regex.Pattern;

/** What a moderator's name and password must be; there is no default password anywhere. */
public final class Passwords {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 200;
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,39}");

    private Passwords() {
    }

    /** Why the name cannot be a moderator's, or empty when it can. */
    public static Optional<String> nameProblem(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            return Optional.of("a moderator's name is 2 to 40 characters: lower-case letters, digits, '.', '_'"
                    + " or '-', starting with a letter or digit");
        }
        return Optional.empty();
    }

    /** Why the password is refused, or empty when it is good enough. */
    public static Optional<String> passwordProblem(String name, char[] password) {
        if (password == null || password.length < MIN_LENGTH) {
            return Optional.of("the password is too short: at least " + MIN_LENGTH + " characters");
        }
        if (password.length > MAX_LENGTH) {
            return Optional.of("the password is too long: at most " + MAX_LENGTH + " characters");
        }
        if (name != null && new String(password).toLowerCase().contains(name.toLowerCase())) {
            return Optional.of("the password must not contain the name");
        }
        return Optional.empty();
    }
}
