package dev.oneira.shared.event;

import dev.oneira.shared.id.DreamId;
import java.time.Instant;

/**
 * The dream ended without a result. {@code reason} is for people (shown on the dream page),
 * {@code code} for machines; {@code retryable} says whether asking again may work. {@code worker}
 * is null when no worker was involved.
 */
public record DreamFailed(String eventId, DreamId dreamId, Instant at,
                          String reason, FailureCode code, boolean retryable, String worker) implements DreamEvent {

    public static final String TYPE = "DreamFailed";

    public DreamFailed {
        Require.text(eventId, TYPE, "eventId");
        Require.present(dreamId, TYPE, "dreamId");
        Require.present(at, TYPE, "at");
        Require.text(reason, TYPE, "reason");
        code = code == null ? FailureCode.INTERNAL : code;
    }

    public static DreamFailed of(DreamId dreamId, String reason, FailureCode code, boolean retryable, String worker) {
        return new DreamFailed(DreamEvent.newEventId(), dreamId, DreamEvent.now(), reason, code, retryable, worker);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
