package dev.oneira.shared.spec;

import static dev.oneira.shared.spec.DreamSpec.*;

import dev.oneira.shared.text.InputEcho;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The checks behind {@link DreamSpec#violations()}; each message names field, allowed range and value. */
final class DreamSpecValidator {

    private static final Pattern PRESET_NAME = Pattern.compile("[a-z0-9-]{1," + MAX_PRESET_NAME_LENGTH + "}");

    private final List<SpecViolation> found = new ArrayList<>();

    private DreamSpecValidator() {
    }

    static List<SpecViolation> violations(DreamSpec spec) {
        DreamSpecValidator v = new DreamSpecValidator();
        v.checkModel(spec.model());
        v.checkLayers(spec.layers());
        v.checkOctaves(spec.octaveFrom(), spec.octaveTo());
        v.range("octaveScale", spec.octaveScale(), MIN_OCTAVE_SCALE, MAX_OCTAVE_SCALE);
        v.range("stepsPerOctave", spec.stepsPerOctave(), MIN_STEPS_PER_OCTAVE, MAX_STEPS_PER_OCTAVE);
        v.range("stepSize", spec.stepSize(), MIN_STEP_SIZE, MAX_STEP_SIZE);
        v.range("tileSize", spec.tileSize(), MIN_TILE_SIZE, MAX_TILE_SIZE);
        if (spec.jitter() < MIN_JITTER || spec.jitter() > spec.tileSize()) {
            v.add("jitter", "jitter must be between " + MIN_JITTER + " and the tileSize " + spec.tileSize()
                    + " (was " + spec.jitter() + ")");
        }
        if (spec.seed() != null) {
            v.range("seed", spec.seed(), MIN_SEED, MAX_SEED);
        }
        v.range("maxSide", spec.maxSide(), MIN_MAX_SIDE, MAX_MAX_SIDE);
        if (spec.init() == null) {
            v.add("init", "init must be one of " + InitMode.wireNames() + " (was missing)");
        }
        v.choice("detail", spec.detail(), OctaveDetail.wireNames());
        v.choice("colors", spec.colors(), ColorMode.wireNames());
        v.choice("gradient", spec.gradient(), GradientMode.wireNames());
        if (spec.strength() != null) {
            v.range("strength", spec.strength(), MIN_STRENGTH, MAX_STRENGTH);
        }
        if (spec.animation() != null) {
            v.checkAnimation(spec);
        }
        if (v.found.isEmpty()) {
            v.checkWork(spec);
        }
        if (spec.preset() != null && !PRESET_NAME.matcher(spec.preset()).matches()) {
            v.add("preset", "preset must be 1 to " + MAX_PRESET_NAME_LENGTH
                    + " lowercase letters, digits or dashes (was " + InputEcho.of(spec.preset()) + ")");
        }
        return List.copyOf(v.found);
    }

    private void choice(String field, Object value, String allowed) {
        if (value == null) {
            add(field, field + " must be one of " + allowed + " (was missing)");
        }
    }

    /** Only on an otherwise valid spec: the bounds of each field keep these products finite. */
    private void checkWork(DreamSpec spec) {
        double side = spec.largestOctaveSide();
        if (side > MAX_OCTAVE_SIDE) {
            add("octaveTo", String.format(java.util.Locale.ROOT, "the largest octave must be at most %d px on its longer"
                    + " side, maxSide x octaveScale^octaveTo (was %d x %s^%d = %.0f px); lower maxSide, octaveScale"
                    + " or octaveTo", MAX_OCTAVE_SIDE, spec.maxSide(), Numbers.format(spec.octaveScale()),
                    Math.max(spec.octaveFrom(), spec.octaveTo()), side));
        }
        double work = spec.workMegapixelSteps();
        if (work > MAX_WORK_MEGAPIXEL_STEPS && spec.animation() != null) {
            Animation a = spec.animation();
            add("frames", String.format(java.util.Locale.ROOT, "an animation may take at most %d megapixel-steps"
                    + " (frame 0's octaves, %.0f, plus (frames - 1) x stepsPerFrame x maxSide^2, %d x %d x %d^2 ="
                    + " %.0f; was %.0f in all); lower frames, stepsPerFrame, maxSide or stepsPerOctave",
                    MAX_WORK_MEGAPIXEL_STEPS, spec.stillWorkMegapixelSteps(), a.followingFrames(), a.stepsPerFrame(),
                    spec.maxSide(), spec.framesWorkMegapixelSteps(), work));
        } else if (work > MAX_WORK_MEGAPIXEL_STEPS) {
            add("stepsPerOctave", String.format(java.util.Locale.ROOT, "a dream may take at most %d megapixel-steps"
                    + " (each octave's pixels for a square photo of maxSide, times stepsPerOctave, summed; was %.0f"
                    + " for maxSide %d, octaves %d..%d at scale %s, %d steps per octave); lower stepsPerOctave,"
                    + " maxSide or the octaves", MAX_WORK_MEGAPIXEL_STEPS, work, spec.maxSide(), spec.octaveFrom(),
                    spec.octaveTo(), Numbers.format(spec.octaveScale()), spec.stepsPerOctave()));
        }
    }

    /** An animation's own bounds, and what it rules out in the rest of the spec. */
    private void checkAnimation(DreamSpec spec) {
        Animation a = spec.animation();
        if (a.kind() == null) {
            add("kind", "kind must be one of " + AnimationKind.wireNames() + " (was missing)");
        }
        range("frames", a.frames(), Animation.MIN_FRAMES, Animation.MAX_FRAMES);
        range("fps", a.fps(), Animation.MIN_FPS, Animation.MAX_FPS);
        range("zoom", a.zoom(), Animation.MIN_ZOOM, Animation.MAX_ZOOM);
        range("rotate", a.rotate(), Animation.MIN_ROTATE, Animation.MAX_ROTATE);
        Animation.Shift shift = a.shift();
        if (shift == null) {
            add("shift", "shift must be two numbers dx,dy, each between " + Numbers.format(Animation.MIN_SHIFT)
                    + " and " + Numbers.format(Animation.MAX_SHIFT) + " px per frame (was missing)");
        } else if (!(Math.abs(shift.dx()) <= Animation.MAX_SHIFT && Math.abs(shift.dy()) <= Animation.MAX_SHIFT)) {
            add("shift", "shift must be two numbers dx,dy, each between " + Numbers.format(Animation.MIN_SHIFT)
                    + " and " + Numbers.format(Animation.MAX_SHIFT) + " px per frame (was " + shift + ")");
        }
        range("stepsPerFrame", a.stepsPerFrame(), Animation.MIN_STEPS_PER_FRAME, Animation.MAX_STEPS_PER_FRAME);
        range("blend", a.blend(), Animation.MIN_BLEND, Animation.MAX_BLEND);
        if (spec.maxSide() > MAX_ANIMATION_MAX_SIDE && spec.maxSide() <= MAX_MAX_SIDE) {
            add("maxSide", "maxSide must be at most " + MAX_ANIMATION_MAX_SIDE + " for an animation, every frame"
                    + " has that size (was " + spec.maxSide() + ")");
        }
        if (spec.mask()) {
            add("mask", "a mask cannot be used with an animation: every frame is dreamt whole (was mask true);"
                    + " leave out the mask or the animation");
        }
    }

    private void checkModel(String model) {
        if (model == null || !OFFERED_MODELS.contains(model)) {
            add("model", "model must be one of " + String.join(", ", OFFERED_MODELS) + " (was "
                    + (model == null ? "missing" : InputEcho.of(model)) + ")");
        }
    }

    private void checkLayers(List<LayerWeight> layers) {
        if (layers.size() < MIN_LAYERS || layers.size() > MAX_LAYERS) {
            add("layers", "layers must have between " + MIN_LAYERS + " and " + MAX_LAYERS + " entries (was "
                    + layers.size() + ")");
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        boolean anyNonZero = false;
        boolean anyEntry = false;
        for (int i = 0; i < layers.size(); i++) {
            LayerWeight entry = layers.get(i);
            if (entry == null || entry.layer() == null) {
                add("layers", "layers[" + i + "] must name one of " + String.join(", ", OFFERED_LAYERS)
                        + " (was missing)");
                continue;
            }
            anyEntry = true;
            String name = entry.layer();
            if (!OFFERED_LAYERS.contains(name)) {
                add("layers", "layers[" + i + "] must name one of " + String.join(", ", OFFERED_LAYERS) + " (was "
                        + InputEcho.of(name) + ")" + (RETRAINED_LAYERS.contains(name) ? retrainedNote() : ""));
            } else if (entry.channel() != null
                    && (entry.channel() < 0 || entry.channel() >= LAYER_CHANNELS.get(name))) {
                add("layers", "layers[" + i + "] channel of " + name + " must be between 0 and "
                        + (LAYER_CHANNELS.get(name) - 1) + " (was " + entry.channel() + "); channels per layer: "
                        + channelRanges());
            }
            counts.merge(entry.target(), 1, Integer::sum);
            double w = entry.weight();
            if (!(w >= MIN_LAYER_WEIGHT && w <= MAX_LAYER_WEIGHT)) {
                add("layers", "layers[" + i + "] weight for " + InputEcho.of(name) + " must be between "
                        + Numbers.format(MIN_LAYER_WEIGHT) + " and " + Numbers.format(MAX_LAYER_WEIGHT) + " (was "
                        + Numbers.format(w) + ")");
            }
            anyNonZero |= w != 0;
        }
        counts.forEach((name, count) -> {
            if (count > 1) {
                add("layers", "layers must name each layer or layer/channel at most once (" + InputEcho.of(name)
                        + " was given " + count + " times)");
            }
        });
        if (anyEntry && !anyNonZero) {
            add("layers", "layers weights must not all be zero (was "
                    + layers.stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElse("") + ")");
        }
    }

    /** "mixed0 0-255, mixed1 0-287, ...": for messages. */
    static String channelRanges() {
        StringBuilder out = new StringBuilder();
        for (String layer : OFFERED_LAYERS) {
            out.append(out.length() == 0 ? "" : ", ").append(layer).append(" 0-").append(LAYER_CHANNELS.get(layer) - 1);
        }
        return out.toString();
    }

    private static String retrainedNote() {
        return "; " + RETRAINED_LAYERS.get(0) + " to " + RETRAINED_LAYERS.get(RETRAINED_LAYERS.size() - 1)
                + " were retrained for NSFW classification in this model and are not offered";
    }

    private void checkOctaves(int from, int to) {
        boolean fromOk = range("octaveFrom", from, MIN_OCTAVE, MAX_OCTAVE);
        boolean toOk = range("octaveTo", to, MIN_OCTAVE, MAX_OCTAVE);
        if (!fromOk || !toOk) {
            return;
        }
        if (from > to) {
            add("octaveTo", "octaveTo must be at least octaveFrom (was octaveFrom " + from + ", octaveTo " + to + ")");
        } else if (to - from + 1 > MAX_OCTAVE_COUNT) {
            add("octaves", "octaves must span at most " + MAX_OCTAVE_COUNT + " octaves, octaveFrom to octaveTo inclusive"
                    + " (was " + from + ".." + to + ", " + (to - from + 1) + " octaves)");
        }
    }

    private boolean range(String field, long value, long min, long max) {
        if (value < min || value > max) {
            add(field, field + " must be between " + min + " and " + max + " (was " + value + ")");
            return false;
        }
        return true;
    }

    private void range(String field, double value, double min, double max) {
        // Written so that NaN fails too.
        if (!(value >= min && value <= max)) {
            add(field, field + " must be between " + Numbers.format(min) + " and " + Numbers.format(max) + " (was "
                    + Numbers.format(value) + ")");
        }
    }

    private void add(String field, String message) {
        found.add(new SpecViolation(field, message));
    }
}
