package dev.oneira.shared.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oneira.shared.json.OneiraJson;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** An animation in a DreamSpec: its bounds, its JSON and its text fields (issue 9). */
class AnimationSpecTest {

    private static final DreamSpec ZOOM = Presets.ZOOM.spec();
    private final ObjectMapper mapper = OneiraJson.newMapper();

    private static DreamSpec animated(UnaryOperator<Animation> edit) {
        return ZOOM.withAnimation(edit.apply(ZOOM.animation()));
    }

    static Stream<Arguments> animationsAtTheEdgesOfTheirBounds() {
        return Stream.of(
                Arguments.of("2 frames at 1 fps", animated(a -> a.withFrames(2).withFps(1))),
                Arguments.of("600 frames at 60 fps", animated(a -> a.withFrames(600).withFps(60))),
                Arguments.of("zoom 0.8, rotate -10, shift -64,-64", animated(a -> a.withZoom(0.8).withRotate(-10)
                        .withShift(new Animation.Shift(-64, -64)))),
                Arguments.of("zoom 1.25, rotate 10, shift 64,64", animated(a -> a.withZoom(1.25).withRotate(10)
                        .withShift(new Animation.Shift(64, 64)))),
                Arguments.of("1 step per frame, blend 0.95", animated(a -> a.withStepsPerFrame(1).withBlend(0.95))),
                Arguments.of("50 steps per frame", animated(a -> a.withStepsPerFrame(50).withFrames(20))),
                Arguments.of("maxSide 2048, one step per frame", animated(a -> a.withFrames(100).withStepsPerFrame(1))
                        .withMaxSide(2048).withOctaves(-1, 0).withStepsPerOctave(5)),
                Arguments.of("a guide and noise", ZOOM.withGuide(true).withInit(InitMode.NOISE)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("animationsAtTheEdgesOfTheirBounds")
    void acceptsAnimationsAtTheEdgesOfTheirBounds(String name, DreamSpec spec) {
        assertThat(spec.violations()).isEmpty();
    }

    static Stream<Arguments> animationsOutOfBounds() {
        return Stream.of(
                Arguments.of("frames", "frames must be between 2 and 600 (was 1)", animated(a -> a.withFrames(1))),
                Arguments.of("frames", "frames must be between 2 and 600 (was 601)", animated(a -> a.withFrames(601))),
                Arguments.of("fps", "fps must be between 1 and 60 (was 61)", animated(a -> a.withFps(61))),
                Arguments.of("zoom", "zoom must be between 0.8 and 1.25 (was 1.3)", animated(a -> a.withZoom(1.3))),
                Arguments.of("zoom", "zoom must be between 0.8 and 1.25 (was NaN)", animated(a -> a.withZoom(Double.NaN))),
                Arguments.of("rotate", "rotate must be between -10 and 10 (was -11)", animated(a -> a.withRotate(-11))),
                Arguments.of("shift", "shift must be two numbers dx,dy, each between -64 and 64 px per frame (was 0,65)",
                        animated(a -> a.withShift(new Animation.Shift(0, 65)))),
                Arguments.of("shift", "shift must be two numbers dx,dy, each between -64 and 64 px per frame (was missing)",
                        animated(a -> a.withShift(null))),
                Arguments.of("stepsPerFrame", "stepsPerFrame must be between 1 and 50 (was 0)",
                        animated(a -> a.withStepsPerFrame(0))),
                Arguments.of("blend", "blend must be between 0 and 0.95 (was 1)", animated(a -> a.withBlend(1))),
                Arguments.of("kind", "kind must be one of zoom (was missing)", animated(a -> a.withKind(null))),
                Arguments.of("maxSide", "maxSide must be at most 2048 for an animation, every frame has that size"
                        + " (was 2049)", ZOOM.withMaxSide(2049).withOctaves(0, 0)),
                Arguments.of("mask", "a mask cannot be used with an animation", ZOOM.withMask(true)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("animationsOutOfBounds")
    void refusesAnimationsOutOfBoundsNamingTheField(String field, String message, DreamSpec spec) {
        assertThat(spec.violations()).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo(field);
            assertThat(v.message()).startsWith(message);
        });
        assertThatThrownBy(spec::validate).isInstanceOf(InvalidSpecException.class).hasMessageContaining(message);
    }

    @Test
    void theWholeAnimationCountsTowardsTheWorkBound() {
        // 600 frames of 1024 px at 4 steps: 599 x 4 x 1.05 MP = 2512 megapixel-steps, over the 2000 allowed.
        DreamSpec long1024 = animated(a -> a.withFrames(600).withStepsPerFrame(4)).withMaxSide(1024);

        assertThat(long1024.framesWorkMegapixelSteps()).isCloseTo(599.0 * 4 * 1024 * 1024 / 1e6, within());
        assertThat(long1024.workMegapixelSteps())
                .isCloseTo(long1024.stillWorkMegapixelSteps() + long1024.framesWorkMegapixelSteps(), within());
        assertThat(long1024.violations()).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("frames");
            assertThat(v.message()).startsWith("an animation may take at most 2000 megapixel-steps")
                    .contains("599 x 4 x 1024^2 = 2512").contains("lower frames, stepsPerFrame, maxSide");
        });
        assertThat(long1024.withMaxSide(512).violations()).isEmpty();
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-6);
    }

    @Test
    void countsTheStepsOfEveryFrame() {
        DreamSpec spec = animated(a -> a.withFrames(10).withStepsPerFrame(3));

        assertThat(spec.stillSteps()).isEqualTo(5 * 10);
        assertThat(spec.totalSteps()).isEqualTo(5 * 10 + 9 * 3);
        assertThat(spec.withAnimation(null).totalSteps()).isEqualTo(spec.stillSteps());
        assertThat(spec.animation().seconds()).isEqualTo(10 / 24.0);
    }

    @Test
    void writesTheAnimationAsJsonWithShiftAsAPairAndReadsItBack() throws Exception {
        DreamSpec spec = animated(a -> a.withShift(new Animation.Shift(2, -1.5)).withRotate(0.5)).withSeed(7);

        JsonNode json = mapper.valueToTree(spec).get("animation");

        assertThat(json.toString()).isEqualTo("{\"kind\":\"zoom\",\"frames\":72,\"fps\":24,\"zoom\":1.03,"
                + "\"rotate\":0.5,\"shift\":[2.0,-1.5],\"stepsPerFrame\":6,\"blend\":0.0}");
        assertThat(mapper.readValue(mapper.writeValueAsString(spec), DreamSpec.class)).isEqualTo(spec);
        assertThat(new ObjectMapper().readValue(mapper.writeValueAsString(spec), DreamSpec.class)).isEqualTo(spec);
    }

    @Test
    void anAnimationInJsonMayGiveOnlyWhatItChanges() throws Exception {
        DreamSpec spec = mapper.readValue("{\"animation\":{\"frames\":10,\"shift\":[1,2]}}", DreamSpec.class);

        assertThat(spec.animation()).isEqualTo(Animation.defaults().withFrames(10).withShift(new Animation.Shift(1, 2)));
    }

    @Test
    void aStillHasNoAnimationInItsJsonAndOldSpecsReadAsStills() throws Exception {
        assertThat(mapper.valueToTree(Presets.CLASSIC.spec()).has("animation")).isFalse();
        assertThat(mapper.readValue("{\"stepsPerOctave\":3}", DreamSpec.class).animation()).isNull();
        assertThat(mapper.readValue("{\"animation\":null}", DreamSpec.class).animation()).isNull();
    }

    @Test
    void refusesABadKindOrShiftInJsonNamingTheField() {
        assertThatThrownBy(() -> mapper.readValue("{\"animation\":{\"kind\":\"spin\"}}", DreamSpec.class))
                .hasMessageContaining("kind must be one of zoom (was spin)");
        assertThatThrownBy(() -> mapper.readValue("{\"animation\":{\"shift\":[1,2,3]}}", DreamSpec.class))
                .hasMessageContaining("shift must be two numbers [dx, dy] (was 3 numbers)");
    }

    @Test
    void anyAnimationFieldMakesTheSpecAnAnimation() {
        assertThat(DreamSpecFields.parse(Map.of()).animation()).isNull();
        assertThat(DreamSpecFields.parse(Map.of("frames", "12", "maxSide", "256")).animation())
                .isEqualTo(Animation.defaults().withFrames(12));
        assertThat(DreamSpecFields.parse(Map.of("blend", "0.25")).animation())
                .isEqualTo(Animation.defaults().withBlend(0.25));
        assertThat(DreamSpecFields.parse(Map.of("preset", "zoom")).animation()).isEqualTo(Animation.defaults());
        assertThat(DreamSpecFields.parse(Map.of("preset", "zoom", "fps", "12", "shift", " 3 , -2.5 ", "zoom", "0.95",
                "rotate", "-1", "stepsPerFrame", "2", "frames", "")).animation())
                .isEqualTo(Animation.defaults().withFps(12).withShift(new Animation.Shift(3, -2.5)).withZoom(0.95)
                        .withRotate(-1).withStepsPerFrame(2));
    }

    @Test
    void animationFieldsReadBackFromTheirFields() {
        DreamSpec spec = animated(a -> a.withFrames(30).withFps(12).withZoom(0.9).withRotate(-2.5)
                .withShift(new Animation.Shift(4, 0.5)).withStepsPerFrame(7).withBlend(0.3)).withSeed(3);

        Map<String, String> fields = DreamSpecFields.toFields(spec);

        assertThat(fields).containsEntry("frames", "30").containsEntry("fps", "12").containsEntry("zoom", "0.9")
                .containsEntry("rotate", "-2.5").containsEntry("shift", "4,0.5").containsEntry("stepsPerFrame", "7")
                .containsEntry("blend", "0.3");
        assertThat(DreamSpecFields.parse(fields)).isEqualTo(spec);
        assertThat(DreamSpecFields.toFields(Presets.CLASSIC.spec())).doesNotContainKeys(DreamSpecFields.ANIMATION
                .toArray(String[]::new));
    }

    @Test
    void badAnimationFieldsAreReportedTogether() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("frames", "many");
        fields.put("shift", "3");
        fields.put("fps", "100");
        fields.put("mask", "true");

        assertThatThrownBy(() -> DreamSpecFields.parse(fields)).isInstanceOfSatisfying(InvalidSpecException.class,
                e -> assertThat(e.violations()).extracting(SpecViolation::message).containsExactlyInAnyOrder(
                        "frames must be a whole number (was many)",
                        "shift must be two numbers dx,dy in px per frame, e.g. 2,-1.5 (was 3)",
                        "fps must be between 1 and 60 (was 100)",
                        "a mask cannot be used with an animation: every frame is dreamt whole (was mask true);"
                                + " leave out the mask or the animation"));
    }
}
