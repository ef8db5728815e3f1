package dev.oneira.gallery.index;

import java.time.Instant;
import java.util.Optional;

import dev.oneira.shared.event.DreamCompleted;
import dev.oneira.shared.event.DreamEvent;
import dev.oneira.shared.event.DreamFailed;
import dev.oneira.shared.event.DreamHeld;
import dev.oneira.shared.event.DreamProgress;
import dev.oneira.shared.event.DreamRequested;
import dev.oneira.shared.event.DreamStarted;
import dev.oneira.shared.manifest.DreamError;
import dev.oneira.shared.manifest.DreamManifest;
import dev.oneira.shared.manifest.DreamStatus;

/**
 * How an event or a manifest read from the store moves what the gallery knows of a dream on: the one
 * rule used by the database projection, by live progress (SSE) and by reindex. Pure functions.
 *
 * <ul>
 *   <li>DONE is never undone; FAILED is undone only by DreamCompleted (a later try that succeeded).</li>
 *   <li>DreamHeld (issue 12) makes a dream HELD on the same terms as DreamStarted; only a moderator's
 *       approval (written by the gallery itself) queues it again.</li>
 *   <li>DreamStarted and DreamProgress apply only to a dream that is not final and only when they are
 *       not older than the newest event applied ({@code lastEventAt}): a replayed or late event never
 *       takes a dream back.</li>
 *   <li>A manifest replaces what is known unless it is behind: a non-final manifest never replaces a
 *       final state, and a non-final manifest older than the newest event applied is skipped.</li>
 * </ul>
 */
public final class DreamMerge {

    private DreamMerge() {
    }

    /** What is known of a dream: the entry and the time of the newest event or manifest it reflects. */
    public record Known(DreamEntry entry, Instant lastEventAt) {
    }

    /** The entry after {@code event}, or empty when the event changes nothing (old, duplicate, after the end). */
    public static Optional<Known> apply(Known known, DreamEvent event) {
        DreamManifest m = known.entry().manifest();
        boolean older = event.at().isBefore(known.lastEventAt());
        Instant last = older ? known.lastEventAt() : event.at();
        if (event instanceof DreamStarted s) {
            if (m.status().isFinal() || older) {
                return Optional.empty();
            }
            DreamManifest dreaming = m.dreaming(m.spec().withSeed(s.seed()), s.worker(), s.at());
            dreaming = s.screening() == null ? dreaming : dreaming.withScreening(s.screening());
            dreaming = s.engine() == null ? dreaming : dreaming.withEngine(s.engine());
            return Optional.of(new Known(new DreamEntry(dreaming, null), last));
        }
        if (event instanceof DreamHeld h) {
            if (m.status().isFinal() || older) {
                return Optional.empty();
            }
            return Optional.of(new Known(new DreamEntry(m.held(h.screening()), null), last));
        }
        if (event instanceof DreamProgress p) {
            if (m.status().isFinal() || older) {
                return Optional.empty();
            }
            DreamManifest dreaming = m.status() == DreamStatus.DREAMING ? m : m.withStatus(DreamStatus.DREAMING);
            return Optional.of(new Known(new DreamEntry(dreaming, p), last));
        }
        if (event instanceof DreamCompleted c) {
            if (m.status() == DreamStatus.DONE) {
                return Optional.empty(); // the first completion stands; copies carry the same result
            }
            DreamManifest done = m.done(m.spec().withSeed(c.seed()), c.width(), c.height(), c.at(), c.elapsedMs(),
                    c.worker());
            return Optional.of(new Known(new DreamEntry(c.engine() == null ? done : done.withEngine(c.engine()), null),
                    last));
        }
        if (event instanceof DreamFailed f) {
            if (m.status().isFinal() || older) {
                return Optional.empty();
            }
            return Optional.of(new Known(new DreamEntry(m.failed(new DreamError(f.reason(), f.code(), f.retryable()),
                    f.at()), null), last));
        }
        if (event instanceof DreamRequested) {
            return Optional.empty(); // the row is written by the upload itself
        }
        return Optional.empty();
    }

    /** The time a manifest speaks for: its newest timestamp. */
    public static Instant timeOf(DreamManifest m) {
        Instant t = m.createdAt();
        if (m.startedAt() != null && m.startedAt().isAfter(t)) {
            t = m.startedAt();
        }
        if (m.completedAt() != null && m.completedAt().isAfter(t)) {
            t = m.completedAt();
        }
        if (m.screening() != null && m.screening().at().isAfter(t)) {
            t = m.screening().at();
        }
        if (m.approval() != null && m.approval().at().isAfter(t)) {
            t = m.approval().at();
        }
        return t;
    }

    /** Whether a manifest read from the store should replace what is known (see the class comment). */
    public static boolean manifestWins(Known known, DreamManifest manifest) {
        DreamStatus have = known.entry().manifest().status();
        if (have == DreamStatus.DONE && manifest.status() != DreamStatus.DONE) {
            return false;
        }
        if (have.isFinal() && !manifest.status().isFinal()) {
            return false;
        }
        if (manifest.status().isFinal()) {
            return true;
        }
        return !timeOf(manifest).isBefore(known.lastEventAt());
    }
}
