package dev.oneira.shared.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class PresetsTest {

    static final List<Preset> ALL = Presets.EVERY;

    @ParameterizedTest(name = "{0}")
    @FieldSource("ALL")
    void everyPresetIsValidNamesItselfAndHasNoFixedSeed(Preset preset) {
        assertThat(preset.spec().violations()).isEmpty();
        assertThat(preset.spec().preset()).isEqualTo(preset.name());
        assertThat(preset.spec().seed()).isNull();
        assertThat(preset.title()).isNotBlank();
        assertThat(preset.description()).isNotBlank();
    }

    @Test
    void offersAtLeastTheAgreedPresets() {
        assertThat(Presets.names()).containsExactly("classic", "strokes", "textures", "noise", "zoom");
        assertThat(Presets.DEFAULT).isSameAs(Presets.CLASSIC);
    }

    @Test
    void classicIsTheDefaultsUnderAName() {
        assertThat(Presets.CLASSIC.spec()).isEqualTo(DreamSpec.defaults().withPreset("classic"));
    }

    @Test
    void presetsUseTheAgreedLayersAndInit() {
        assertThat(Presets.STROKES.spec().layersText()).isEqualTo("mixed0:1,mixed1:1");
        assertThat(Presets.TEXTURES.spec().layersText()).isEqualTo("mixed5:1");
        assertThat(Presets.NOISE.spec().layersText()).isEqualTo("mixed3:1,mixed4:1");
        assertThat(Presets.NOISE.spec().init()).isEqualTo(InitMode.NOISE);
        assertThat(Presets.NOISE.spec().stepsPerOctave()).isGreaterThan(Presets.CLASSIC.spec().stepsPerOctave());
    }

    @Test
    void zoomIsAnAnimationOfMixed4AtAModestSize() {
        DreamSpec zoom = Presets.ZOOM.spec();

        assertThat(zoom.animation()).isEqualTo(Animation.defaults());
        assertThat(zoom.animation().kind()).isEqualTo(AnimationKind.ZOOM);
        assertThat(zoom.maxSide()).isEqualTo(512);
        assertThat(zoom.layersText()).isEqualTo("mixed4:1");
        assertThat(Presets.ALL).allMatch(p -> p.spec().animation() == null).doesNotContain(Presets.ZOOM);
        assertThat(Presets.ANIMATIONS).containsExactly(Presets.ZOOM);
        assertThat(Presets.byName("Zoom")).contains(Presets.ZOOM);
    }

    @Test
    void looksUpNamesIgnoringCaseAndSpaces() {
        assertThat(Presets.byName(" Classic ")).contains(Presets.CLASSIC);
        assertThat(Presets.byName("nope")).isEmpty();
        assertThat(Presets.byName(null)).isEmpty();
        assertThatThrownBy(() -> Presets.require("nope"))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("preset must be one of classic, strokes, textures, noise, zoom (was nope)");
    }
}
