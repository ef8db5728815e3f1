package dev.oneira.shared.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScreeningTest {

    private static final Instant AT = Instant.parse("2026-12-02T20:00:00Z");
    private static final NsfwScores HARMLESS = new NsfwScores(0.02, 0.01, 0.95, 0.01, 0.01);
    private static final NsfwScores EXPLICIT = new NsfwScores(0.0, 0.1, 0.05, 0.7, 0.15);

    @Test
    void holdsWhenTheExplicitScoreReachesTheThreshold() {
        assertThat(Screening.of(HARMLESS, null, 0.7, AT).held()).isFalse();
        assertThat(Screening.of(EXPLICIT, null, 0.7, AT).held()).isTrue();
        assertThat(Screening.of(EXPLICIT, null, EXPLICIT.explicit(), AT).held()).as("at the threshold").isTrue();
    }

    @Test
    void thresholdZeroHoldsEverythingAndOneHoldsOnlyCertainty() {
        assertThat(Screening.of(new NsfwScores(0, 0, 1, 0, 0), null, 0, AT).held()).isTrue();
        assertThat(Screening.of(EXPLICIT, null, 1, AT).held()).isFalse();
    }

    @Test
    void theGuideImageCountsAsMuchAsTheOriginal() {
        Screening withGuide = Screening.of(HARMLESS, EXPLICIT, 0.7, AT);
        assertThat(withGuide.held()).isTrue();
        assertThat(withGuide.explicit()).isEqualTo(EXPLICIT.explicit());
    }

    @Test
    void refusesAThresholdOutsideZeroToOne() {
        assertThatThrownBy(() -> Screening.of(HARMLESS, null, 1.5, AT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("from 0 to 1");
        assertThatThrownBy(() -> Screening.of(HARMLESS, null, Double.NaN, AT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ranksTheClassesMostProbableFirst() {
        assertThat(EXPLICIT.ranked()).extracting(e -> e.getKey()).containsExactly("porn", "sexy", "hentai", "neutral",
                "drawing");
        assertThat(EXPLICIT.explicit()).isCloseTo(0.95, org.assertj.core.data.Offset.offset(1e-12));
    }
}
