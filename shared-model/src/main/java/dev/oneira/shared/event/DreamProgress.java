package dev.oneira.shared.event;

import dev.oneira.shared.id.DreamId;
import java.time.Instant;

/**
 * How far a dream is. {@code octave} is the 0-based index of the octave being dreamt (of
 * {@code octaveCount}); {@code step} is how many steps of that octave are done (so
 * {@code step == stepsPerOctave} at an octave's end); {@code stepsDone} of {@code totalSteps} over
 * the whole dream, {@code fraction} their ratio in [0, 1]. {@code loss} is the objective the
 * gradient ascent maximises (it should rise). {@code previewKey} names a small preview image, null
 * when this event has none. {@code elapsedMs} since the worker started the dream.
 */
public record DreamProgress(String eventId, DreamId dreamId, Instant at,
                            int octave, int octaveCount, int step, int stepsPerOctave,
                            int stepsDone, int totalSteps, double fraction, double loss,
                            String previewKey, long elapsedMs) implements DreamEvent {

    public static final String TYPE = "DreamProgress";

    public DreamProgress {
        Require.text(eventId, TYPE, "eventId");
        Require.present(dreamId, TYPE, "dreamId");
        Require.present(at, TYPE, "at");
    }

    /** Derives stepsDone, totalSteps and fraction from the position. */
    public static DreamProgress of(DreamId dreamId, int octave, int octaveCount, int step, int stepsPerOctave,
                                   double loss, String previewKey, long elapsedMs) {
        int stepsDone = octave * stepsPerOctave + step;
        int totalSteps = octaveCount * stepsPerOctave;
        double fraction = totalSteps <= 0 ? 0 : Math.min(1.0, Math.max(0.0, (double) stepsDone / totalSteps));
        return new DreamProgress(DreamEvent.newEventId(), dreamId, DreamEvent.now(), octave, octaveCount, step,
                stepsPerOctave, stepsDone, totalSteps, fraction, loss, previewKey, elapsedMs);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
