package dev.oneira.gallery.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.oneira.shared.manifest.DreamStatus;

class EtaWordsTest {

    static final Instant NOW = Instant.parse("2026-12-02T20:00:00Z");

    @Test
    void aQueuedDreamSaysWhenItStartsAndWhenItIsDone() {
        assertThat(EtaWords.of(DreamStatus.QUEUED, NOW.plusSeconds(118), NOW.plusSeconds(158), NOW))
                .isEqualTo("Starts in about 2 min, done in about 3 min.");
    }

    @Test
    void aDreamBeingDreamtSaysWhenItIsDone() {
        assertThat(EtaWords.of(DreamStatus.DREAMING, NOW.minusSeconds(10), NOW.plusSeconds(41), NOW))
                .isEqualTo("Done in about 40 s.");
    }

    @Test
    void anEstimateDueOrPastIsAnyMomentNowAndNoEstimateHasNoWords() {
        assertThat(EtaWords.of(DreamStatus.QUEUED, NOW.minusSeconds(3), NOW.plusSeconds(2), NOW))
                .isEqualTo("Starts any moment now, done any moment now.");
        assertThat(EtaWords.of(DreamStatus.QUEUED, null, null, NOW)).isNull();
    }
}
