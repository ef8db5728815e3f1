package dev.oneira.shared.event;

import dev.oneira.shared.id.DreamId;
import java.time.Instant;

/**
 * The dream is stored. Keys name objects in the bucket; {@code width}/{@code height} are the dream's
 * pixels; {@code seed} the seed used, so the dream can be reproduced. Sent again, unchanged in
 * substance, when a redelivered request finds the result already there.
 */
public record DreamCompleted(String eventId, DreamId dreamId, Instant at,
                             String resultKey, String originalThumbKey, String dreamThumbKey,
                             int width, int height, long elapsedMs, String worker, long seed) implements DreamEvent {

    public static final String TYPE = "DreamCompleted";

    public DreamCompleted {
        Require.text(eventId, TYPE, "eventId");
        Require.present(dreamId, TYPE, "dreamId");
        Require.present(at, TYPE, "at");
        Require.text(resultKey, TYPE, "resultKey");
    }

    public static DreamCompleted of(DreamId dreamId, String resultKey, String originalThumbKey, String dreamThumbKey,
                                    int width, int height, long elapsedMs, String worker, long seed) {
        return new DreamCompleted(DreamEvent.newEventId(), dreamId, DreamEvent.now(), resultKey, originalThumbKey,
                dreamThumbKey, width, height, elapsedMs, worker, seed);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
