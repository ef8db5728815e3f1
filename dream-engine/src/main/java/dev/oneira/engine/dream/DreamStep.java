package dev.oneira.engine.dream;

import java.awt.image.BufferedImage;
import java.time.Duration;

/**
 * What a dream reports after each gradient step.
 *
 * @param octave      0-based index of the current octave
 * @param step        1-based step within the octave
 * @param loss        the objective at this step (higher: the layers see more)
 * @param preview     renders the image as it is now, scaled to at most the given side; only valid
 *                    during the callback
 */
public record DreamStep(int octave, int octaveCount, int step, int stepsPerOctave, int stepsDone, int totalSteps,
                        double loss, Duration elapsed, int width, int height, Preview preview) {

    @FunctionalInterface
    public interface Preview {
        BufferedImage render(int maxSide);
    }

    public double fraction() {
        return totalSteps == 0 ? 1.0 : (double) stepsDone / totalSteps;
    }

    public boolean lastOfOctave() {
        return step == stepsPerOctave;
    }
}
