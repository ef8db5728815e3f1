package dev.oneira.shared.event;

import dev.oneira.shared.id.DreamId;
import java.time.Instant;

/** A worker took the request. {@code seed} is the seed it will use (chosen now if the spec had none). */
public record DreamStarted(String eventId, DreamId dreamId, Instant at,
                           String worker, long seed, int totalSteps) implements DreamEvent {

    public static final String TYPE = "DreamStarted";

    public DreamStarted {
        Require.text(eventId, TYPE, "eventId");
        Require.present(dreamId, TYPE, "dreamId");
        Require.present(at, TYPE, "at");
        Require.text(worker, TYPE, "worker");
    }

    public static DreamStarted of(DreamId dreamId, String worker, long seed, int totalSteps) {
        return new DreamStarted(DreamEvent.newEventId(), dreamId, DreamEvent.now(), worker, seed, totalSteps);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
