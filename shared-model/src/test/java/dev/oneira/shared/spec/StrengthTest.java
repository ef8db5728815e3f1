package dev.oneira.shared.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StrengthTest {

    @Test
    void theNeutralStrengthIsThePresetAsTuned() {
        for (Preset preset : Presets.EVERY) {
            DreamSpec spec = DreamSpecFields.parse(Map.of("preset", preset.name(), "strength", "5"));

            assertThat(spec.stepsPerOctave()).isEqualTo(preset.spec().stepsPerOctave());
            assertThat(spec.stepSize()).isEqualTo(preset.spec().stepSize());
            assertThat(spec.strength()).isEqualTo(5);
        }
    }

    @Test
    void moreStrengthDreamsMoreAtEveryStep() {
        double previous = 0;
        for (int s = DreamSpec.MIN_STRENGTH; s <= DreamSpec.MAX_STRENGTH; s++) {
            DreamSpec spec = DreamSpecFields.parse(Map.of("preset", "classic", "strength", Integer.toString(s)));
            double amount = spec.stepsPerOctave() * spec.stepSize();

            assertThat(amount).as("steps x step size at strength %d", s).isGreaterThan(previous);
            previous = amount;
        }
    }

    @Test
    void strengthOneIsAboutAThirdAndTenFourTimesThePreset() {
        assertThat(Strength.amount(1)).isCloseTo(0.33, org.assertj.core.data.Offset.offset(0.01));
        assertThat(Strength.amount(10)).isEqualTo(4.0);
        assertThat(Strength.steps(10, 10)).isEqualTo(20);
        assertThat(Strength.stepSize(0.01, 10)).isEqualTo(0.02);
    }

    @Test
    void expertFieldsGivenAlongsideWin() {
        DreamSpec spec = DreamSpecFields.parse(Map.of("preset", "classic", "strength", "9", "stepsPerOctave", "3"));

        assertThat(spec.stepsPerOctave()).isEqualTo(3);
        assertThat(spec.stepSize()).isEqualTo(Strength.stepSize(Presets.CLASSIC.spec().stepSize(), 9));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 7, 10})
    void aSpecMadeWithAStrengthReadsBackFromItsFields(int strength) {
        DreamSpec spec = DreamSpecFields.parse(Map.of("preset", "textures", "strength", Integer.toString(strength)));

        assertThat(DreamSpecFields.parse(DreamSpecFields.toFields(spec))).isEqualTo(spec);
    }
}
