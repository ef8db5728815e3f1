package dev.oneira.shared.spec;

import dev.oneira.shared.text.InputEcho;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.function.DoubleConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A spec as text fields, the way the CLI and the web form give it.
 *
 * <p>Fields, by their spec names: {@code preset} (start from that preset instead of the defaults),
 * {@code model}, {@code layers} ({@code mixed3:1,mixed5:0.5}; a bare {@code mixed3} means weight 1),
 * {@code octaves} (shorthand {@code -2..2}, or one octave {@code 0}) or {@code octaveFrom} and
 * {@code octaveTo}, {@code octaveScale}, {@code stepsPerOctave}, {@code stepSize}, {@code tileSize},
 * {@code jitter}, {@code seed} (a number, or {@code random} for none), {@code maxSide},
 * {@code init} ({@code image} | {@code noise}), {@code detail} ({@code preserve} | {@code tutorial}),
 * {@code colors} ({@code dream} | {@code original}), {@code gradient} ({@code std} |
 * {@code laplacian}), {@code strength} (1..10: sets stepsPerOctave and stepSize from the preset's,
 * see {@link Strength}; stepsPerOctave or stepSize given as well win), {@code guide} and {@code mask}
 * ({@code true} | {@code false}: whether a guide image or mask comes with the photo). The animation
 * fields {@code frames}, {@code fps}, {@code zoom}, {@code rotate}, {@code shift} ({@code dx,dy}),
 * {@code stepsPerFrame} and {@code blend} make the spec an animation ({@link Animation}): given
 * any of them, the others take the preset's animation values, or {@link Animation#defaults()}; preset
 * {@code zoom} is an animation by itself. A layer term
 * may name one channel: {@code mixed4/97:1}. Blank values count as not given, so an empty form
 * input keeps the preset's value. When tileSize is given and jitter is not, a jitter equal to the old
 * tile size follows the new one.
 */
public final class DreamSpecFields {

    public static final String PRESET = "preset";
    public static final String MODEL = "model";
    public static final String LAYERS = "layers";
    public static final String OCTAVES = "octaves";
    public static final String OCTAVE_FROM = "octaveFrom";
    public static final String OCTAVE_TO = "octaveTo";
    public static final String OCTAVE_SCALE = "octaveScale";
    public static final String STEPS_PER_OCTAVE = "stepsPerOctave";
    public static final String STEP_SIZE = "stepSize";
    public static final String TILE_SIZE = "tileSize";
    public static final String JITTER = "jitter";
    public static final String SEED = "seed";
    public static final String MAX_SIDE = "maxSide";
    public static final String INIT = "init";
    public static final String DETAIL = "detail";
    public static final String COLORS = "colors";
    public static final String GRADIENT = "gradient";
    public static final String STRENGTH = "strength";
    public static final String GUIDE = "guide";
    public static final String MASK = "mask";
    public static final String FRAMES = "frames";
    public static final String FPS = "fps";
    public static final String ZOOM = "zoom";
    public static final String ROTATE = "rotate";
    public static final String SHIFT = "shift";
    public static final String STEPS_PER_FRAME = "stepsPerFrame";
    public static final String BLEND = "blend";

    /** The fields that make a spec an animation. */
    public static final List<String> ANIMATION = List.of(FRAMES, FPS, ZOOM, ROTATE, SHIFT, STEPS_PER_FRAME, BLEND);

    public static final List<String> KNOWN = List.of(PRESET, MODEL, LAYERS, OCTAVES, OCTAVE_FROM, OCTAVE_TO,
            OCTAVE_SCALE, STEPS_PER_OCTAVE, STEP_SIZE, TILE_SIZE, JITTER, SEED, MAX_SIDE, INIT, DETAIL, COLORS,
            GRADIENT, STRENGTH, GUIDE, MASK, FRAMES, FPS, ZOOM, ROTATE, SHIFT, STEPS_PER_FRAME, BLEND);

    /** The seed value that asks for a random seed. */
    public static final String RANDOM_SEED = "random";

    private static final Pattern WHOLE = Pattern.compile("[-+]?\\d+");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
    private static final Pattern OCTAVE_RANGE = Pattern.compile("([-+]?\\d{1,9})\\s*\\.\\.\\s*([-+]?\\d{1,9})");
    private static final Pattern LAYER_TARGET = Pattern.compile("([a-z0-9_]+)(?:/(\\d{1,6}))?");

    private final List<SpecViolation> found = new ArrayList<>();
    private DreamSpecBuilder builder;
    private Animation animation;

    private DreamSpecFields() {
    }

    /**
     * The spec these fields describe, validated.
     *
     * @throws InvalidSpecException with every problem: unknown fields, unknown preset (listing the
     *     known ones), values that are not numbers, and every bound the result breaks
     */
    public static DreamSpec parse(Map<String, String> fields) {
        DreamSpecFields parser = new DreamSpecFields();
        DreamSpec spec = parser.read(fields);
        List<SpecViolation> all = new ArrayList<>(parser.found);
        all.addAll(spec.violations());
        if (!all.isEmpty()) {
            throw new InvalidSpecException(all);
        }
        return spec;
    }

    /** The fields that {@link #parse} turns back into this spec (preset and seed only when set). */
    public static Map<String, String> toFields(DreamSpec spec) {
        Map<String, String> out = new LinkedHashMap<>();
        if (spec.preset() != null) {
            out.put(PRESET, spec.preset());
        }
        out.put(MODEL, spec.model());
        out.put(LAYERS, spec.layersText());
        out.put(OCTAVE_FROM, Integer.toString(spec.octaveFrom()));
        out.put(OCTAVE_TO, Integer.toString(spec.octaveTo()));
        out.put(OCTAVE_SCALE, Numbers.format(spec.octaveScale()));
        out.put(STEPS_PER_OCTAVE, Integer.toString(spec.stepsPerOctave()));
        out.put(STEP_SIZE, Numbers.format(spec.stepSize()));
        out.put(TILE_SIZE, Integer.toString(spec.tileSize()));
        out.put(JITTER, Integer.toString(spec.jitter()));
        if (spec.seed() != null) {
            out.put(SEED, Long.toString(spec.seed()));
        }
        out.put(MAX_SIDE, Integer.toString(spec.maxSide()));
        out.put(INIT, spec.init() == null ? null : spec.init().wireName());
        out.put(DETAIL, spec.detail() == null ? null : spec.detail().wireName());
        out.put(COLORS, spec.colors() == null ? null : spec.colors().wireName());
        out.put(GRADIENT, spec.gradient() == null ? null : spec.gradient().wireName());
        if (spec.strength() != null) {
            out.put(STRENGTH, Integer.toString(spec.strength()));
        }
        out.put(GUIDE, Boolean.toString(spec.guide()));
        out.put(MASK, Boolean.toString(spec.mask()));
        Animation a = spec.animation();
        if (a != null) {
            out.put(FRAMES, Integer.toString(a.frames()));
            out.put(FPS, Integer.toString(a.fps()));
            out.put(ZOOM, Numbers.format(a.zoom()));
            out.put(ROTATE, Numbers.format(a.rotate()));
            out.put(SHIFT, a.shift() == null ? null : a.shift().toString());
            out.put(STEPS_PER_FRAME, Integer.toString(a.stepsPerFrame()));
            out.put(BLEND, Numbers.format(a.blend()));
        }
        return out;
    }

    private DreamSpec read(Map<String, String> fields) {
        String presetName = given(fields, PRESET);
        builder = DreamSpec.builder();
        if (presetName != null) {
            Presets.byName(presetName).ifPresentOrElse(
                    p -> builder = p.spec().toBuilder(),
                    () -> found.add(Presets.unknown(presetName)));
        }
        for (String key : fields.keySet()) {
            if (!KNOWN.contains(key)) {
                found.add(new SpecViolation(key, "unknown field " + InputEcho.of(key) + "; known fields are "
                        + String.join(", ", KNOWN)));
            }
        }
        if (given(fields, OCTAVES) != null && (given(fields, OCTAVE_FROM) != null || given(fields, OCTAVE_TO) != null)) {
            found.add(new SpecViolation(OCTAVES, "octaves must not be given together with octaveFrom or octaveTo "
                    + "(was octaves " + InputEcho.of(given(fields, OCTAVES)) + "); give one or the other"));
        } else {
            readOctaves(given(fields, OCTAVES));
            readWhole(OCTAVE_FROM, given(fields, OCTAVE_FROM), DreamSpec.MIN_OCTAVE, DreamSpec.MAX_OCTAVE, builder::octaveFrom);
            readWhole(OCTAVE_TO, given(fields, OCTAVE_TO), DreamSpec.MIN_OCTAVE, DreamSpec.MAX_OCTAVE, builder::octaveTo);
        }
        String model = given(fields, MODEL);
        if (model != null) {
            builder.model(model);
        }
        readLayers(given(fields, LAYERS));
        // Strength first: it sets steps and step size from the preset's, and explicit ones win.
        readWhole(STRENGTH, given(fields, STRENGTH), DreamSpec.MIN_STRENGTH, DreamSpec.MAX_STRENGTH,
                strength -> Strength.apply(builder, strength));
        readDecimal(OCTAVE_SCALE, given(fields, OCTAVE_SCALE), builder::octaveScale);
        readWhole(STEPS_PER_OCTAVE, given(fields, STEPS_PER_OCTAVE),
                DreamSpec.MIN_STEPS_PER_OCTAVE, DreamSpec.MAX_STEPS_PER_OCTAVE, builder::stepsPerOctave);
        readDecimal(STEP_SIZE, given(fields, STEP_SIZE), builder::stepSize);
        readWhole(TILE_SIZE, given(fields, TILE_SIZE), DreamSpec.MIN_TILE_SIZE, DreamSpec.MAX_TILE_SIZE, builder::tileSize);
        readWhole(JITTER, given(fields, JITTER), DreamSpec.MIN_JITTER, DreamSpec.MAX_TILE_SIZE, builder::jitter);
        readWhole(MAX_SIDE, given(fields, MAX_SIDE), DreamSpec.MIN_MAX_SIDE, DreamSpec.MAX_MAX_SIDE, builder::maxSide);
        readSeed(given(fields, SEED));
        readChoice(INIT, given(fields, INIT), InitMode::fromWireName, InitMode.wireNames(), builder::init);
        readChoice(DETAIL, given(fields, DETAIL), OctaveDetail::fromWireName, OctaveDetail.wireNames(), builder::detail);
        readChoice(COLORS, given(fields, COLORS), ColorMode::fromWireName, ColorMode.wireNames(), builder::colors);
        readChoice(GRADIENT, given(fields, GRADIENT), GradientMode::fromWireName, GradientMode.wireNames(),
                builder::gradient);
        readBoolean(GUIDE, given(fields, GUIDE), builder::guide);
        readBoolean(MASK, given(fields, MASK), builder::mask);
        readAnimation(fields);
        return builder.build();
    }

    private void readAnimation(Map<String, String> fields) {
        if (ANIMATION.stream().allMatch(field -> given(fields, field) == null)) {
            return;
        }
        animation = builder.animation() == null ? Animation.defaults() : builder.animation();
        readWhole(FRAMES, given(fields, FRAMES), Animation.MIN_FRAMES, Animation.MAX_FRAMES,
                v -> animation = animation.withFrames(v));
        readWhole(FPS, given(fields, FPS), Animation.MIN_FPS, Animation.MAX_FPS, v -> animation = animation.withFps(v));
        readDecimal(ZOOM, given(fields, ZOOM), v -> animation = animation.withZoom(v));
        readDecimal(ROTATE, given(fields, ROTATE), v -> animation = animation.withRotate(v));
        String shift = given(fields, SHIFT);
        if (shift != null) {
            Animation.Shift.parse(shift).ifPresentOrElse(v -> animation = animation.withShift(v),
                    () -> found.add(new SpecViolation(SHIFT, "shift must be two numbers dx,dy in px per frame,"
                            + " e.g. 2,-1.5 (was " + InputEcho.of(shift) + ")")));
        }
        readWhole(STEPS_PER_FRAME, given(fields, STEPS_PER_FRAME), Animation.MIN_STEPS_PER_FRAME,
                Animation.MAX_STEPS_PER_FRAME, v -> animation = animation.withStepsPerFrame(v));
        readDecimal(BLEND, given(fields, BLEND), v -> animation = animation.withBlend(v));
        builder.animation(animation);
    }

    private static String given(Map<String, String> fields, String key) {
        String value = fields.get(key);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private void readOctaves(String text) {
        if (text == null) {
            return;
        }
        Matcher range = OCTAVE_RANGE.matcher(text);
        if (range.matches()) {
            builder.octaveFrom(Integer.parseInt(range.group(1))).octaveTo(Integer.parseInt(range.group(2)));
        } else if (WHOLE.matcher(text).matches() && text.length() <= 10) {
            int octave = Integer.parseInt(text);
            builder.octaveFrom(octave).octaveTo(octave);
        } else {
            found.add(new SpecViolation(OCTAVES, "octaves must be from..to, e.g. -2..2, or a single octave (was "
                    + InputEcho.of(text) + ")"));
        }
    }

    private void readLayers(String text) {
        if (text == null) {
            return;
        }
        List<LayerWeight> layers = new ArrayList<>();
        boolean ok = true;
        for (String entry : text.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] parts = entry.trim().split(":", -1);
            String name = parts[0].trim().toLowerCase(Locale.ROOT);
            String weight = parts.length == 2 ? parts[1].trim() : "1";
            Matcher target = LAYER_TARGET.matcher(name);
            if (parts.length > 2 || !target.matches() || !DECIMAL.matcher(weight).matches()) {
                found.add(new SpecViolation(LAYERS, "layers must be a comma-separated list of layer, layer:weight or"
                        + " layer/channel:weight, e.g. mixed3:1,mixed5:0.5 or mixed4/97:1 (was "
                        + InputEcho.of(entry.trim()) + " in " + InputEcho.of(text) + ")"));
                ok = false;
                continue;
            }
            Integer channel = target.group(2) == null ? null : Integer.valueOf(target.group(2));
            layers.add(new LayerWeight(target.group(1), channel, Double.parseDouble(weight)));
        }
        if (ok) {
            builder.layers(layers);
        }
    }

    private void readWhole(String field, String text, long min, long max, IntConsumer setter) {
        if (text == null) {
            return;
        }
        if (!WHOLE.matcher(text).matches()) {
            found.add(new SpecViolation(field, field + " must be a whole number (was " + InputEcho.of(text) + ")"));
            return;
        }
        BigInteger value = new BigInteger(text);
        if (value.bitLength() >= Integer.SIZE) {
            found.add(new SpecViolation(field, field + " must be between " + min + " and " + max + " (was "
                    + InputEcho.of(text) + ")"));
            return;
        }
        setter.accept(value.intValueExact());
    }

    private void readDecimal(String field, String text, DoubleConsumer setter) {
        if (text == null) {
            return;
        }
        if (!DECIMAL.matcher(text).matches()) {
            found.add(new SpecViolation(field, field + " must be a number (was " + InputEcho.of(text) + ")"));
            return;
        }
        setter.accept(Double.parseDouble(text));
    }

    private void readSeed(String text) {
        if (text == null) {
            return;
        }
        if (text.equalsIgnoreCase(RANDOM_SEED)) {
            builder.seed(null);
            return;
        }
        if (!WHOLE.matcher(text).matches()) {
            found.add(new SpecViolation(SEED, "seed must be a whole number or " + RANDOM_SEED + " (was "
                    + InputEcho.of(text) + ")"));
            return;
        }
        BigInteger value = new BigInteger(text);
        if (value.bitLength() >= Long.SIZE) {
            found.add(new SpecViolation(SEED, "seed must be between " + DreamSpec.MIN_SEED + " and "
                    + DreamSpec.MAX_SEED + " (was " + InputEcho.of(text) + ")"));
            return;
        }
        builder.seed(value.longValueExact());
    }

    private <E> void readChoice(String field, String text, java.util.function.Function<String, java.util.Optional<E>> lookup,
                                String allowed, java.util.function.Consumer<E> setter) {
        if (text == null) {
            return;
        }
        lookup.apply(text).ifPresentOrElse(setter, () -> found.add(new SpecViolation(field,
                field + " must be one of " + allowed + " (was " + InputEcho.of(text) + ")")));
    }

    private void readBoolean(String field, String text, java.util.function.Consumer<Boolean> setter) {
        if (text == null) {
            return;
        }
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            setter.accept(Boolean.parseBoolean(text));
        } else {
            found.add(new SpecViolation(field, field + " must be true or false (was " + InputEcho.of(text) + ")"));
        }
    }
}
