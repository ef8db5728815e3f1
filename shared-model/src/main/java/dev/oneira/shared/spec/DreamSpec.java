package dev.oneira.shared.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * Everything that decides how a dream looks: with the same photo, the same spec (seed included)
 * gives the same dream.
 *
 * <p>A record holds whatever it is given, so that a bad spec can be reported in full; call
 * {@link #validate()} (or {@link #violations()}) on every input path. The bounds, all as public
 * constants below:
 * <table>
 * <caption>Fields, bounds and defaults</caption>
 * <tr><th>field</th><th>allowed</th><th>default</th></tr>
 * <tr><td>model</td><td>{@value #MODEL_INCEPTION_V3} only</td><td>{@value #MODEL_INCEPTION_V3}</td></tr>
 * <tr><td>layers</td><td>1..6 entries, names in {@link #OFFERED_LAYERS} (mixed0..mixed5), each at most
 *     once, weights in [-10, 10], not all zero. mixed6..mixed10 are not offered: this model retrained
 *     them for NSFW classification.</td><td>mixed3:1, mixed5:1</td></tr>
 * <tr><td>octaveFrom, octaveTo</td><td>[-6, 6], from &lt;= to, at most 8 octaves</td><td>-4..0</td></tr>
 * <tr><td>octaveScale</td><td>[1.05, 2.0]</td><td>1.4</td></tr>
 * <tr><td>stepsPerOctave</td><td>[1, 200]</td><td>10</td></tr>
 * <tr><td>stepSize</td><td>[0.0001, 0.5]</td><td>0.015</td></tr>
 * <tr><td>tileSize</td><td>[128, 1024]</td><td>512</td></tr>
 * <tr><td>jitter</td><td>[0, tileSize]</td><td>tileSize</td></tr>
 * <tr><td>seed</td><td>null (chosen when the dream starts, then recorded) or [0, 2^53-1], so that
 *     JavaScript reads it exactly</td><td>null</td></tr>
 * <tr><td>maxSide</td><td>[64, 4096]</td><td>1024</td></tr>
 * <tr><td>init</td><td>image | noise</td><td>image</td></tr>
 * <tr><td>preset</td><td>null or 1..40 of a-z, 0-9, '-'; a label only, the other fields are what
 *     counts</td><td>null</td></tr>
 * <tr><td>detail</td><td>preserve | tutorial ({@link OctaveDetail})</td><td>preserve</td></tr>
 * <tr><td>colors</td><td>dream | original ({@link ColorMode})</td><td>dream</td></tr>
 * <tr><td>gradient</td><td>std | laplacian ({@link GradientMode})</td><td>std</td></tr>
 * <tr><td>strength</td><td>null or [1, 10]; a label of what set stepsPerOctave and stepSize
 *     ({@link Strength}), like preset</td><td>null</td></tr>
 * <tr><td>guide</td><td>true when the dream is pulled towards a guide image stored with it</td><td>false</td></tr>
 * <tr><td>mask</td><td>true when a mask stored with the dream says where it may dream (white) and
 *     where the photo is kept (black)</td><td>false</td></tr>
 * <tr><td>animation</td><td>null for a still, else a video ({@link Animation}: its own bounds); with
 *     it maxSide is at most {@value #MAX_ANIMATION_MAX_SIDE} and mask must be false</td><td>null</td></tr>
 * </table>
 *
 * <p>Layer terms may name one channel ({@code mixed4/97}); {@link #LAYER_CHANNELS} gives each layer's
 * range. Work is bounded too: the largest octave's longer side is at most {@value #MAX_OCTAVE_SIDE}
 * px ({@code maxSide x octaveScale^octaveTo}) and a dream at most {@value #MAX_WORK_MEGAPIXEL_STEPS}
 * megapixel-steps (the pixels of each octave, for a square photo, times stepsPerOctave, summed), so a
 * spec that would run a worker out of memory or for hours is refused before it is queued. An
 * animation's frames count towards the same bound: frame 0 is the dream above, each following frame
 * adds {@code stepsPerFrame x maxSide^2} (see {@link #workMegapixelSteps()}).
 *
 * <p>Octave {@code n} works on the photo scaled by {@code octaveScale^n} (after scaling its long side
 * to {@code maxSide}); octaves run from {@code octaveFrom} up to {@code octaveTo} inclusive, so
 * negative octaves are smaller than the photo. Each step rolls the image by a random offset of up to
 * {@code jitter} pixels on each axis so tile seams do not show.
 *
 * <p>JSON: the field names above; {@code layers} is a list of {@code {"layer":"mixed3","weight":1.0}};
 * {@code init} is "image" or "noise"; {@code animation} is left out for a still. Fields missing from
 * JSON take the defaults (jitter follows tileSize), unknown fields are ignored, so manifests written
 * before animations existed read as stills.
 */
@JsonDeserialize(builder = DreamSpecBuilder.class)
public record DreamSpec(
        String model,
        List<LayerWeight> layers,
        int octaveFrom,
        int octaveTo,
        double octaveScale,
        int stepsPerOctave,
        double stepSize,
        int tileSize,
        int jitter,
        Long seed,
        int maxSide,
        InitMode init,
        String preset,
        OctaveDetail detail,
        ColorMode colors,
        GradientMode gradient,
        Integer strength,
        boolean guide,
        boolean mask,
        @JsonInclude(JsonInclude.Include.NON_NULL) Animation animation) {

    public static final String MODEL_INCEPTION_V3 = "inception-v3";
    public static final List<String> OFFERED_MODELS = List.of(MODEL_INCEPTION_V3);

    /** Layers a dream may use, shallow to deep. */
    public static final List<String> OFFERED_LAYERS =
            List.of("mixed0", "mixed1", "mixed2", "mixed3", "mixed4", "mixed5");
    /** Deeper layers of the model that were retrained for NSFW classification, so are not offered. */
    public static final List<String> RETRAINED_LAYERS =
            List.of("mixed6", "mixed7", "mixed8", "mixed9", "mixed10");

    public static final int MIN_LAYERS = 1;
    public static final int MAX_LAYERS = 6;
    public static final double MIN_LAYER_WEIGHT = -10;
    public static final double MAX_LAYER_WEIGHT = 10;
    public static final int MIN_OCTAVE = -6;
    public static final int MAX_OCTAVE = 6;
    public static final int MAX_OCTAVE_COUNT = 8;
    public static final double MIN_OCTAVE_SCALE = 1.05;
    public static final double MAX_OCTAVE_SCALE = 2.0;
    public static final int MIN_STEPS_PER_OCTAVE = 1;
    public static final int MAX_STEPS_PER_OCTAVE = 200;
    public static final double MIN_STEP_SIZE = 0.0001;
    public static final double MAX_STEP_SIZE = 0.5;
    public static final int MIN_TILE_SIZE = 128;
    public static final int MAX_TILE_SIZE = 1024;
    public static final int MIN_JITTER = 0;
    public static final long MIN_SEED = 0;
    /** 2^53-1: the largest integer a JavaScript number holds exactly. */
    public static final long MAX_SEED = (1L << 53) - 1;
    public static final int MIN_MAX_SIDE = 64;
    public static final int MAX_MAX_SIDE = 4096;
    public static final int MAX_PRESET_NAME_LENGTH = 40;
    public static final int MIN_STRENGTH = 1;
    public static final int MAX_STRENGTH = 10;
    /** The longest side any octave may have: maxSide x octaveScale^octaveTo. */
    public static final int MAX_OCTAVE_SIDE = 4096;
    /** Work bound: sum over octaves of (octave side)^2 x stepsPerOctave, in megapixel-steps. */
    public static final int MAX_WORK_MEGAPIXEL_STEPS = 2000;
    /** The largest maxSide of an animation: every frame has that size and is dreamt again. */
    public static final int MAX_ANIMATION_MAX_SIDE = 2048;

    /**
     * Channels of each offered layer (Keras InceptionV3), for terms like {@code mixed4/97}: a channel
     * is 0 up to the count minus one.
     */
    public static final java.util.Map<String, Integer> LAYER_CHANNELS = java.util.Map.of(
            "mixed0", 256, "mixed1", 288, "mixed2", 288, "mixed3", 768, "mixed4", 768, "mixed5", 768);

    public static final List<LayerWeight> DEFAULT_LAYERS =
            List.of(LayerWeight.of("mixed3", 1), LayerWeight.of("mixed5", 1));
    // The classic preset (see Presets): octaves from about a quarter of the photo up to its own size
    // grow shapes large enough to see at any size, and cost a third of -2..2 at scale 1.3.
    public static final int DEFAULT_OCTAVE_FROM = -4;
    public static final int DEFAULT_OCTAVE_TO = 0;
    public static final double DEFAULT_OCTAVE_SCALE = 1.4;
    public static final int DEFAULT_STEPS_PER_OCTAVE = 10;
    public static final double DEFAULT_STEP_SIZE = 0.015;
    public static final int DEFAULT_TILE_SIZE = 512;
    public static final int DEFAULT_MAX_SIDE = 1024;
    public static final InitMode DEFAULT_INIT = InitMode.IMAGE;
    public static final OctaveDetail DEFAULT_DETAIL = OctaveDetail.PRESERVE;
    public static final ColorMode DEFAULT_COLORS = ColorMode.DREAM;
    public static final GradientMode DEFAULT_GRADIENT = GradientMode.STD;

    public DreamSpec {
        // Null entries are kept (not rejected here) so that validation can report them with the rest.
        layers = layers == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(layers));
    }

    /** A still (no animation): the form of the record before animations existed. */
    public DreamSpec(String model, List<LayerWeight> layers, int octaveFrom, int octaveTo, double octaveScale,
                     int stepsPerOctave, double stepSize, int tileSize, int jitter, Long seed, int maxSide,
                     InitMode init, String preset, OctaveDetail detail, ColorMode colors, GradientMode gradient,
                     Integer strength, boolean guide, boolean mask) {
        this(model, layers, octaveFrom, octaveTo, octaveScale, stepsPerOctave, stepSize, tileSize, jitter, seed,
                maxSide, init, preset, detail, colors, gradient, strength, guide, mask, null);
    }

    /** The defaults above, no seed, no preset. */
    public static DreamSpec defaults() {
        return builder().build();
    }

    /** A builder starting from {@link #defaults()}. */
    public static DreamSpecBuilder builder() {
        return new DreamSpecBuilder();
    }

    /** A builder starting from this spec; jitter keeps following tileSize if it equals it now. */
    public DreamSpecBuilder toBuilder() {
        return new DreamSpecBuilder(this);
    }

    /** Every violation of the documented bounds; empty when the spec is usable. */
    public List<SpecViolation> violations() {
        return DreamSpecValidator.violations(this);
    }

    /** This spec if it is usable, else an {@link InvalidSpecException} listing every violation. */
    public DreamSpec validate() {
        List<SpecViolation> found = violations();
        if (!found.isEmpty()) {
            throw new InvalidSpecException(found);
        }
        return this;
    }

    /** Number of octaves dreamt: octaveFrom..octaveTo inclusive. */
    public int octaveCount() {
        return octaveTo - octaveFrom + 1;
    }

    /**
     * The work this spec asks for, in megapixel-steps, for the worst case of a square photo: each
     * octave's side (maxSide x octaveScale^n) squared, times stepsPerOctave, summed; for an animation
     * that is frame 0, and each following frame adds maxSide^2 x stepsPerFrame.
     */
    public double workMegapixelSteps() {
        return stillWorkMegapixelSteps() + framesWorkMegapixelSteps();
    }

    /** The octaves' part of {@link #workMegapixelSteps()}: a still, or an animation's frame 0. */
    public double stillWorkMegapixelSteps() {
        double total = 0;
        for (int n = octaveFrom; n <= octaveTo; n++) {
            double side = maxSide * Math.pow(octaveScale, n);
            total += side * side * stepsPerOctave / 1e6;
        }
        return total;
    }

    /** The following frames' part of {@link #workMegapixelSteps()}: 0 for a still. */
    public double framesWorkMegapixelSteps() {
        if (animation == null) {
            return 0;
        }
        return (double) maxSide * maxSide * animation.stepsPerFrame() * animation.followingFrames() / 1e6;
    }

    /** The longer side of the largest octave, for a photo whose longer side is maxSide. */
    public double largestOctaveSide() {
        return maxSide * Math.pow(octaveScale, Math.max(octaveFrom, octaveTo));
    }

    /** Gradient steps in the whole dream: the octaves', plus for an animation those of each following frame. */
    public int totalSteps() {
        return stillSteps() + (animation == null ? 0 : animation.followingFrames() * animation.stepsPerFrame());
    }

    /** Gradient steps of the octaves: a still, or an animation's frame 0. */
    public int stillSteps() {
        return octaveCount() * stepsPerOctave;
    }

    /** The deepest layer asked for (the network can stop there); only meaningful on a valid spec. */
    public String deepestLayer() {
        return layers.stream()
                .map(LayerWeight::layer)
                .max((a, b) -> Integer.compare(OFFERED_LAYERS.indexOf(a), OFFERED_LAYERS.indexOf(b)))
                .orElseThrow(() -> new IllegalStateException("spec has no layers"));
    }

    /** Layers in the compact text form, e.g. {@code mixed3:1,mixed5:0.5}. */
    public String layersText() {
        return layers.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    public DreamSpec withSeed(long seed) {
        return toBuilder().seed(seed).build();
    }

    public DreamSpec withoutSeed() {
        return toBuilder().seed(null).build();
    }

    /** This spec if it has a seed, else a copy with a seed drawn from [0, 2^53-1]. */
    public DreamSpec withSeedChosenIfAbsent(RandomGenerator random) {
        return seed != null ? this : withSeed(random.nextLong(MIN_SEED, MAX_SEED + 1));
    }

    public DreamSpec withSeedChosenIfAbsent() {
        return withSeedChosenIfAbsent(ThreadLocalRandom.current());
    }

    public DreamSpec withLayers(List<LayerWeight> layers) {
        return toBuilder().layers(layers).build();
    }

    public DreamSpec withOctaves(int from, int to) {
        return toBuilder().octaveFrom(from).octaveTo(to).build();
    }

    public DreamSpec withOctaveScale(double octaveScale) {
        return toBuilder().octaveScale(octaveScale).build();
    }

    public DreamSpec withStepsPerOctave(int stepsPerOctave) {
        return toBuilder().stepsPerOctave(stepsPerOctave).build();
    }

    public DreamSpec withStepSize(double stepSize) {
        return toBuilder().stepSize(stepSize).build();
    }

    /** Also moves jitter along if it equalled the old tile size. */
    public DreamSpec withTileSize(int tileSize) {
        return toBuilder().tileSize(tileSize).build();
    }

    public DreamSpec withJitter(int jitter) {
        return toBuilder().jitter(jitter).build();
    }

    public DreamSpec withMaxSide(int maxSide) {
        return toBuilder().maxSide(maxSide).build();
    }

    public DreamSpec withInit(InitMode init) {
        return toBuilder().init(init).build();
    }

    public DreamSpec withPreset(String preset) {
        return toBuilder().preset(preset).build();
    }

    public DreamSpec withModel(String model) {
        return toBuilder().model(model).build();
    }

    public DreamSpec withDetail(OctaveDetail detail) {
        return toBuilder().detail(detail).build();
    }

    public DreamSpec withColors(ColorMode colors) {
        return toBuilder().colors(colors).build();
    }

    public DreamSpec withGradient(GradientMode gradient) {
        return toBuilder().gradient(gradient).build();
    }

    /** Records the strength label only; {@link Strength#apply} also sets the steps it stands for. */
    public DreamSpec withStrength(Integer strength) {
        return toBuilder().strength(strength).build();
    }

    public DreamSpec withGuide(boolean guide) {
        return toBuilder().guide(guide).build();
    }

    public DreamSpec withMask(boolean mask) {
        return toBuilder().mask(mask).build();
    }

    /** null makes it a still. */
    public DreamSpec withAnimation(Animation animation) {
        return toBuilder().animation(animation).build();
    }
}
