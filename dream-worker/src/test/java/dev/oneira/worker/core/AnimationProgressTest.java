package dev.oneira.worker.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.oneira.engine.dream.DreamStep;
import dev.oneira.shared.event.DreamProgress;
import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.spec.Animation;
import dev.oneira.shared.spec.DreamSpec;
import dev.oneira.shared.spec.Presets;

/** An animation's progress: frame 0 as a still's octaves, then frame by frame over the whole animation. */
class AnimationProgressTest {

    private static final DreamId ID = DreamId.parse("01a21725-6773-7a0c-8bb4-22fa82f7780e");
    // Frame 0: 5 octaves x 10 steps = 50 steps; then 9 frames x 4 steps = 36: 86 in all.
    private static final DreamSpec SPEC = Presets.ZOOM.spec()
            .withAnimation(Animation.defaults().withFrames(10).withStepsPerFrame(4));

    private static DreamStep step(int octave, int octaveCount, int step, int stepsPerOctave, int stepsDone) {
        return new DreamStep(octave, octaveCount, step, stepsPerOctave, stepsDone, octaveCount * stepsPerOctave, 1.5,
                Duration.ZERO, 64, 64, side -> null);
    }

    @Test
    void frameZeroReportsItsOctavesOutOfTheWholeAnimation() {
        AnimationProgress progress = new AnimationProgress(SPEC, 0, System.nanoTime());

        DreamProgress p = progress.progress(ID, step(2, 5, 3, 10, 23), "k");

        assertThat(p.frame()).isZero();
        assertThat(p.frameCount()).isEqualTo(10);
        assertThat(p.octave()).isEqualTo(2);
        assertThat(p.octaveCount()).isEqualTo(5);
        assertThat(p.stepsDone()).isEqualTo(23);
        assertThat(p.totalSteps()).isEqualTo(86);
        assertThat(p.fraction()).isEqualTo(23 / 86.0);
        assertThat(p.previewKey()).isEqualTo("k");
        assertThat(progress.reportOctaveEnd(step(4, 5, 10, 10, 50))).isTrue();
    }

    @Test
    void laterFramesCountAsOneOctaveOfTheirStepsAfterTheFramesDone() {
        AnimationProgress progress = new AnimationProgress(SPEC, 0, System.nanoTime());

        DreamProgress zeroDone = progress.frameFinished(ID, 0, 2.0, null);
        DreamProgress inFrameOne = progress.progress(ID, step(0, 1, 2, 4, 2), null);
        progress.frameFinished(ID, 1, 2.0, null);

        assertThat(zeroDone.frame()).isEqualTo(1);
        assertThat(zeroDone.stepsDone()).isEqualTo(50);
        assertThat(inFrameOne.frame()).isEqualTo(1);
        assertThat(inFrameOne.octaveCount()).isEqualTo(1);
        assertThat(inFrameOne.stepsPerOctave()).isEqualTo(4);
        assertThat(inFrameOne.stepsDone()).isEqualTo(52);
        assertThat(progress.reportOctaveEnd(step(0, 1, 4, 4, 4))).as("frames report when finished").isFalse();
        assertThat(progress.framesDone()).isEqualTo(2);
    }

    @Test
    void theLastFrameEndsTheAnimationAtOne() {
        AnimationProgress progress = new AnimationProgress(SPEC, 9, System.nanoTime());

        DreamProgress last = progress.frameFinished(ID, 9, 2.0, "k");

        assertThat(last.frame()).isEqualTo(10);
        assertThat(last.stepsDone()).isEqualTo(86);
        assertThat(last.fraction()).isEqualTo(1.0);
    }

    @Test
    void aResumedAnimationCountsTheFramesOfItsCheckpointAsDone() {
        AnimationProgress progress = new AnimationProgress(SPEC, 6, System.nanoTime());

        DreamProgress p = progress.progress(ID, step(0, 1, 1, 4, 1), null);

        assertThat(p.frame()).isEqualTo(6);
        assertThat(p.stepsDone()).isEqualTo(50 + 5 * 4 + 1);
    }
}
