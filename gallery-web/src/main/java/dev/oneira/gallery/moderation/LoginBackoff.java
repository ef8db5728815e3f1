package dev.oneira.gallery.moderation;

import java.time.Duration;

/**
 * How long a moderator name or a client address must wait before its next login attempt, from its
 * recent failures: a few are free (typos), then the wait doubles with each one, up to a cap. An attacker
 * guessing passwords gets a handful of tries an hour; a moderator who mistypes waits seconds.
 */
public final class LoginBackoff {

    /** Failures without any wait. */
    public static final int FREE_FAILURES = 3;
    /** Failures count for this long. */
    public static final Duration WINDOW = Duration.ofMinutes(30);
    public static final Duration FIRST_WAIT = Duration.ofSeconds(2);
    public static final Duration MAX_WAIT = Duration.ofMinutes(15);

    private LoginBackoff() {
    }

    /** The wait after the latest of {@code failures} failures in the window. */
    public static Duration waitAfter(int failures) {
        if (failures <= FREE_FAILURES) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - FREE_FAILURES - 1, 20);
        Duration wait = FIRST_WAIT.multipliedBy(1L << doublings);
        return wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait;
    }
}
