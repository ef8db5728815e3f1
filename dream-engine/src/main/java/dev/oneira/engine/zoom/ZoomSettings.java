package dev.oneira.engine.zoom;

import dev.oneira.shared.spec.Animation;

/**
 * How a zoom animation moves from frame to frame.
 *
 * @param frames        frames in all, frame 0 included (at least 1)
 * @param zoom          scale per frame about the centre: above 1 zooms in, below 1 out
 * @param rotateDegrees rotation per frame, counter-clockwise on screen when positive
 * @param shiftX        pixels per frame the picture moves right (negative: left)
 * @param shiftY        pixels per frame the picture moves down (negative: up)
 * @param stepsPerFrame gradient steps dreamt on each frame after the first
 * @param blend         share of the previous frame mixed into the moved one before dreaming, in
 *                      [0, 1): 0 none, more steadies the picture and leaves trails
 */
public record ZoomSettings(int frames, double zoom, double rotateDegrees, double shiftX, double shiftY,
                           int stepsPerFrame, double blend) {

    public ZoomSettings {
        if (frames < 1) {
            throw new IllegalArgumentException("a zoom needs at least 1 frame (was " + frames + ")");
        }
        if (!(zoom > 0) || Double.isInfinite(zoom)) {
            throw new IllegalArgumentException("zoom must be a positive number (was " + zoom + ")");
        }
        if (stepsPerFrame < 1) {
            throw new IllegalArgumentException("stepsPerFrame must be at least 1 (was " + stepsPerFrame + ")");
        }
        if (!(blend >= 0 && blend < 1)) {
            throw new IllegalArgumentException("blend must be in [0, 1) (was " + blend + ")");
        }
        if (!Double.isFinite(rotateDegrees) || !Double.isFinite(shiftX) || !Double.isFinite(shiftY)) {
            throw new IllegalArgumentException("rotate and shift must be finite numbers");
        }
    }

    /** The engine's settings for a spec's animation (its fps is the encoder's business, not the engine's). */
    public static ZoomSettings of(Animation a) {
        return new ZoomSettings(a.frames(), a.zoom(), a.rotate(), a.shift().dx(), a.shift().dy(), a.stepsPerFrame(),
                a.blend());
    }
}
