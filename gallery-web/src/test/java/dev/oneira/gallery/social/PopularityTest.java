package dev.oneira.gallery.social;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The popular order's formula: its decay, and that the stored rank orders as the decaying score at any moment. */
class PopularityTest {

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void moreLikesRankHigherAndOlderLowerAtEqualLikes() {
        assertThat(Popularity.rank(T0, 5)).isGreaterThan(Popularity.rank(T0, 4));
        assertThat(Popularity.rank(T0, 1)).isGreaterThan(Popularity.rank(T0, 0));
        assertThat(Popularity.rank(T0.minusSeconds(1), 3)).isLessThan(Popularity.rank(T0, 3));
        assertThat(Popularity.score(3, Duration.ofHours(5))).isLessThan(Popularity.score(3, Duration.ofHours(4)));
    }

    @Test
    void aLikeHalvesInWeightPerHalfLife() {
        Duration age = Duration.ofHours(7);
        assertThat(Popularity.score(9, age.plus(Popularity.HALF_LIFE)))
                .isCloseTo(Popularity.score(9, age) / 2, within(1e-12));
        assertThat(Popularity.score(0, Duration.ZERO)).isEqualTo(1.0);
        // a doubling of likes + 1 is worth one half-life of newness
        assertThat(Popularity.rank(T0, 1)).isEqualTo(Popularity.rank(T0.plus(Popularity.HALF_LIFE), 0));
        assertThat(Popularity.rank(T0, 0)).isEqualTo(T0.toEpochMilli() / 1000.0);
    }

    @Test
    void theRankOrdersDreamsAsTheScoreDoesAtEveryMoment() {
        Random random = new Random(12);
        record Dream(Instant created, int likes) {
        }
        List<Dream> dreams = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            dreams.add(new Dream(T0.minusSeconds(random.nextInt(30 * 24 * 3600)), random.nextInt(50)));
        }
        List<Dream> byRank = dreams.stream()
                .sorted(Comparator.comparingDouble((Dream d) -> Popularity.rank(d.created(), d.likes())).reversed())
                .toList();
        for (Duration later : List.of(Duration.ZERO, Duration.ofHours(1), Duration.ofDays(3), Duration.ofDays(40))) {
            Instant now = T0.plus(later);
            List<Dream> byScore = dreams.stream().sorted(Comparator.comparingDouble(
                    (Dream d) -> Popularity.score(d.likes(), Duration.between(d.created(), now))).reversed()).toList();
            assertThat(byScore).as("order %s after T0", later).isEqualTo(byRank);
        }
    }

    @Test
    void negativeLikesAreRefused() {
        assertThatThrownBy(() -> Popularity.rank(T0, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0 or more");
    }
}
