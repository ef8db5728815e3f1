package dev.oneira.shared.event;

import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.spec.DreamSpec;
import java.time.Instant;

/**
 * Please dream this. {@code originalKey} is the normalised photo in the bucket. {@code requestedAt}
 * is when the person asked (the manifest's createdAt); {@code at} is when this message was made,
 * later if the gallery had to send it again.
 */
public record DreamRequested(String eventId, DreamId dreamId, Instant at,
                             DreamSpec spec, String originalKey, Instant requestedAt) implements DreamEvent {

    public static final String TYPE = "DreamRequested";

    public DreamRequested {
        Require.text(eventId, TYPE, "eventId");
        Require.present(dreamId, TYPE, "dreamId");
        Require.present(at, TYPE, "at");
        Require.present(spec, TYPE, "spec");
        Require.text(originalKey, TYPE, "originalKey");
        requestedAt = requestedAt == null ? at : requestedAt;
    }

    public static DreamRequested of(DreamId dreamId, DreamSpec spec, String originalKey, Instant requestedAt) {
        return new DreamRequested(DreamEvent.newEventId(), dreamId, DreamEvent.now(), spec, originalKey, requestedAt);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
