package dev.oneira.engine.zoom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oneira.engine.dream.DreamInputs;
import dev.oneira.engine.dream.DreamListener;
import dev.oneira.engine.dream.Planes;
import dev.oneira.engine.image.ImageConversions;
import dev.oneira.engine.image.ImageFiles;
import dev.oneira.engine.runtime.DreamRuntime;
import dev.oneira.shared.spec.DreamSpec;
import dev.oneira.shared.spec.LayerWeight;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The zoom animation on the real InceptionV3, at 96x64 with one step per frame to stay quick. */
class ZoomAnimatorTest {
    private static DreamRuntime runtime;
    private static Planes photo;

    private static final DreamSpec SMALL = DreamSpec.defaults()
            .withLayers(List.of(LayerWeight.of("mixed3", 1.0)))
            .withOctaves(-1, 0).withStepsPerOctave(2).withStepSize(0.03)
            .withTileSize(128).withJitter(16).withMaxSide(96);

    private static final ZoomSettings SIX = new ZoomSettings(6, 1.1, 0, 0, 0, 1, 0);

    @BeforeAll
    static void start() throws Exception {
        runtime = DreamRuntime.start(2);
        String resource = "/photos/chelsea.png";
        BufferedImage image = ImageFiles.decode(ZoomAnimatorTest.class.getResourceAsStream(resource).readAllBytes(), resource);
        photo = ImageConversions.toPlanes(ImageFiles.fitWithin(image, 96));
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    private static List<ZoomFrame> animate(ZoomSettings zoom, long seed, ZoomCheckpoint resume) throws Exception {
        List<ZoomFrame> frames = new ArrayList<>();
        new ZoomAnimator(runtime.engine()).animate(DreamInputs.of(photo), SMALL, zoom, seed, resume,
                f -> frames.add(new ZoomFrame(f.index(), f.total(), f.image().copy(), f.elapsed())),
                DreamListener.NONE, () -> false);
        return frames;
    }

    @Test
    void every_frame_comes_in_order_at_the_photos_size() throws Exception {
        List<ZoomFrame> frames = animate(SIX, 5, null);

        assertThat(frames).extracting(ZoomFrame::index).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(frames).allSatisfy(f -> {
            assertThat(f.total()).isEqualTo(6);
            assertThat(f.image().width()).isEqualTo(photo.width());
            assertThat(f.image().height()).isEqualTo(photo.height());
        });
    }

    @Test
    void frame_zero_is_the_still_dream_with_the_same_seed() throws Exception {
        Planes still = runtime.engine().dream(DreamInputs.of(photo), SMALL.withSeed(5), DreamListener.NONE, () -> false)
                .image();

        assertThat(animate(new ZoomSettings(1, 1.1, 0, 0, 0, 1, 0), 5, null).get(0).image().data())
                .containsExactly(still.data());
    }

    @Test
    void each_frame_is_the_previous_one_zoomed_then_dreamt_a_little() throws Exception {
        List<ZoomFrame> frames = animate(new ZoomSettings(2, 1.25, 0, 0, 0, 1, 0), 5, null);
        Planes zoomed = ZoomTransform.apply(frames.get(0).image(), 1.25, 0, 0, 0);
        Planes unzoomed = frames.get(0).image();

        // One small step later, frame 1 is much nearer the zoomed frame 0 than frame 0 as it was.
        double toZoomed = frames.get(1).image().meanAbsoluteDifference(zoomed);
        double toUnzoomed = frames.get(1).image().meanAbsoluteDifference(unzoomed);
        assertThat(toZoomed).isLessThan(toUnzoomed / 2);
        assertThat(toZoomed).as("and it was dreamt on").isGreaterThan(0.001);
    }

    @Test
    void the_same_seed_gives_the_same_frames_and_another_seed_others() throws Exception {
        List<ZoomFrame> a = animate(SIX, 5, null);
        List<ZoomFrame> b = animate(SIX, 5, null);
        List<ZoomFrame> c = animate(SIX, 6, null);

        for (int i = 0; i < a.size(); i++) {
            assertThat(b.get(i).image().data()).containsExactly(a.get(i).image().data());
        }
        assertThat(c.get(5).image().meanAbsoluteDifference(a.get(5).image())).isGreaterThan(0.001);
    }

    @Test
    void a_run_resumed_from_a_checkpoint_gives_the_frames_of_one_that_never_stopped() throws Exception {
        List<ZoomFrame> whole = animate(SIX, 5, null);

        List<ZoomFrame> resumed = animate(SIX, 5, new ZoomCheckpoint(2, whole.get(2).image().copy()));

        assertThat(resumed).extracting(ZoomFrame::index).containsExactly(3, 4, 5);
        for (ZoomFrame f : resumed) {
            assertThat(f.image().data()).containsExactly(whole.get(f.index()).image().data());
        }
    }

    @Test
    void memory_stays_flat_however_many_frames() throws Exception {
        ZoomSettings many = new ZoomSettings(60, 1.02, 0.5, 0.3, 0, 1, 0.1);
        Runtime rt = Runtime.getRuntime();
        long[] peak = new long[1];
        long[] afterFirst = new long[1];
        new ZoomAnimator(runtime.engine()).animate(DreamInputs.of(photo), SMALL, many, 5, null, f -> {
            if (f.index() == 5) {
                System.gc();
                afterFirst[0] = rt.totalMemory() - rt.freeMemory();
            } else if (f.index() > 5 && f.index() % 10 == 0) {
                System.gc();
                peak[0] = Math.max(peak[0], rt.totalMemory() - rt.freeMemory());
            }
        }, DreamListener.NONE, () -> false);

        // Frames are not kept: 55 more 96x64 frames held would add 55 x 74 KB of floats alone.
        assertThat(peak[0] - afterFirst[0]).isLessThan(2_000_000);
    }

    @Test
    void masks_and_checkpoints_past_the_end_are_refused_with_the_reason() {
        Planes mask = new Planes(1, photo.height(), photo.width());
        assertThatThrownBy(() -> new ZoomAnimator(runtime.engine()).animate(DreamInputs.of(photo).withMask(mask),
                SMALL.toBuilder().mask(true).build(), SIX, 5, null, f -> { }, DreamListener.NONE, () -> false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot have a mask");
        assertThatThrownBy(() -> animate(SIX, 5, new ZoomCheckpoint(6, photo.copy())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0..5");
    }
}
