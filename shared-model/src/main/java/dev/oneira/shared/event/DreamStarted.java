package dev.oneira.shared.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.manifest.EngineIdentity;
import dev.oneira.shared.moderation.Screening;
import java.time.Instant;

/**
 * A worker took the request. {@code seed} is the seed it will use (chosen now if the spec had none).
 * Later additions, left out of the JSON while null: {@code screening} of the inputs (issue 12) and the
 * {@code engine} that dreams it (issue 15).
 */
public record DreamStarted(String eventId, DreamId dreamId, Instant at,
                           String worker, long seed, int totalSteps,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Screening screening,
                           @JsonInclude(JsonInclude.Include.NON_NULL) EngineIdentity engine) implements DreamEvent {

    public static final String TYPE = "DreamStarted";

    public DreamStarted {
        Require.text(eventId, TYPE, "eventId");
        Require.present(dreamId, TYPE, "dreamId");
        Require.present(at, TYPE, "at");
        Require.text(worker, TYPE, "worker");
    }

    /** The form of the record before screening and engine identity existed. */
    public DreamStarted(String eventId, DreamId dreamId, Instant at, String worker, long seed, int totalSteps) {
        this(eventId, dreamId, at, worker, seed, totalSteps, null, null);
    }

    public static DreamStarted of(DreamId dreamId, String worker, long seed, int totalSteps) {
        return new DreamStarted(DreamEvent.newEventId(), dreamId, DreamEvent.now(), worker, seed, totalSteps);
    }

    public DreamStarted withScreening(Screening screening) {
        return new DreamStarted(eventId, dreamId, at, worker, seed, totalSteps, screening, engine);
    }

    public DreamStarted withEngine(EngineIdentity engine) {
        return new DreamStarted(eventId, dreamId, at, worker, seed, totalSteps, screening, engine);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
