package dev.oneira.shared.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.manifest.EngineIdentity;
import java.time.Instant;

/**
 * The dream is stored. Keys name objects in the bucket; {@code width}/{@code height} are the dream's
 * pixels; {@code seed} the seed used, so the dream can be reproduced. Sent again, unchanged in
 * substance, when a redelivered request finds the result already there.
 *
 * <p>For an animation (new, issue 9) {@code resultKey} is frame 0 at full size (a PNG, so thumbnails
 * and pages work as for a still) and {@code videoKey} (MP4), {@code previewLoopKey} (a short looping
 * animated image) and {@code posterKey} (frame 0 as JPEG) are set; all three are stored before this
 * event is sent. For a still they are null and left out of the JSON. {@code engine} (issue 15) is the
 * network and engine that made it, null from workers that predate it.
 *
 * <p>{@code elapsedMs} is the dreaming (DREAMING to stored), as the page shows it. {@code serviceMs} (issue 15,
 * second pass) is the worker's whole time on the request: from taking it (reading the photo, screening) to
 * storing the result, the time a queue behind it waits; the gallery's estimates learn from it. Null from
 * workers that predate it (they learn from elapsedMs).
 */
public record DreamCompleted(String eventId, DreamId dreamId, Instant at,
                             String resultKey, String originalThumbKey, String dreamThumbKey,
                             int width, int height, long elapsedMs, String worker, long seed,
                             @JsonInclude(JsonInclude.Include.NON_NULL) String videoKey,
                             @JsonInclude(JsonInclude.Include.NON_NULL) String previewLoopKey,
                             @JsonInclude(JsonInclude.Include.NON_NULL) String posterKey,
                             @JsonInclude(JsonInclude.Include.NON_NULL) EngineIdentity engine,
                             @JsonInclude(JsonInclude.Include.NON_NULL) Long serviceMs) implements DreamEvent {

    public static final String TYPE = "DreamCompleted";

    public DreamCompleted {
        Require.text(eventId, TYPE, "eventId");
        Require.present(dreamId, TYPE, "dreamId");
        Require.present(at, TYPE, "at");
        Require.text(resultKey, TYPE, "resultKey");
    }

    /** A still's completion: the form of the record before animations existed. */
    public DreamCompleted(String eventId, DreamId dreamId, Instant at, String resultKey, String originalThumbKey,
                          String dreamThumbKey, int width, int height, long elapsedMs, String worker, long seed) {
        this(eventId, dreamId, at, resultKey, originalThumbKey, dreamThumbKey, width, height, elapsedMs, worker, seed,
                null, null, null, null, null);
    }

    public static DreamCompleted of(DreamId dreamId, String resultKey, String originalThumbKey, String dreamThumbKey,
                                    int width, int height, long elapsedMs, String worker, long seed) {
        return new DreamCompleted(DreamEvent.newEventId(), dreamId, DreamEvent.now(), resultKey, originalThumbKey,
                dreamThumbKey, width, height, elapsedMs, worker, seed);
    }

    /** This event with an animation's video, preview loop and poster keys. */
    public DreamCompleted withVideo(String videoKey, String previewLoopKey, String posterKey) {
        return new DreamCompleted(eventId, dreamId, at, resultKey, originalThumbKey, dreamThumbKey, width, height,
                elapsedMs, worker, seed, videoKey, previewLoopKey, posterKey, engine, serviceMs);
    }

    /** This event with the identity of the network and engine that made the dream. */
    public DreamCompleted withEngine(EngineIdentity engine) {
        return new DreamCompleted(eventId, dreamId, at, resultKey, originalThumbKey, dreamThumbKey, width, height,
                elapsedMs, worker, seed, videoKey, previewLoopKey, posterKey, engine, serviceMs);
    }

    /** This event with the worker's whole time on the request, from taking it to storing the result. */
    public DreamCompleted withServiceMs(long serviceMs) {
        return new DreamCompleted(eventId, dreamId, at, resultKey, originalThumbKey, dreamThumbKey, width, height,
                elapsedMs, worker, seed, videoKey, previewLoopKey, posterKey, engine, serviceMs);
    }

    /** The time a queue waits for this dream: the worker's whole time when known, else the dreaming. */
    public long queueMs() {
        return serviceMs != null ? serviceMs : elapsedMs;
    }

    /** True when this completes an animation (a video is linked). */
    public boolean hasVideo() {
        return videoKey != null;
    }

    @Override
    public String type() {
        return TYPE;
    }
}
