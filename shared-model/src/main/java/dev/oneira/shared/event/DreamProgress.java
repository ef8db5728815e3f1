package dev.oneira.shared.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.oneira.shared.id.DreamId;
import java.time.Instant;

/**
 * How far a dream is. {@code octave} is the 0-based index of the octave being dreamt (of
 * {@code octaveCount}); {@code step} is how many steps of that octave are done (so
 * {@code step == stepsPerOctave} at an octave's end); {@code stepsDone} of {@code totalSteps} over
 * the whole dream, {@code fraction} their ratio in [0, 1]. {@code loss} is the objective the
 * gradient ascent maximises (it should rise). {@code previewKey} names a small preview image, null
 * when this event has none. {@code elapsedMs} since the worker started the dream.
 *
 * <p><b>Animations</b> (new, issue 9): {@code frameCount} is the number of frames of the video and
 * {@code frame} the number of frames finished so far (0..frameCount), which is also the 0-based
 * index of the frame being dreamt while {@code frame < frameCount}: "frame 3 of 72" means three are
 * done and the fourth is being dreamt. While frame 0 is dreamt, octave/step are its octaves as for a
 * still; each following frame is dreamt as one octave of its own steps, so then {@code octave} is 0,
 * {@code octaveCount} 1 and {@code stepsPerOctave} the animation's stepsPerFrame. {@code stepsDone},
 * {@code totalSteps} and {@code fraction} cover the whole animation, frame 0 included; a resumed
 * animation counts the frames done before the interruption as done. {@code previewKey} shows the
 * latest finished frame (frame 0 while it is dreamt: the dream so far). Both fields are left out of
 * the JSON of a still.
 */
public record DreamProgress(String eventId, DreamId dreamId, Instant at,
                            int octave, int octaveCount, int step, int stepsPerOctave,
                            int stepsDone, int totalSteps, double fraction, double loss,
                            String previewKey, long elapsedMs,
                            @JsonInclude(JsonInclude.Include.NON_NULL) Integer frame,
                            @JsonInclude(JsonInclude.Include.NON_NULL) Integer frameCount) implements DreamEvent {

    public static final String TYPE = "DreamProgress";

    public DreamProgress {
        Require.text(eventId, TYPE, "eventId");
        Require.present(dreamId, TYPE, "dreamId");
        Require.present(at, TYPE, "at");
    }

    /** A still's progress (no frames): the form of the record before animations existed. */
    public DreamProgress(String eventId, DreamId dreamId, Instant at, int octave, int octaveCount, int step,
                         int stepsPerOctave, int stepsDone, int totalSteps, double fraction, double loss,
                         String previewKey, long elapsedMs) {
        this(eventId, dreamId, at, octave, octaveCount, step, stepsPerOctave, stepsDone, totalSteps, fraction, loss,
                previewKey, elapsedMs, null, null);
    }

    /** A still's progress: derives stepsDone, totalSteps and fraction from the position. */
    public static DreamProgress of(DreamId dreamId, int octave, int octaveCount, int step, int stepsPerOctave,
                                   double loss, String previewKey, long elapsedMs) {
        int stepsDone = octave * stepsPerOctave + step;
        int totalSteps = octaveCount * stepsPerOctave;
        return new DreamProgress(DreamEvent.newEventId(), dreamId, DreamEvent.now(), octave, octaveCount, step,
                stepsPerOctave, stepsDone, totalSteps, fraction(stepsDone, totalSteps), loss, previewKey, elapsedMs);
    }

    /**
     * An animation's progress: the position inside the current frame (octave, step) and over the
     * whole animation (stepsDone of totalSteps, frames done of frameCount); fraction is derived.
     */
    public static DreamProgress ofAnimation(DreamId dreamId, int frame, int frameCount, int octave, int octaveCount,
                                            int step, int stepsPerOctave, int stepsDone, int totalSteps,
                                            double loss, String previewKey, long elapsedMs) {
        return new DreamProgress(DreamEvent.newEventId(), dreamId, DreamEvent.now(), octave, octaveCount, step,
                stepsPerOctave, stepsDone, totalSteps, fraction(stepsDone, totalSteps), loss, previewKey, elapsedMs,
                frame, frameCount);
    }

    private static double fraction(int stepsDone, int totalSteps) {
        return totalSteps <= 0 ? 0 : Math.min(1.0, Math.max(0.0, (double) stepsDone / totalSteps));
    }

    @Override
    public String type() {
        return TYPE;
    }
}
