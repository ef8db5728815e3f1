package dev.oneira.worker.core;

import java.time.Duration;

/**
 * How long and how patiently a transient fault (object store or broker unreachable) is retried:
 * waiting {@code initial}, then twice that, ... up to {@code max} between tries, and giving up only
 * when at least {@code attempts} tries were made AND {@code budget} has passed since the first
 * failure. The budget is what lets a worker ride out an outage of many minutes with a finished dream
 * in memory; the attempts keep a few tries even when each try itself is slow (a hanging store).
 */
public record Backoff(int attempts, Duration initial, Duration max, Duration budget) {

    /** Once, no waiting: for best-effort writes after the work is given up anyway. */
    public static final Backoff ONCE = new Backoff(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    public Backoff {
        if (attempts < 1) {
            throw new IllegalArgumentException("retry attempts must be at least 1 (was " + attempts + ")");
        }
        if (initial.isNegative() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("retry backoff must satisfy 0 <= initial <= max (was " + initial + ", " + max + ")");
        }
        if (budget.isNegative()) {
            throw new IllegalArgumentException("the outage budget must not be negative (was " + budget + ")");
        }
    }

    /** The wait after the {@code failedAttempt}-th (1-based) failure. */
    public Duration delayAfter(int failedAttempt) {
        long millis = initial.toMillis();
        for (int i = 1; i < failedAttempt && millis < max.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, max.toMillis()));
    }

    /** Whether to stop after {@code failedAttempts} failures, the first of them {@code sinceFirstFailure} ago. */
    public boolean exhausted(int failedAttempts, Duration sinceFirstFailure) {
        return failedAttempts >= attempts && sinceFirstFailure.compareTo(budget) >= 0;
    }
}
