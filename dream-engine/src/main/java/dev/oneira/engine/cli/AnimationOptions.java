package dev.oneira.engine.cli;

import dev.oneira.shared.spec.Animation;
import dev.oneira.shared.spec.DreamSpecFields;
import picocli.CommandLine.Option;

import java.util.Map;

/**
 * The zoom animation's options, passed on as DreamSpec fields so that shared-model's parser owns
 * their names, bounds and defaults (the zoom preset's) as it does for the gallery and the API.
 */
final class AnimationOptions {
    @Option(names = "--frames", description = "frames in all, frame 0 included, " + Animation.MIN_FRAMES + " to " + Animation.MAX_FRAMES + " (default " + Animation.DEFAULT_FRAMES + ")")
    String frames;

    @Option(names = "--fps", description = "frames per second of the video, " + Animation.MIN_FPS + " to " + Animation.MAX_FPS + " (default " + Animation.DEFAULT_FPS + ")")
    String fps;

    @Option(names = "--zoom", description = "scale per frame about the centre, " + Animation.MIN_ZOOM + " to " + Animation.MAX_ZOOM + ": above 1 zooms in, below 1 out (default " + Animation.DEFAULT_ZOOM + ")")
    String zoom;

    @Option(names = "--rotate", paramLabel = "DEG", description = "degrees per frame, counter-clockwise when positive, " + Animation.MIN_ROTATE + " to " + Animation.MAX_ROTATE + " (default 0)")
    String rotate;

    @Option(names = "--shift", paramLabel = "DX,DY", description = "pixels per frame the picture moves right and down, each " + Animation.MIN_SHIFT + " to " + Animation.MAX_SHIFT + " (default 0,0)")
    String shift;

    @Option(names = "--steps-per-frame", description = "gradient steps dreamt on each frame after the first, " + Animation.MIN_STEPS_PER_FRAME + " to " + Animation.MAX_STEPS_PER_FRAME + " (default " + Animation.DEFAULT_STEPS_PER_FRAME + ")")
    String stepsPerFrame;

    @Option(names = "--blend", description = "share of the previous frame mixed in before dreaming, " + Animation.MIN_BLEND + " to " + Animation.MAX_BLEND + "; more steadies the picture and leaves trails (default 0)")
    String blend;

    /** Adds the options given to {@code fields}. */
    void addTo(Map<String, String> fields) {
        put(fields, DreamSpecFields.FRAMES, frames);
        put(fields, DreamSpecFields.FPS, fps);
        put(fields, DreamSpecFields.ZOOM, zoom);
        put(fields, DreamSpecFields.ROTATE, rotate);
        put(fields, DreamSpecFields.SHIFT, shift);
        put(fields, DreamSpecFields.STEPS_PER_FRAME, stepsPerFrame);
        put(fields, DreamSpecFields.BLEND, blend);
    }

    private static void put(Map<String, String> fields, String key, String value) {
        if (value != null) {
            fields.put(key, value);
        }
    }
}
