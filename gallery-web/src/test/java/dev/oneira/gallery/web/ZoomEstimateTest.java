package dev.oneira.gallery.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

import dev.oneira.shared.spec.Animation;
import dev.oneira.shared.spec.DreamSpec;
import dev.oneira.shared.spec.Presets;

/** The time an animation is estimated to take, and the words the form and page show for it. */
class ZoomEstimateTest {

    private static final DreamSpec ZOOM = Presets.ZOOM.spec();

    @Test
    void onASquarePhotoTheWorkIsWhatDreamSpecsWorkBoundCounts() {
        DreamSpec spec = ZOOM.withAnimation(ZOOM.animation().withFrames(120).withStepsPerFrame(7));
        assertThat(ZoomEstimate.megapixelSteps(spec, spec.maxSide(), spec.maxSide()))
                .isCloseTo(spec.workMegapixelSteps(), within(1e-9));
        assertThat(ZoomEstimate.seconds(spec, spec.maxSide(), spec.maxSide()))
                .isCloseTo(spec.workMegapixelSteps() * ZoomEstimate.SECONDS_PER_MEGAPIXEL_STEP, within(1e-9));
    }

    @Test
    void aWiderPhotoHasFewerPixelsPerFrameAndEveryFrameCounts() {
        double square = ZoomEstimate.seconds(ZOOM, 512, 512);
        assertThat(ZoomEstimate.seconds(ZOOM, 512, 256)).isCloseTo(square / 2, within(1e-9));
        Animation a = ZOOM.animation();
        double perFrame = 512.0 * 512 * a.stepsPerFrame() / 1e6 * ZoomEstimate.SECONDS_PER_MEGAPIXEL_STEP;
        assertThat(ZoomEstimate.seconds(ZOOM.withAnimation(a.withFrames(a.frames() + 10)), 512, 512) - square)
                .isCloseTo(10 * perFrame, within(1e-9));
        assertThat(ZoomEstimate.seconds(ZOOM.withAnimation(null), 512, 512))
                .as("a still: its octaves alone").isLessThan(square);
    }

    @Test
    void secondsAreSaidAsAnEstimateDeserves() {
        assertThat(ZoomEstimate.words(2)).isEqualTo("about 5 s");
        assertThat(ZoomEstimate.words(43)).isEqualTo("about 45 s");
        assertThat(ZoomEstimate.words(174)).isEqualTo("about 3 min");
        assertThat(ZoomEstimate.words(4800)).isEqualTo("about 1 h 20 min");
    }
}
