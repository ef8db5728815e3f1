package dev.oneira.gallery.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.oneira.shared.spec.Animation;
import dev.oneira.shared.spec.DreamSpec;
import dev.oneira.shared.spec.DreamSpecFields;
import dev.oneira.shared.spec.Preset;
import dev.oneira.shared.spec.Presets;

/**
 * The form's "Endless zoom" knobs: the animation fields with their bounds (from {@link Animation}),
 * left empty so the preset's values count (placeholders show them), and what the page's script needs
 * to turn length, direction and speed into frames and zoom and to estimate the time
 * ({@link ZoomEstimate}). Empty animation fields send nothing, so a still stays a still.
 */
public final class AnimationForm {

    /**
     * The speed knob's steps 1..5 as multiples of the preset's zoom step (its zoom minus 1): step 3 is
     * the preset as tuned (1.03 gives 1.01, 1.02, 1.03, 1.05, 1.08); zooming out is the inverse.
     */
    static final double[] SPEED_MULTIPLES = {1.0 / 3, 2.0 / 3, 1, 5.0 / 3, 8.0 / 3};

    private final Map<String, String> prefill;
    private final String chosen;

    /** @param chosen the preset the form starts on, or null */
    AnimationForm(Map<String, String> prefill, String chosen) {
        this.prefill = prefill;
        this.chosen = chosen;
    }

    /** The preset the knobs start from: the chosen one if it is an animation, else the first animation preset. */
    Preset preset() {
        return Optional.ofNullable(chosen).flatMap(Presets::byName).filter(p -> p.spec().animation() != null)
                .or(() -> Presets.ANIMATIONS.stream().findFirst())
                .orElseThrow(() -> new IllegalStateException("no animation preset"));
    }

    /** The knobs are shown from the start when an animation is chosen or one of its fields is prefilled. */
    public boolean open() {
        return Presets.byName(chosen).map(p -> p.spec().animation() != null).orElse(false)
                || DreamSpecFields.ANIMATION.stream().anyMatch(prefill::containsKey);
    }

    /** Names of the presets that are animations, space-separated, for the script. */
    public String animationPresets() {
        return Presets.ANIMATIONS.stream().map(Preset::name)
                .collect(Collectors.joining(" "));
    }

    private Animation defaults() {
        return preset().spec().animation();
    }

    /** Length, fps and zoom: the fields the knobs drive (and that people without scripts type). */
    public List<DreamForm.Field> main() {
        Animation a = defaults();
        List<DreamForm.Field> out = new ArrayList<>();
        out.add(field(DreamSpecFields.FRAMES, "Frames", Animation.MIN_FRAMES, Animation.MAX_FRAMES, "1",
                Animation.MIN_FRAMES + " to " + Animation.MAX_FRAMES + ", the first included; length = frames / fps",
                Integer.toString(a.frames())));
        out.add(field(DreamSpecFields.FPS, "Frames per second", Animation.MIN_FPS, Animation.MAX_FPS, "1",
                Animation.MIN_FPS + " to " + Animation.MAX_FPS, Integer.toString(a.fps())));
        out.add(field(DreamSpecFields.ZOOM, "Zoom per frame", Animation.MIN_ZOOM, Animation.MAX_ZOOM, "0.001",
                DreamForm.fmt(Animation.MIN_ZOOM) + " to " + DreamForm.fmt(Animation.MAX_ZOOM)
                        + ": above 1 zooms in, below 1 zooms out", DreamForm.num(a.zoom())));
        out.add(field(DreamSpecFields.ROTATE, "Rotation per frame (degrees)", Animation.MIN_ROTATE,
                Animation.MAX_ROTATE, "0.1", DreamForm.fmt(Animation.MIN_ROTATE) + " to "
                        + DreamForm.fmt(Animation.MAX_ROTATE) + "; 0 keeps it straight", DreamForm.num(a.rotate())));
        return out;
    }

    /** Shift, steps per frame and blend: for people who know what they do. */
    public List<DreamForm.Field> expert() {
        Animation a = defaults();
        List<DreamForm.Field> out = new ArrayList<>();
        out.add(new DreamForm.Field(DreamSpecFields.SHIFT, "Shift per frame (px: dx,dy)", "text", null, null, null,
                "two numbers, each " + DreamForm.fmt(Animation.MIN_SHIFT) + " to " + DreamForm.fmt(Animation.MAX_SHIFT)
                        + ", e.g. 2,-1.5 (right and up)", prefill.get(DreamSpecFields.SHIFT), a.shift().toString()));
        out.add(field(DreamSpecFields.STEPS_PER_FRAME, "Steps per frame", Animation.MIN_STEPS_PER_FRAME,
                Animation.MAX_STEPS_PER_FRAME, "1", Animation.MIN_STEPS_PER_FRAME + " to "
                        + Animation.MAX_STEPS_PER_FRAME + "; more dreams more into each frame, and takes longer",
                Integer.toString(a.stepsPerFrame())));
        out.add(field(DreamSpecFields.BLEND, "Blend with the previous frame", Animation.MIN_BLEND, Animation.MAX_BLEND,
                "0.05", DreamForm.fmt(Animation.MIN_BLEND) + " (none) to " + DreamForm.fmt(Animation.MAX_BLEND)
                        + ": smoother, slower change", DreamForm.num(a.blend())));
        return out;
    }

    private DreamForm.Field field(String name, String label, double min, double max, String step, String hint,
                                  String placeholder) {
        return new DreamForm.Field(name, label, "number", DreamForm.fmt(min), DreamForm.fmt(max), step, hint,
                prefill.get(name), placeholder);
    }

    /** "3 s (72 frames at 24 fps)": the length the knob starts at. */
    public String length() {
        Animation a = defaults();
        return DreamForm.num(Math.round(a.seconds() * 10) / 10.0) + " s (" + a.frames() + " frames at " + a.fps()
                + " fps)";
    }

    /** The speed knob's zoom factors (steps 1..5, zooming in), as JSON for the script. */
    public String speeds() {
        double z = defaults().zoom();
        double step = Math.abs((z >= 1 ? z : 1 / z) - 1);
        return java.util.Arrays.stream(SPEED_MULTIPLES)
                .map(m -> Math.min(Animation.MAX_ZOOM, Math.round((1 + m * step) * 1000) / 1000.0))
                .mapToObj(DreamForm::num).collect(Collectors.joining(",", "[", "]"));
    }

    /**
     * What the script needs for the estimate: seconds per megapixel-step and, per animation preset,
     * its octaves and size (frame 0) and its animation values (the placeholders hold those too).
     */
    public String estimateData() {
        String presets = Presets.ANIMATIONS.stream().map(p -> {
            DreamSpec s = p.spec();
            return "\"" + p.name() + "\":{\"octaveFrom\":" + s.octaveFrom() + ",\"octaveTo\":" + s.octaveTo()
                    + ",\"octaveScale\":" + DreamForm.num(s.octaveScale()) + ",\"maxSide\":" + s.maxSide() + "}";
        }).collect(Collectors.joining(","));
        return "{\"secondsPerMegapixelStep\":" + DreamForm.num(ZoomEstimate.SECONDS_PER_MEGAPIXEL_STEP)
                + ",\"presets\":{" + presets + "}}";
    }

    /** The estimate before any script runs: the preset on a square photo at its size. */
    public String estimate() {
        DreamSpec s = preset().spec();
        return ZoomEstimate.words(ZoomEstimate.seconds(s, s.maxSide(), s.maxSide())) + " for a square photo with "
                + preset().title() + " as it is";
    }

    /** Seconds per megapixel-step, for the words under the estimate. */
    public String secondsPerMegapixelStep() {
        return DreamForm.num(ZoomEstimate.SECONDS_PER_MEGAPIXEL_STEP);
    }
}
