package dev.oneira.worker.core;

import dev.oneira.engine.dream.DreamStep;
import dev.oneira.shared.event.DreamProgress;
import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.spec.Animation;
import dev.oneira.shared.spec.DreamSpec;

/**
 * Where an animation stands, as DreamProgress tells it (see its javadoc): frame 0 is dreamt with the
 * spec's octaves and reported like a still; each following frame as one octave of
 * {@code stepsPerFrame} steps. Steps and fraction run over the whole animation; {@code frame} is the
 * number of frames finished. Elapsed time is counted from this try's start, not the engine's, which
 * restarts per call.
 */
final class AnimationProgress implements ProgressReporter.Position {

    private final DreamSpec spec;
    private final Animation animation;
    private final long startNanos;
    private int framesDone;

    /**
     * @param framesDone frames finished before this try (a resumed animation's checkpoint), else 0
     * @param startNanos {@link System#nanoTime()} when this try began
     */
    AnimationProgress(DreamSpec spec, int framesDone, long startNanos) {
        this.spec = spec;
        this.animation = spec.animation();
        this.framesDone = framesDone;
        this.startNanos = startNanos;
    }

    int framesDone() {
        return framesDone;
    }

    /** Steps of the whole animation done once {@code frames} frames are finished. */
    int stepsDoneAfter(int frames) {
        return frames == 0 ? 0 : spec.stillSteps() + (frames - 1) * animation.stepsPerFrame();
    }

    @Override
    public DreamProgress progress(DreamId id, DreamStep step, String previewKey) {
        if (framesDone == 0) {
            return DreamProgress.ofAnimation(id, 0, animation.frames(), step.octave(), step.octaveCount(), step.step(),
                    step.stepsPerOctave(), step.stepsDone(), spec.totalSteps(), step.loss(), previewKey, elapsedMs());
        }
        int inFrame = Math.min(step.step(), animation.stepsPerFrame());
        return DreamProgress.ofAnimation(id, framesDone, animation.frames(), 0, 1, inFrame,
                animation.stepsPerFrame(), stepsDoneAfter(framesDone) + inFrame, spec.totalSteps(), step.loss(),
                previewKey, elapsedMs());
    }

    /** Frame 0's octaves end like a still's (reported with a preview); later frames report when finished. */
    @Override
    public boolean reportOctaveEnd(DreamStep step) {
        return framesDone == 0;
    }

    /** Frame {@code index} is finished: the progress that says so. */
    DreamProgress frameFinished(DreamId id, int index, double loss, String previewKey) {
        if (index != framesDone) {
            throw new IllegalStateException("frame " + index + " finished, but frame " + framesDone + " was being dreamt");
        }
        framesDone = index + 1;
        boolean first = index == 0;
        int octaveCount = first ? spec.octaveCount() : 1;
        int stepsPerOctave = first ? spec.stepsPerOctave() : animation.stepsPerFrame();
        return DreamProgress.ofAnimation(id, framesDone, animation.frames(), octaveCount - 1, octaveCount,
                stepsPerOctave, stepsPerOctave, stepsDoneAfter(framesDone), spec.totalSteps(), loss, previewKey,
                elapsedMs());
    }

    private long elapsedMs() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
