package dev.oneira.shared.spec;

import dev.oneira.shared.text.InputEcho;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The registry of presets. Their step counts are here, in one place, because they are tuned by
 * looking at dreams: vivid without drowning the photo.
 */
public final class Presets {

    // Tuned by looking at contact sheets made by the engine (docs/images/presets.jpg, how: see
    // docs/dreams.md) on a portrait, an animal, an object and a landscape. With detail-preserving
    // octaves the photo stays sharp, so the dream needs more steps than the tutorial's schedule did
    // to show at all: at 5 steps of 0.01 the classic look was a faint pastel texture on a portrait.
    static final int CLASSIC_STEPS = DreamSpec.DEFAULT_STEPS_PER_OCTAVE;
    static final int STROKES_STEPS = 12;
    static final int TEXTURES_STEPS = 12;
    static final int NOISE_STEPS = 20;

    public static final Preset CLASSIC = new Preset("classic", "Classic",
            "The familiar DeepDream look: eyes, dogs and pagodas growing out of the photo (mixed3 and mixed5).",
            DreamSpec.builder()
                    .layers(List.of(LayerWeight.of("mixed3", 1), LayerWeight.of("mixed5", 1)))
                    .octaveFrom(-4).octaveTo(0).octaveScale(1.4)
                    .stepsPerOctave(CLASSIC_STEPS).stepSize(0.015)
                    .preset("classic").build());

    public static final Preset STROKES = new Preset("strokes", "Brush strokes",
            "Shallow layers (mixed0 and mixed1): fine strokes and edges, the photo stays recognisable.",
            DreamSpec.builder()
                    .layers(List.of(LayerWeight.of("mixed0", 1), LayerWeight.of("mixed1", 1)))
                    // Shallow layers' strokes are fine: at 10 steps of 0.015 they hardly showed on a portrait.
                    .stepsPerOctave(STROKES_STEPS).stepSize(0.018)
                    .preset("strokes").build());

    public static final Preset TEXTURES = new Preset("textures", "Textures",
            "The deepest offered layer alone (mixed5) with the Laplacian gradient: large, soft, swirling shapes.",
            DreamSpec.builder()
                    .layers(List.of(LayerWeight.of("mixed5", 1)))
                    .gradient(GradientMode.LAPLACIAN)
                    .stepsPerOctave(TEXTURES_STEPS)
                    .preset("textures").build());

    public static final Preset NOISE = new Preset("noise", "From noise",
            "Dreams from random noise instead of the photo (which only sets the size), with mixed3 and mixed4.",
            DreamSpec.builder()
                    .layers(List.of(LayerWeight.of("mixed3", 1), LayerWeight.of("mixed4", 1)))
                    .init(InitMode.NOISE)
                    .stepsPerOctave(NOISE_STEPS)
                    .preset("noise").build());

    /** The side of the zoom preset's frames: a 72-frame video in minutes on CPU, not hours. */
    static final int ZOOM_MAX_SIDE = 512;

    public static final Preset ZOOM = new Preset("zoom", "Endless zoom",
            "A video: a dream of the photo, then frame after frame zooming into it and dreaming a little more,"
                    + " as in the Inceptionism post.",
            DreamSpec.builder()
                    // mixed4 alone: with mixed3 and mixed5 (the classic look) the frames turned into
                    // soft bubbles within a second of zooming; mixed4 keeps growing eyes and rings.
                    .layers(List.of(LayerWeight.of("mixed4", 1)))
                    .octaveFrom(-4).octaveTo(0).octaveScale(1.4)
                    .stepsPerOctave(CLASSIC_STEPS).stepSize(0.015)
                    .maxSide(ZOOM_MAX_SIDE)
                    // Tuned by looking at videos, like the stills (docs/dreams.md, docs/images/zoom.jpg).
                    .animation(Animation.defaults())
                    .preset("zoom").build());

    /** The still presets, in the order a menu shows them. */
    public static final List<Preset> ALL = List.of(CLASSIC, STROKES, TEXTURES, NOISE);

    /**
     * The animation presets (a video each), in menu order. Kept apart from {@link #ALL} so that a
     * page listing still presets does not offer a video by accident; {@link #byName}, {@link #require}
     * and {@link #names} cover both.
     */
    public static final List<Preset> ANIMATIONS = List.of(ZOOM);

    /** Every preset: the stills, then the animations. */
    public static final List<Preset> EVERY = java.util.stream.Stream.concat(ALL.stream(), ANIMATIONS.stream()).toList();

    /** The preset a form starts on. */
    public static final Preset DEFAULT = CLASSIC;

    private Presets() {
    }

    /** Case-insensitive lookup, surrounding spaces ignored. */
    public static Optional<Preset> byName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return EVERY.stream().filter(p -> p.name().equals(wanted)).findFirst();
    }

    /** The preset, or an {@link InvalidSpecException} on field "preset" that lists the known ones. */
    public static Preset require(String name) {
        return byName(name).orElseThrow(() -> new InvalidSpecException(List.of(unknown(name))));
    }

    public static List<String> names() {
        return EVERY.stream().map(Preset::name).toList();
    }

    static SpecViolation unknown(String name) {
        return new SpecViolation("preset", "preset must be one of "
                + names().stream().collect(Collectors.joining(", ")) + " (was "
                + InputEcho.of(name) + ")");
    }
}
