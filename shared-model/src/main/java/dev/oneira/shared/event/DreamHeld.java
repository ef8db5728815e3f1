package dev.oneira.shared.event;

import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.moderation.Screening;
import java.time.Instant;

/**
 * The worker screened the dream's inputs and held it for review (issue 12): the manifest is HELD, nothing
 * was dreamt. Sent again, with the stored screening, when a held request is redelivered.
 */
public record DreamHeld(String eventId, DreamId dreamId, Instant at, Screening screening) implements DreamEvent {

    public static final String TYPE = "DreamHeld";

    public DreamHeld {
        Require.text(eventId, TYPE, "eventId");
        Require.present(dreamId, TYPE, "dreamId");
        Require.present(at, TYPE, "at");
        Require.present(screening, TYPE, "screening");
    }

    public static DreamHeld of(DreamId dreamId, Screening screening) {
        return new DreamHeld(DreamEvent.newEventId(), dreamId, DreamEvent.now(), screening);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
