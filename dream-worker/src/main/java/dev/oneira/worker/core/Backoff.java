package dev.oneira.worker.core;

import java.time.Duration;

/**
 * How often and how patiently a transient fault is retried: {@code attempts} tries in all, waiting
 * {@code initial}, then twice that, ... up to {@code max} between them.
 */
public record Backoff(int attempts, Duration initial, Duration max) {

    public Backoff {
        if (attempts < 1) {
            throw new IllegalArgumentException("retry attempts must be at least 1 (was " + attempts + ")");
        }
        if (initial.isNegative() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("retry backoff must satisfy 0 <= initial <= max (was " + initial + ", " + max + ")");
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

    /** Total waiting time when every attempt fails. */
    public Duration worstCaseWait() {
        Duration total = Duration.ZERO;
        for (int i = 1; i < attempts; i++) {
            total = total.plus(delayAfter(i));
        }
        return total;
    }
}
