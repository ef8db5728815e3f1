package dev.oneira.shared.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DreamSpecFieldsTest {

    @Test
    void noFieldsGiveTheDefaults() {
        assertThat(DreamSpecFields.parse(Map.of())).isEqualTo(DreamSpec.defaults());
    }

    @Test
    void aPresetIsTheStartingPointAndKeepsItsName() {
        DreamSpec spec = DreamSpecFields.parse(Map.of("preset", "noise"));

        assertThat(spec).isEqualTo(Presets.NOISE.spec());
        assertThat(spec.preset()).isEqualTo("noise");
    }

    @Test
    void fieldsOverrideThePreset() {
        DreamSpec spec = DreamSpecFields.parse(Map.of(
                "preset", "strokes", "stepsPerOctave", "25", "stepSize", "0.02", "seed", "1234", "init", "noise"));

        assertThat(spec.layers()).isEqualTo(Presets.STROKES.spec().layers());
        assertThat(spec.stepsPerOctave()).isEqualTo(25);
        assertThat(spec.stepSize()).isEqualTo(0.02);
        assertThat(spec.seed()).isEqualTo(1234L);
        assertThat(spec.init()).isEqualTo(InitMode.NOISE);
        assertThat(spec.preset()).isEqualTo("strokes");
    }

    @Test
    void readsEveryFieldByItsOwnName() {
        Map<String, String> fields = new HashMap<>();
        fields.put("model", "inception-v3");
        fields.put("layers", "mixed2:0.5,mixed4:-1");
        fields.put("octaveFrom", "-3");
        fields.put("octaveTo", "1");
        fields.put("octaveScale", "1.4");
        fields.put("stepsPerOctave", "12");
        fields.put("stepSize", "1e-3");
        fields.put("tileSize", "256");
        fields.put("jitter", "64");
        fields.put("seed", "9007199254740991");
        fields.put("maxSide", "800");
        fields.put("init", "image");
        fields.put("detail", "tutorial");
        fields.put("colors", "original");
        fields.put("gradient", "laplacian");
        fields.put("guide", "true");
        fields.put("mask", "false");

        DreamSpec spec = DreamSpecFields.parse(fields);

        assertThat(spec).isEqualTo(new DreamSpec("inception-v3",
                List.of(LayerWeight.of("mixed2", 0.5), LayerWeight.of("mixed4", -1)),
                -3, 1, 1.4, 12, 0.001, 256, 64, 9007199254740991L, 800, InitMode.IMAGE, null,
                OctaveDetail.TUTORIAL, ColorMode.ORIGINAL, GradientMode.LAPLACIAN, null, true, false));
    }

    @ParameterizedTest(name = "layers={0}")
    @CsvSource(delimiter = '|', value = {
            "mixed3|mixed3:1",
            "mixed3,mixed5:0.5|mixed3:1,mixed5:0.5",
            " Mixed3 : 2 , mixed0 |mixed3:2,mixed0:1",
            "mixed4:-0.25,|mixed4:-0.25",
    })
    void parsesLayersWithABareNameMeaningWeightOne(String text, String expected) {
        assertThat(DreamSpecFields.parse(Map.of("layers", text)).layersText()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "octaves={0}")
    @CsvSource({"-2..2,-2,2", "-4 .. 1,-4,1", "0,0,0", "+1..3,1,3"})
    void parsesTheOctavesShorthand(String text, int from, int to) {
        DreamSpec spec = DreamSpecFields.parse(Map.of("octaves", text));

        assertThat(spec.octaveFrom()).isEqualTo(from);
        assertThat(spec.octaveTo()).isEqualTo(to);
    }

    @Test
    void blankValuesCountAsNotGiven() {
        assertThat(DreamSpecFields.parse(Map.of("preset", "textures", "seed", "", "stepsPerOctave", "  ")))
                .isEqualTo(Presets.TEXTURES.spec());
    }

    @Test
    void seedRandomMeansNoSeed() {
        assertThat(DreamSpecFields.parse(Map.of("seed", "random")).seed()).isNull();
    }

    @Test
    void aNewTileSizeCarriesTheDefaultJitterAlong() {
        assertThat(DreamSpecFields.parse(Map.of("tileSize", "256")).jitter()).isEqualTo(256);
        assertThat(DreamSpecFields.parse(Map.of("tileSize", "256", "jitter", "10")).jitter()).isEqualTo(10);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "stepsPerOctave|ten|stepsPerOctave must be a whole number (was ten)",
            "stepsPerOctave|1.5|stepsPerOctave must be a whole number (was 1.5)",
            "stepsPerOctave|99999999999|stepsPerOctave must be between 1 and 200 (was 99999999999)",
            "tileSize|big|tileSize must be a whole number (was big)",
            "jitter|x|jitter must be a whole number (was x)",
            "maxSide|1e3|maxSide must be a whole number (was 1e3)",
            "octaveFrom|-two|octaveFrom must be a whole number (was -two)",
            "stepSize|NaN|stepSize must be a number (was NaN)",
            "stepSize|0,01|stepSize must be a number (was 0,01)",
            "octaveScale|Infinity|octaveScale must be a number (was Infinity)",
            "seed|lucky|seed must be a whole number or random (was lucky)",
            "seed|99999999999999999999|seed must be between 0 and 9007199254740991 (was 99999999999999999999)",
            "seed|9007199254740992|seed must be between 0 and 9007199254740991 (was 9007199254740992)",
            "init|photo|init must be one of image, noise (was photo)",
            "octaves|-2to2|octaves must be from..to, e.g. -2..2, or a single octave (was -2to2)",
            "layers|mixed3:strong|layers must be a comma-separated list of layer, layer:weight or layer/channel:weight, e.g. mixed3:1,mixed5:0.5 or mixed4/97:1 (was mixed3:strong in mixed3:strong)",
            "layers|mixed4/x:1|layers must be a comma-separated list of layer, layer:weight or layer/channel:weight, e.g. mixed3:1,mixed5:0.5 or mixed4/97:1 (was mixed4/x:1 in mixed4/x:1)",
            "detail|sharp|detail must be one of preserve, tutorial (was sharp)",
            "colors|grey|colors must be one of dream, original (was grey)",
            "gradient|fancy|gradient must be one of std, laplacian (was fancy)",
            "strength|strong|strength must be a whole number (was strong)",
            "strength|11|strength must be between 1 and 10 (was 11)",
            "guide|yes|guide must be true or false (was yes)",
            "layers|mixed7|layers[0] must name one of mixed0, mixed1, mixed2, mixed3, mixed4, mixed5 (was mixed7); mixed6 to mixed10 were retrained for NSFW classification in this model and are not offered",
            "model|deep|model must be one of inception-v3 (was deep)",
    })
    void reportsValuesItCannotUseNamingTheField(String field, String value, String message) {
        InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class,
                () -> DreamSpecFields.parse(Map.of(field, value)));

        assertThat(e.violations()).extracting(SpecViolation::message).containsExactly(message);
        assertThat(e.violations().get(0).field()).isEqualTo(field.equals("layers") ? "layers" : field);
    }

    @Test
    void anUnknownPresetListsTheKnownOnes() {
        assertThatThrownBy(() -> DreamSpecFields.parse(Map.of("preset", "psychedelic")))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("invalid dream spec: preset must be one of classic, strokes, textures, noise, zoom (was psychedelic)");
    }

    @Test
    void anUnknownFieldListsTheKnownOnes() {
        InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class,
                () -> DreamSpecFields.parse(Map.of("steps", "10")));

        assertThat(e.violations()).containsExactly(new SpecViolation("steps", "unknown field steps; known fields are"
                + " preset, model, layers, octaves, octaveFrom, octaveTo, octaveScale, stepsPerOctave, stepSize,"
                + " tileSize, jitter, seed, maxSide, init, detail, colors, gradient, strength, guide, mask,"
                + " frames, fps, zoom, rotate, shift, stepsPerFrame, blend"));
    }

    @Test
    void theOctavesShorthandAndTheExplicitFieldsAreNotMixed() {
        InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class,
                () -> DreamSpecFields.parse(Map.of("octaves", "-1..1", "octaveTo", "3")));

        assertThat(e.violations()).extracting(SpecViolation::field).containsExactly("octaves");
        assertThat(e.getMessage()).contains("octaves must not be given together with octaveFrom or octaveTo");
    }

    @Test
    void reportsParseProblemsAndBoundsTogether() {
        Map<String, String> fields = new HashMap<>();
        fields.put("preset", "nope");
        fields.put("stepsPerOctave", "500");
        fields.put("stepSize", "abc");
        fields.put("colour", "blue");

        InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class, () -> DreamSpecFields.parse(fields));

        assertThat(e.violations()).extracting(SpecViolation::field)
                .containsExactlyInAnyOrder("preset", "stepsPerOctave", "stepSize", "colour");
    }

    @Test
    void toFieldsParsesBackToTheSameSpec() {
        for (Preset preset : Presets.EVERY) {
            DreamSpec spec = preset.spec().withSeed(77).withJitter(100).withStepSize(0.0001);
            assertThat(DreamSpecFields.parse(DreamSpecFields.toFields(spec))).isEqualTo(spec);
        }
        assertThat(DreamSpecFields.toFields(DreamSpec.defaults()))
                .containsEntry("layers", "mixed3:1,mixed5:1")
                .containsEntry("octaveScale", "1.4")
                .containsEntry("init", "image")
                .doesNotContainKeys("seed", "preset");
    }

    @Test
    void aLayerTermMayNameOneChannel() {
        DreamSpec spec = DreamSpecFields.parse(Map.of("layers", "mixed4/97:1.5, Mixed3/0, mixed5"));

        assertThat(spec.layers()).containsExactly(LayerWeight.of("mixed4", 97, 1.5), LayerWeight.of("mixed3", 0, 1),
                LayerWeight.of("mixed5", 1));
        assertThat(spec.layersText()).isEqualTo("mixed4/97:1.5,mixed3/0:1,mixed5:1");
    }

    @Test
    void everyNewFieldReadsBackFromItsFields() {
        DreamSpec spec = DreamSpec.defaults().withLayers(java.util.List.of(LayerWeight.of("mixed4", 97, 2)))
                .withDetail(OctaveDetail.TUTORIAL).withColors(ColorMode.ORIGINAL).withGradient(GradientMode.LAPLACIAN)
                .withStrength(7).withGuide(true).withMask(true).withSeed(5);

        assertThat(DreamSpecFields.parse(DreamSpecFields.toFields(spec))).isEqualTo(spec);
    }
}
