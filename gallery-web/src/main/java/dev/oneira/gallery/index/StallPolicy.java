package dev.oneira.gallery.index;

import java.time.Duration;
import java.time.Instant;

import dev.oneira.shared.manifest.DreamManifest;
import dev.oneira.shared.manifest.DreamStatus;

/**
 * Tells a dream that is being dreamt from one that only says so. A worker reports progress at least
 * every few seconds while it dreams (every step when steps are slow); a DREAMING dream with no sign
 * of life (started, progress) for longer than {@code after} has lost its worker: killed (its
 * request goes to another worker once its Kafka session times out), or waiting for the object
 * store, or put back for a later try past the worker's outage budget with a manifest it could not
 * rewrite. Either way no one is working on it right now and it will be picked up again by itself:
 * the gallery shows it as waiting for a worker, not as stale progress.
 */
public record StallPolicy(Duration after) {

    /** Well above a worker's progress interval (2 s) and a slow step, below the Kafka session timeout (45 s). */
    public static final Duration DEFAULT = Duration.ofSeconds(30);

    public StallPolicy {
        if (after == null || after.isNegative() || after.isZero()) {
            throw new IllegalArgumentException("the stall timeout must be positive (was " + after + ")");
        }
    }

    /** Whether the dream says DREAMING but nothing has been heard of it for longer than {@link #after()}. */
    public boolean waitingForWorker(DreamEntry entry, Instant now) {
        DreamManifest m = entry.manifest();
        if (m.status() != DreamStatus.DREAMING) {
            return false;
        }
        Instant lastSign = m.startedAt() != null ? m.startedAt() : m.createdAt();
        if (entry.progress() != null && entry.progress().at().isAfter(lastSign)) {
            lastSign = entry.progress().at();
        }
        return Duration.between(lastSign, now).compareTo(after) > 0;
    }
}
