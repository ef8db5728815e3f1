package dev.oneira.worker.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.oneira.shared.moderation.Approval;
import dev.oneira.shared.moderation.NsfwScores;
import dev.oneira.shared.moderation.Screening;

/**
 * The decision before dreaming, from the classifier's five probabilities (given here as numbers, as
 * the classifier would give them for a picture; the classifier itself is tested against nsfwjs in
 * the engine, and the whole path with it in ScreeningTest and ScreeningIT).
 */
class ScreenerTest {

    /** A harmless photo as the classifier saw samples/astronaut.png: explicit 0.0257. */
    private static final NsfwScores PHOTO = new NsfwScores(0.0059, 0.0021, 0.9684, 0.0089, 0.0147);
    /** A picture the classifier finds explicit: porn + hentai + sexy = 0.8. */
    private static final NsfwScores EXPLICIT = new NsfwScores(0.05, 0.05, 0.15, 0.6, 0.15);

    private static final BufferedImage ORIGINAL = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
    private static final BufferedImage GUIDE = new BufferedImage(20, 20, BufferedImage.TYPE_INT_RGB);

    private final List<BufferedImage> classified = new ArrayList<>();

    /** Scores by picture: the original is {@code original}, the guide {@code guide}. */
    private Screener screener(double threshold, NsfwScores original, NsfwScores guide) {
        return new Screener(picture -> {
            classified.add(picture);
            return picture == GUIDE ? guide : original;
        }, threshold);
    }

    @Test
    void aPhotoBelowTheThresholdIsDreamtAndAnExplicitOneIsHeld() {
        Screening passed = screener(0.5, PHOTO, null).screen(ORIGINAL, null);
        assertThat(passed.held()).isFalse();
        assertThat(passed.original()).isEqualTo(PHOTO);
        assertThat(passed.guide()).isNull();
        assertThat(passed.threshold()).isEqualTo(0.5);
        assertThat(Screener.holds(passed, null)).isFalse();

        Screening held = screener(0.5, EXPLICIT, null).screen(ORIGINAL, null);
        assertThat(held.held()).isTrue();
        assertThat(Screener.holds(held, null)).isTrue();
        assertThat(classified).containsExactly(ORIGINAL, ORIGINAL);
    }

    @Test
    void theThresholdItselfHoldsAndZeroHoldsEveryPicture() {
        assertThat(screener(EXPLICIT.explicit(), EXPLICIT, null).screen(ORIGINAL, null).held()).isTrue();
        assertThat(screener(Math.nextUp(EXPLICIT.explicit()), EXPLICIT, null).screen(ORIGINAL, null).held()).isFalse();
        assertThat(screener(0, new NsfwScores(0, 0, 1, 0, 0), null).screen(ORIGINAL, null).held()).isTrue();
    }

    @Test
    void theGuideImageIsScreenedTooAndAnExplicitGuideHoldsAHarmlessPhoto() {
        Screening screening = screener(0.5, PHOTO, EXPLICIT).screen(ORIGINAL, GUIDE);

        assertThat(classified).containsExactly(ORIGINAL, GUIDE);
        assertThat(screening.original()).isEqualTo(PHOTO);
        assertThat(screening.guide()).isEqualTo(EXPLICIT);
        assertThat(screening.explicit()).isEqualTo(EXPLICIT.explicit());
        assertThat(screening.held()).isTrue();
    }

    @Test
    void aModeratorsApprovalLetsAHeldDreamBeDreamt() {
        Screening held = screener(0.5, EXPLICIT, null).screen(ORIGINAL, null);

        assertThat(Screener.holds(held, new Approval("mod", Instant.now()))).isFalse();
        assertThat(held.held()).as("the screening itself is kept as it was").isTrue();
    }

    @Test
    void aThresholdOutsideZeroToOneIsRefusedInWordsThatSayWhatIsAllowed() {
        for (double bad : new double[] {-0.01, 1.01, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> screener(bad, PHOTO, null)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("from 0 to 1").hasMessageContaining("porn + hentai + sexy")
                    .hasMessageContaining(String.valueOf(bad));
        }
        assertThat(screener(0, PHOTO, null).threshold()).isZero();
        assertThat(screener(1, PHOTO, null).threshold()).isEqualTo(1.0);
    }
}
