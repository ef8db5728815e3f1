package dev.oneira.gallery.web;

import java.time.Duration;
import java.time.Instant;

import dev.oneira.shared.manifest.DreamStatus;

/**
 * A dream's estimate in words (issue 15): "starts in about 2 min", "done in about 40 s", rounded as
 * {@link ZoomEstimate#words} rounds. The page's script (static/eta.js) says the same from the same
 * ISO times, once a second, and takes new times from the dream's event stream.
 */
public final class EtaWords {

    /** Closer than this, "any moment now": an estimate is not that precise. */
    static final long NOW_SECONDS = 5;

    private EtaWords() {
    }

    /** Null when there is no estimate. */
    public static String of(DreamStatus status, Instant startAt, Instant completionAt, Instant now) {
        if (completionAt == null) {
            return null;
        }
        if (status == DreamStatus.QUEUED && startAt != null) {
            return "Starts " + in(startAt, now) + ", done " + in(completionAt, now) + ".";
        }
        return "Done " + in(completionAt, now) + ".";
    }

    private static String in(Instant at, Instant now) {
        long s = Duration.between(now, at).toSeconds();
        return s <= NOW_SECONDS ? "any moment now" : "in " + ZoomEstimate.words(s);
    }
}
