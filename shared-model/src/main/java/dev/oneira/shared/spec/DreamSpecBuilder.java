package dev.oneira.shared.spec;

import static dev.oneira.shared.spec.DreamSpec.*;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import java.util.List;
import java.util.Objects;

/**
 * Mutable builder, starting from the defaults. Jackson reads spec JSON through it, which is why
 * missing JSON fields take the defaults. A jitter never set follows the tile size.
 */
@JsonPOJOBuilder(withPrefix = "")
@JsonIgnoreProperties(ignoreUnknown = true)
public final class DreamSpecBuilder {
    private String model = MODEL_INCEPTION_V3;
    private List<LayerWeight> layers = DEFAULT_LAYERS;
    private int octaveFrom = DEFAULT_OCTAVE_FROM;
    private int octaveTo = DEFAULT_OCTAVE_TO;
    private double octaveScale = DEFAULT_OCTAVE_SCALE;
    private int stepsPerOctave = DEFAULT_STEPS_PER_OCTAVE;
    private double stepSize = DEFAULT_STEP_SIZE;
    private int tileSize = DEFAULT_TILE_SIZE;
    private Integer jitter;
    private Long seed;
    private int maxSide = DEFAULT_MAX_SIDE;
    private InitMode init = DEFAULT_INIT;
    private String preset;
    private OctaveDetail detail = DEFAULT_DETAIL;
    private ColorMode colors = DEFAULT_COLORS;
    private GradientMode gradient = DEFAULT_GRADIENT;
    private Integer strength;
    private boolean guide;
    private boolean mask;
    private Animation animation;

    public DreamSpecBuilder() {
    }

    DreamSpecBuilder(DreamSpec from) {
        model = from.model();
        layers = from.layers();
        octaveFrom = from.octaveFrom();
        octaveTo = from.octaveTo();
        octaveScale = from.octaveScale();
        stepsPerOctave = from.stepsPerOctave();
        stepSize = from.stepSize();
        tileSize = from.tileSize();
        jitter = from.jitter() == from.tileSize() ? null : from.jitter();
        seed = from.seed();
        maxSide = from.maxSide();
        init = from.init();
        preset = from.preset();
        detail = from.detail();
        colors = from.colors();
        gradient = from.gradient();
        strength = from.strength();
        guide = from.guide();
        mask = from.mask();
        animation = from.animation();
    }

    public DreamSpecBuilder model(String model) {
        this.model = model;
        return this;
    }

    public DreamSpecBuilder layers(List<LayerWeight> layers) {
        this.layers = layers;
        return this;
    }

    public DreamSpecBuilder octaveFrom(int octaveFrom) {
        this.octaveFrom = octaveFrom;
        return this;
    }

    public DreamSpecBuilder octaveTo(int octaveTo) {
        this.octaveTo = octaveTo;
        return this;
    }

    public DreamSpecBuilder octaveScale(double octaveScale) {
        this.octaveScale = octaveScale;
        return this;
    }

    public DreamSpecBuilder stepsPerOctave(int stepsPerOctave) {
        this.stepsPerOctave = stepsPerOctave;
        return this;
    }

    public DreamSpecBuilder stepSize(double stepSize) {
        this.stepSize = stepSize;
        return this;
    }

    public DreamSpecBuilder tileSize(int tileSize) {
        this.tileSize = tileSize;
        return this;
    }

    public DreamSpecBuilder jitter(int jitter) {
        this.jitter = jitter;
        return this;
    }

    public DreamSpecBuilder seed(Long seed) {
        this.seed = seed;
        return this;
    }

    public DreamSpecBuilder maxSide(int maxSide) {
        this.maxSide = maxSide;
        return this;
    }

    public DreamSpecBuilder init(InitMode init) {
        this.init = init;
        return this;
    }

    public DreamSpecBuilder preset(String preset) {
        this.preset = preset;
        return this;
    }

    public DreamSpecBuilder detail(OctaveDetail detail) {
        this.detail = detail;
        return this;
    }

    public DreamSpecBuilder colors(ColorMode colors) {
        this.colors = colors;
        return this;
    }

    public DreamSpecBuilder gradient(GradientMode gradient) {
        this.gradient = gradient;
        return this;
    }

    public DreamSpecBuilder strength(Integer strength) {
        this.strength = strength;
        return this;
    }

    public DreamSpecBuilder guide(boolean guide) {
        this.guide = guide;
        return this;
    }

    public DreamSpecBuilder mask(boolean mask) {
        this.mask = mask;
        return this;
    }

    /** null for a still. */
    public DreamSpecBuilder animation(Animation animation) {
        this.animation = animation;
        return this;
    }

    /** The animation set so far (a preset's, say), null for a still. */
    Animation animation() {
        return animation;
    }

    /** The steps per octave set so far (a preset's, say), for {@link Strength}. */
    int stepsPerOctave() {
        return stepsPerOctave;
    }

    double stepSize() {
        return stepSize;
    }

    public DreamSpec build() {
        return new DreamSpec(model, layers, octaveFrom, octaveTo, octaveScale, stepsPerOctave, stepSize,
                tileSize, Objects.requireNonNullElse(jitter, tileSize), seed, maxSide, init, preset,
                detail, colors, gradient, strength, guide, mask, animation);
    }
}
