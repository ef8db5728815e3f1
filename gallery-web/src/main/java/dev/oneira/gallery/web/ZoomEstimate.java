package dev.oneira.gallery.web;

import java.util.Locale;

import dev.oneira.shared.spec.Animation;
import dev.oneira.shared.spec.DreamSpec;

/**
 * How long an animation will take, shown before it is sent: an estimate, not a promise. Work is
 * counted in megapixel-steps as DreamSpec's work bound counts it, but for the photo's own size
 * rather than the square worst case: frame 0's octaves plus {@code (frames - 1) x stepsPerFrame x}
 * the frame's megapixels. The page's script computes the same formula as the knobs move (app.js,
 * {@code zoomEstimate}); this class gives the figure the page shows before any script runs.
 *
 * <p>{@link #SECONDS_PER_MEGAPIXEL_STEP}: docs/benchmarks.md measured the engine at 1.730 s per
 * gradient step on 1024x768 (0.786 MP) and 0.345 s on 500x375 (0.19 MP) with 2 threads of a 2-core
 * machine: 2.2 and 1.8 s per megapixel-step; the larger, slower figure is used. Zooming, encoding and
 * storing frames are not in it (not measured), nor another worker's speed.
 */
public final class ZoomEstimate {

    /** Seconds per megapixel-step of a 2-core CPU worker (docs/benchmarks.md, 1024x768: 1.730 s / 0.786 MP). */
    public static final double SECONDS_PER_MEGAPIXEL_STEP = 2.2;

    private ZoomEstimate() {
    }

    /** Work of the spec's dream on a photo of {@code width x height} (already fitted to maxSide), in megapixel-steps. */
    public static double megapixelSteps(DreamSpec spec, int width, int height) {
        double framePixels = (double) width * height;
        double octaves = 0;
        for (int n = spec.octaveFrom(); n <= spec.octaveTo(); n++) {
            octaves += framePixels * Math.pow(spec.octaveScale(), 2.0 * n) * spec.stepsPerOctave();
        }
        Animation a = spec.animation();
        double frames = a == null ? 0 : framePixels * a.stepsPerFrame() * a.followingFrames();
        return (octaves + frames) / 1e6;
    }

    /** Estimated seconds on one CPU worker. */
    public static double seconds(DreamSpec spec, int width, int height) {
        return megapixelSteps(spec, width, height) * SECONDS_PER_MEGAPIXEL_STEP;
    }

    /** "about 40 s", "about 3 min", "about 1 h 20 min": rounded as an estimate deserves. */
    public static String words(double seconds) {
        if (seconds < 60) {
            return "about " + Math.max(5, Math.round(seconds / 5) * 5) + " s";
        }
        long minutes = Math.round(seconds / 60);
        if (minutes < 60) {
            return "about " + minutes + " min";
        }
        return String.format(Locale.ROOT, "about %d h %d min", minutes / 60, minutes % 60);
    }
}
