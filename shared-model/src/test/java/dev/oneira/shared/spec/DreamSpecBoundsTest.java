package dev.oneira.shared.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DreamSpecBoundsTest {

    private static final DreamSpec DEFAULTS = DreamSpec.defaults();

    private static Arguments edit(String name, UnaryOperator<DreamSpec> edit) {
        return Arguments.of(name, edit);
    }

    private static Arguments bad(String field, String message, UnaryOperator<DreamSpec> edit) {
        return Arguments.of(field, message, edit);
    }

    static Stream<Arguments> valuesAtTheEdgesOfTheirBounds() {
        return Stream.of(
                edit("one layer", s -> s.withLayers(List.of(LayerWeight.of("mixed0", 1)))),
                edit("six layers", s -> s.withLayers(allOfferedLayers())),
                edit("weight -10", s -> s.withLayers(List.of(LayerWeight.of("mixed3", -10)))),
                edit("weight 10", s -> s.withLayers(List.of(LayerWeight.of("mixed3", 10)))),
                edit("one zero weight among others", s -> s.withLayers(
                        List.of(LayerWeight.of("mixed3", 0), LayerWeight.of("mixed4", 1)))),
                edit("octaves -6..1", s -> s.withOctaves(-6, 1)),
                edit("octaves -1..6 at maxSide 1024, scale 1.2", s -> s.withOctaves(-1, 6).withOctaveScale(1.2)),
                edit("one octave", s -> s.withOctaves(0, 0)),
                edit("octaveScale 1.05", s -> s.withOctaveScale(1.05)),
                edit("octaveScale 2", s -> s.withOctaveScale(2.0)),
                edit("stepsPerOctave 1", s -> s.withStepsPerOctave(1)),
                edit("stepsPerOctave 200", s -> s.withStepsPerOctave(200)),
                edit("stepSize 0.0001", s -> s.withStepSize(0.0001)),
                edit("stepSize 0.5", s -> s.withStepSize(0.5)),
                edit("tileSize 128", s -> s.withTileSize(128)),
                edit("tileSize 1024", s -> s.withTileSize(1024)),
                edit("jitter 0", s -> s.withJitter(0)),
                edit("jitter = tileSize", s -> s.withTileSize(300).withJitter(300)),
                edit("seed 0", s -> s.withSeed(0)),
                edit("seed 2^53-1", s -> s.withSeed(9007199254740991L)),
                edit("no seed", DreamSpec::withoutSeed),
                edit("maxSide 64", s -> s.withMaxSide(64)),
                edit("maxSide 4096 in one octave", s -> s.withMaxSide(4096).withOctaves(-1, 0)),
                edit("the largest octave 4096 px", s -> s.withMaxSide(2048).withOctaveScale(2.0).withOctaves(0, 1)),
                edit("strength 1", s -> s.withStrength(1)),
                edit("strength 10", s -> s.withStrength(10)),
                edit("one channel of a layer", s -> s.withLayers(List.of(LayerWeight.of("mixed4", 767, 1)))),
                edit("a layer and one of its channels", s -> s.withLayers(
                        List.of(LayerWeight.of("mixed4", 1), LayerWeight.of("mixed4", 97, 1)))),
                edit("every choice set the other way", s -> s.withDetail(OctaveDetail.TUTORIAL)
                        .withColors(ColorMode.ORIGINAL).withGradient(GradientMode.LAPLACIAN).withGuide(true).withMask(true)),
                edit("init noise", s -> s.withInit(InitMode.NOISE)),
                edit("a preset label", s -> s.withPreset("my-preset-2")));
    }

    @ParameterizedTest(name = "{0} is allowed")
    @MethodSource("valuesAtTheEdgesOfTheirBounds")
    void acceptsValuesAtTheEdgesOfTheirBounds(String name, UnaryOperator<DreamSpec> edit) {
        DreamSpec spec = edit.apply(DEFAULTS);

        assertThat(spec.violations()).isEmpty();
        assertThat(spec.validate()).isSameAs(spec);
    }

    static Stream<Arguments> valuesOutsideTheirBounds() {
        return Stream.of(
                bad("model", "model must be one of inception-v3 (was vgg16)", s -> s.withModel("vgg16")),
                bad("model", "model must be one of inception-v3 (was missing)", s -> s.withModel(null)),
                bad("layers", "layers must have between 1 and 6 entries (was 0)", s -> s.withLayers(List.of())),
                bad("layers", "layers must have between 1 and 6 entries (was 0)", s -> s.withLayers(null)),
                bad("layers", "layers[0] must name one of mixed0, mixed1, mixed2, mixed3, mixed4, mixed5 (was conv2d_1)",
                        s -> s.withLayers(List.of(LayerWeight.of("conv2d_1", 1)))),
                bad("layers", "layers[0] must name one of mixed0, mixed1, mixed2, mixed3, mixed4, mixed5 (was missing)",
                        s -> s.withLayers(Arrays.asList((LayerWeight) null))),
                bad("layers", "layers[0] weight for mixed3 must be between -10 and 10 (was 10.5)",
                        s -> s.withLayers(List.of(LayerWeight.of("mixed3", 10.5)))),
                bad("layers", "layers[0] weight for mixed3 must be between -10 and 10 (was -11)",
                        s -> s.withLayers(List.of(LayerWeight.of("mixed3", -11)))),
                bad("layers", "layers[0] weight for mixed3 must be between -10 and 10 (was NaN)",
                        s -> s.withLayers(List.of(LayerWeight.of("mixed3", Double.NaN)))),
                bad("layers", "layers weights must not all be zero (was mixed3:0,mixed5:0)",
                        s -> s.withLayers(List.of(LayerWeight.of("mixed3", 0), LayerWeight.of("mixed5", 0)))),
                bad("layers", "layers must name each layer or layer/channel at most once (mixed3 was given 2 times)",
                        s -> s.withLayers(List.of(LayerWeight.of("mixed3", 1), LayerWeight.of("mixed3", 2)))),
                bad("octaveFrom", "octaveFrom must be between -6 and 6 (was -7)", s -> s.withOctaves(-7, 0)),
                bad("octaveTo", "octaveTo must be between -6 and 6 (was 7)", s -> s.withOctaves(0, 7)),
                bad("octaveTo", "octaveTo must be at least octaveFrom (was octaveFrom 2, octaveTo -2)",
                        s -> s.withOctaves(2, -2)),
                bad("octaves", "octaves must span at most 8 octaves, octaveFrom to octaveTo inclusive (was -4..4, 9 octaves)",
                        s -> s.withOctaves(-4, 4)),
                bad("octaveScale", "octaveScale must be between 1.05 and 2 (was 1.04)", s -> s.withOctaveScale(1.04)),
                bad("octaveScale", "octaveScale must be between 1.05 and 2 (was 2.5)", s -> s.withOctaveScale(2.5)),
                bad("stepsPerOctave", "stepsPerOctave must be between 1 and 200 (was 0)", s -> s.withStepsPerOctave(0)),
                bad("stepsPerOctave", "stepsPerOctave must be between 1 and 200 (was 500)", s -> s.withStepsPerOctave(500)),
                bad("stepSize", "stepSize must be between 0.0001 and 0.5 (was 0.00005)", s -> s.withStepSize(0.00005)),
                bad("stepSize", "stepSize must be between 0.0001 and 0.5 (was 0.6)", s -> s.withStepSize(0.6)),
                bad("stepSize", "stepSize must be between 0.0001 and 0.5 (was Infinity)",
                        s -> s.withStepSize(Double.POSITIVE_INFINITY)),
                bad("tileSize", "tileSize must be between 128 and 1024 (was 127)", s -> s.withTileSize(127).withJitter(0)),
                bad("tileSize", "tileSize must be between 128 and 1024 (was 2048)", s -> s.withTileSize(2048).withJitter(0)),
                bad("jitter", "jitter must be between 0 and the tileSize 512 (was 513)", s -> s.withJitter(513)),
                bad("jitter", "jitter must be between 0 and the tileSize 512 (was -1)", s -> s.withJitter(-1)),
                bad("seed", "seed must be between 0 and 9007199254740991 (was -1)", s -> s.withSeed(-1)),
                bad("seed", "seed must be between 0 and 9007199254740991 (was 9007199254740992)",
                        s -> s.withSeed(9007199254740992L)),
                bad("maxSide", "maxSide must be between 64 and 4096 (was 63)", s -> s.withMaxSide(63)),
                bad("maxSide", "maxSide must be between 64 and 4096 (was 8192)", s -> s.withMaxSide(8192)),
                bad("init", "init must be one of image, noise (was missing)", s -> s.withInit(null)),
                bad("detail", "detail must be one of preserve, tutorial (was missing)", s -> s.withDetail(null)),
                bad("colors", "colors must be one of dream, original (was missing)", s -> s.withColors(null)),
                bad("gradient", "gradient must be one of std, laplacian (was missing)", s -> s.withGradient(null)),
                bad("strength", "strength must be between 1 and 10 (was 11)", s -> s.withStrength(11)),
                bad("strength", "strength must be between 1 and 10 (was 0)", s -> s.withStrength(0)),
                bad("layers", "layers[0] channel of mixed0 must be between 0 and 255 (was 256); channels per layer:"
                        + " mixed0 0-255, mixed1 0-287, mixed2 0-287, mixed3 0-767, mixed4 0-767, mixed5 0-767",
                        s -> s.withLayers(List.of(LayerWeight.of("mixed0", 256, 1)))),
                bad("layers", "layers must name each layer or layer/channel at most once (mixed4/97 was given 2 times)",
                        s -> s.withLayers(List.of(LayerWeight.of("mixed4", 97, 1), LayerWeight.of("mixed4", 97, 2)))),
                // The upscaling spec that ran a worker out of memory (issue 10).
                bad("octaveTo", "the largest octave must be at most 4096 px on its longer side, maxSide x"
                        + " octaveScale^octaveTo (was 256 x 2^6 = 16384 px); lower maxSide, octaveScale or octaveTo",
                        s -> s.withMaxSide(256).withOctaveScale(2.0).withOctaves(6, 6).withStepsPerOctave(5)),
                bad("stepsPerOctave", "a dream may take at most 2000 megapixel-steps (each octave's pixels for a square"
                        + " photo of maxSide, times stepsPerOctave, summed; was 3355 for maxSide 4096, octaves 0..0 at"
                        + " scale 1.4, 200 steps per octave); lower stepsPerOctave, maxSide or the octaves",
                        s -> s.withMaxSide(4096).withOctaves(0, 0).withStepsPerOctave(200)),
                bad("preset", "preset must be 1 to 40 lowercase letters, digits or dashes (was My Preset)",
                        s -> s.withPreset("My Preset")));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("valuesOutsideTheirBounds")
    void rejectsValuesOutsideTheirBoundsNamingFieldRangeAndValue(String field, String message,
                                                                 UnaryOperator<DreamSpec> edit) {
        DreamSpec spec = edit.apply(DEFAULTS);

        assertThat(spec.violations()).containsExactly(new SpecViolation(field, message));
        assertThatThrownBy(spec::validate)
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("invalid dream spec: " + message);
    }

    @Test
    void namesTheRetrainedLayersAsNotOffered() {
        DreamSpec spec = DEFAULTS.withLayers(List.of(LayerWeight.of("mixed7", 1)));

        assertThat(spec.violations()).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("layers");
            assertThat(v.message()).isEqualTo("layers[0] must name one of mixed0, mixed1, mixed2, mixed3, mixed4, mixed5"
                    + " (was mixed7); mixed6 to mixed10 were retrained for NSFW classification in this model and are"
                    + " not offered");
        });
    }

    @Test
    void rejectsMoreThanSixLayers() {
        List<LayerWeight> seven = new java.util.ArrayList<>(allOfferedLayers());
        seven.add(LayerWeight.of("mixed3", 1));

        assertThat(DEFAULTS.withLayers(seven).violations())
                .extracting(SpecViolation::message)
                .contains("layers must have between 1 and 6 entries (was 7)");
    }

    @Test
    void collectsEveryViolationNotOnlyTheFirst() {
        DreamSpec spec = DEFAULTS.withStepsPerOctave(500).withStepSize(1).withMaxSide(10).withSeed(-5);

        InvalidSpecException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidSpecException.class, spec::validate);

        assertThat(e.violations()).extracting(SpecViolation::field)
                .containsExactly("stepsPerOctave", "stepSize", "seed", "maxSide");
        assertThat(e.getMessage()).contains("stepsPerOctave must be between 1 and 200 (was 500)")
                .contains("maxSide must be between 64 and 4096 (was 10)");
    }

    @Test
    void echoesLongOrControlCharacterInputBoundedAndPrintable() {
        String nasty = "x".repeat(100) + "\n";

        assertThat(DEFAULTS.withModel(nasty).violations()).singleElement()
                .extracting(SpecViolation::message)
                .isEqualTo("model must be one of inception-v3 (was " + "x".repeat(60) + "...)");
        assertThat(DEFAULTS.withModel("a\nb").violations().get(0).message()).contains("(was a?b)");
    }

    @Test
    void hasTheDocumentedDefaults() {
        assertThat(DEFAULTS.model()).isEqualTo("inception-v3");
        assertThat(DEFAULTS.layers()).containsExactly(LayerWeight.of("mixed3", 1), LayerWeight.of("mixed5", 1));
        assertThat(DEFAULTS.octaveFrom()).isEqualTo(-4);
        assertThat(DEFAULTS.octaveTo()).isEqualTo(0);
        assertThat(DEFAULTS.octaveScale()).isEqualTo(1.4);
        assertThat(DEFAULTS.stepsPerOctave()).isEqualTo(10);
        assertThat(DEFAULTS.stepSize()).isEqualTo(0.015);
        assertThat(DEFAULTS.tileSize()).isEqualTo(512);
        assertThat(DEFAULTS.jitter()).isEqualTo(512);
        assertThat(DEFAULTS.seed()).isNull();
        assertThat(DEFAULTS.maxSide()).isEqualTo(1024);
        assertThat(DEFAULTS.init()).isEqualTo(InitMode.IMAGE);
        assertThat(DEFAULTS.preset()).isNull();
        assertThat(DEFAULTS.detail()).isEqualTo(OctaveDetail.PRESERVE);
        assertThat(DEFAULTS.colors()).isEqualTo(ColorMode.DREAM);
        assertThat(DEFAULTS.gradient()).isEqualTo(GradientMode.STD);
        assertThat(DEFAULTS.strength()).isNull();
        assertThat(DEFAULTS.guide()).isFalse();
        assertThat(DEFAULTS.mask()).isFalse();
        assertThat(DEFAULTS.violations()).isEmpty();
    }

    @Test
    void jitterFollowsTheTileSizeOnlyWhileItEqualsIt() {
        assertThat(DEFAULTS.withTileSize(256).jitter()).isEqualTo(256);
        assertThat(DEFAULTS.withJitter(32).withTileSize(256).jitter()).isEqualTo(32);
    }

    @Test
    void derivesOctaveCountTotalStepsAndDeepestLayer() {
        DreamSpec spec = DEFAULTS.withOctaves(-3, 1).withStepsPerOctave(7)
                .withLayers(List.of(LayerWeight.of("mixed4", 1), LayerWeight.of("mixed1", 1)));

        assertThat(spec.octaveCount()).isEqualTo(5);
        assertThat(spec.totalSteps()).isEqualTo(35);
        assertThat(spec.deepestLayer()).isEqualTo("mixed4");
        assertThat(spec.layersText()).isEqualTo("mixed4:1,mixed1:1");
    }

    @Test
    void choosesAJavaScriptSafeSeedOnlyWhenAbsent() {
        assertThat(DEFAULTS.withSeed(42).withSeedChosenIfAbsent().seed()).isEqualTo(42L);
        for (int i = 0; i < 1000; i++) {
            assertThat(DEFAULTS.withSeedChosenIfAbsent().seed()).isBetween(0L, DreamSpec.MAX_SEED);
        }
    }

    @Test
    void copiesTheLayerListSoLaterChangesDoNotLeakIn() {
        List<LayerWeight> layers = new java.util.ArrayList<>(List.of(LayerWeight.of("mixed3", 1)));
        DreamSpec spec = DEFAULTS.withLayers(layers);
        layers.add(LayerWeight.of("mixed4", 1));

        assertThat(spec.layers()).hasSize(1);
        assertThatThrownBy(() -> spec.layers().add(LayerWeight.of("mixed0", 1)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    private static List<LayerWeight> allOfferedLayers() {
        return DreamSpec.OFFERED_LAYERS.stream().map(name -> LayerWeight.of(name, 1)).toList();
    }
}
