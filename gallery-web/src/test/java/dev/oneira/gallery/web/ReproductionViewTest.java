package dev.oneira.gallery.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.manifest.DreamManifest;
import dev.oneira.shared.manifest.EngineIdentity;
import dev.oneira.shared.manifest.Visibility;
import dev.oneira.shared.spec.DreamSpec;

class ReproductionViewTest {

    static final EngineIdentity A = new EngineIdentity("a".repeat(64), "0.1.0-SNAPSHOT+1234567");
    static final EngineIdentity B = new EngineIdentity("b".repeat(64), "0.1.0-SNAPSHOT+1234567");
    static final DreamManifest DREAM = DreamManifest.queued(DreamId.next(), DreamSpec.defaults(), 64, 48,
            Instant.parse("2026-12-02T20:00:00Z"), Visibility.PUBLIC, null);

    @Test
    void thePageShowsTheShortHashAndTheEngineVersion() {
        assertThat(ReproductionView.rows(DREAM.withEngine(A))).singleElement()
                .satisfies(r -> assertThat(r.value()).isEqualTo("weights aaaaaaaaaaaa, engine 0.1.0-SNAPSHOT+1234567"));
        assertThat(ReproductionView.rows(DREAM)).singleElement()
                .satisfies(r -> assertThat(r.value()).startsWith("not recorded"));
    }

    @Test
    void aNoteOnlyWhenBothNetworksAreKnownAndDiffer() {
        assertThat(ReproductionView.networkNote(DREAM.withEngine(A), Optional.of(B)))
                .contains("aaaaaaaaaaaa", "bbbbbbbbbbbb", "will not give the same picture");
        assertThat(ReproductionView.networkNote(DREAM.withEngine(A), Optional.of(A))).isNull();
        assertThat(ReproductionView.networkNote(DREAM.withEngine(A), Optional.empty())).isNull();
        assertThat(ReproductionView.networkNote(DREAM, Optional.of(B))).isNull();
    }
}
