package dev.oneira.engine.dream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OctaveScheduleTest {

    @Test
    void octavesScaleTheBaseSizeByScaleToTheNthPower() {
        OctaveSchedule s = OctaveSchedule.of(375, 500, 1.3, -2, 2, 75);
        assertThat(s.sizes()).extracting(OctaveSchedule.Size::toString)
                .containsExactly("296x222", "385x288", "500x375", "650x488", "845x634");
        assertThat(s.notices()).isEmpty();
    }

    @Test
    void aSingleOctaveIsTheBaseSize() {
        assertThat(OctaveSchedule.of(80, 120, 1.3, 0, 0, 75).sizes()).containsExactly(new OctaveSchedule.Size(80, 120));
    }

    @Test
    void octavesTooSmallForTheNetworkAreRaisedToItsMinimumWithANotice() {
        OctaveSchedule s = OctaveSchedule.of(100, 150, 1.3, -2, 0, 75);
        // 100 / 1.69 = 59 and 100 / 1.3 = 77: only the first falls below 75.
        assertThat(s.sizes().get(0).height()).isEqualTo(75);
        assertThat(s.sizes().get(0).width()).isGreaterThanOrEqualTo(112);
        assertThat(s.sizes().get(1)).isEqualTo(new OctaveSchedule.Size(77, 115));
        assertThat(s.notices()).singleElement().asString()
                .contains("octave -2").contains("minimum side of 75");
    }
}
