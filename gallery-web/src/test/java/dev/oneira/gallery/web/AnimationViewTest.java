package dev.oneira.gallery.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.manifest.DreamManifest;
import dev.oneira.shared.manifest.Visibility;
import dev.oneira.shared.spec.Presets;

/** What an animation's page shows: its video and share card, the progress line, its settings. */
class AnimationViewTest {

    private static DreamManifest done(int width, int height) {
        Instant t = Instant.parse("2026-12-02T12:00:00Z");
        return DreamManifest.queued(DreamId.next(), Presets.ZOOM.spec(), width, height, t, Visibility.PUBLIC, "h")
                .done(Presets.ZOOM.spec().withSeed(1), width, height, t, 1000, "w");
    }

    @Test
    void aFinishedAnimationsVideoHasAbsoluteLinksAnEvenSizeAndIsSecureOnlyBehindHttps() {
        DreamManifest m = done(511, 341);
        AnimationView.Video plain = AnimationView.video(m, "http://127.0.0.1:8080");
        assertThat(plain.url()).isEqualTo("http://127.0.0.1:8080/media/videos/" + m.id() + ".mp4");
        assertThat(plain.posterUrl()).isEqualTo("http://127.0.0.1:8080/media/posters/" + m.id() + ".jpg");
        assertThat(plain.downloadUrl()).isEqualTo("/media/videos/" + m.id() + ".mp4?download=1");
        assertThat(plain.width()).isEqualTo(510);
        assertThat(plain.height()).isEqualTo(340);
        assertThat(plain.secure()).isFalse();
        var a = Presets.ZOOM.spec().animation();
        assertThat(plain.length()).endsWith(" s, " + a.frames() + " frames at " + a.fps() + " fps");
        assertThat(AnimationView.video(m, "https://oneira.example").secure()).isTrue();
    }

    @Test
    void aStillOrAnUnfinishedAnimationHasNoVideo() {
        DreamManifest m = done(64, 64);
        assertThat(AnimationView.video(m.withSpec(m.spec().withAnimation(null)), "http://x")).isNull();
        assertThat(AnimationView.video(m.withStatus(dev.oneira.shared.manifest.DreamStatus.DREAMING), "http://x"))
                .isNull();
        assertThat(AnimationView.rows(m.spec().withAnimation(null))).isEmpty();
        assertThat(AnimationView.rows(m.spec())).extracting(DreamPage.Row::label)
                .contains("Video", "Zoom per frame", "Steps per frame");
    }

    @Test
    void theProgressLineCountsFramesFromOne() {
        assertThat(AnimationView.progressText(null)).isEqualTo("starting");
        assertThat(AnimationView.progressText(new DreamView.Progress(1, 5, 3, 10, 13, 50, 0.26, null, null, null)))
                .isEqualTo("octave 2 of 5, step 3 of 10");
        assertThat(AnimationView.progressText(new DreamView.Progress(1, 5, 3, 10, 13, 334, 0.04, null, 0, 72)))
                .isEqualTo("frame 1 of 72 (the first, a full dream: octave 2 of 5, step 3 of 10)");
        assertThat(AnimationView.progressText(new DreamView.Progress(0, 1, 2, 4, 194, 334, 0.58, null, 36, 72)))
                .isEqualTo("frame 37 of 72");
        assertThat(AnimationView.progressText(new DreamView.Progress(0, 1, 4, 4, 334, 334, 1, null, 72, 72)))
                .isEqualTo("frame 72 of 72");
    }
}
