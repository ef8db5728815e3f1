package dev.oneira.shared.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.moderation.Approval;
import dev.oneira.shared.spec.DreamSpec;
import java.time.Instant;

/**
 * Please dream this. {@code originalKey} is the normalised photo in the bucket. {@code requestedAt}
 * is when the person asked (the manifest's createdAt); {@code at} is when this message was made,
 * later if the gallery had to send it again. {@code approval} (issue 12) is set when a moderator released
 * a held dream: the worker then dreams it whatever its screening says.
 */
public record DreamRequested(String eventId, DreamId dreamId, Instant at,
                             DreamSpec spec, String originalKey, Instant requestedAt,
                             @JsonInclude(JsonInclude.Include.NON_NULL) Approval approval) implements DreamEvent {

    public static final String TYPE = "DreamRequested";

    public DreamRequested {
        Require.text(eventId, TYPE, "eventId");
        Require.present(dreamId, TYPE, "dreamId");
        Require.present(at, TYPE, "at");
        Require.present(spec, TYPE, "spec");
        Require.text(originalKey, TYPE, "originalKey");
        requestedAt = requestedAt == null ? at : requestedAt;
    }

    /** A request without approval: the form of the record before moderation existed. */
    public DreamRequested(String eventId, DreamId dreamId, Instant at, DreamSpec spec, String originalKey,
                          Instant requestedAt) {
        this(eventId, dreamId, at, spec, originalKey, requestedAt, null);
    }

    public static DreamRequested of(DreamId dreamId, DreamSpec spec, String originalKey, Instant requestedAt) {
        return new DreamRequested(DreamEvent.newEventId(), dreamId, DreamEvent.now(), spec, originalKey, requestedAt);
    }

    /** The request that releases a held dream after a moderator's approval. */
    public static DreamRequested approved(DreamId dreamId, DreamSpec spec, String originalKey, Instant requestedAt,
                                          Approval approval) {
        Require.present(approval, TYPE, "approval");
        return new DreamRequested(DreamEvent.newEventId(), dreamId, DreamEvent.now(), spec, originalKey, requestedAt,
                approval);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
