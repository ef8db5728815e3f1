package dev.oneira.engine.dream;

import dev.oneira.engine.bench.ProcessMemory;
import dev.oneira.engine.image.ImageConversions;
import dev.oneira.engine.image.ImageFiles;
import dev.oneira.engine.runtime.DreamRuntime;
import dev.oneira.shared.spec.DreamSpec;
import dev.oneira.shared.spec.InitMode;
import dev.oneira.shared.spec.LayerWeight;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Short real dreams on the real InceptionV3, on a small photo. */
class DreamEngineTest {
    private static DreamRuntime runtime;
    private static Planes photo;

    /** Small and quick: one octave of a few steps at 120x80. */
    private static final DreamSpec SMALL = DreamSpec.defaults()
            .withLayers(List.of(LayerWeight.of("mixed3", 1.0)))
            .withOctaves(0, 0).withStepsPerOctave(4).withStepSize(0.02)
            .withTileSize(128).withJitter(32).withMaxSide(120).withSeed(42);

    @BeforeAll
    static void start() throws Exception {
        runtime = DreamRuntime.start(2);
        BufferedImage cat = ImageFiles.decode(DreamEngineTest.class.getResourceAsStream("/photos/chelsea.png").readAllBytes(), "chelsea.png");
        photo = ImageConversions.toPlanes(ImageFiles.fitWithin(cat, 120));
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    void aShortDreamChangesThePhotoMeasurablyKeepsItsSizeAndStaysInRange() {
        List<Double> losses = new ArrayList<>();
        DreamResult result = runtime.engine().dream(photo, SMALL, s -> losses.add(s.loss()), () -> false);

        assertThat(result.image().height()).isEqualTo(80);
        assertThat(result.image().width()).isEqualTo(120);
        assertThat(result.image().meanAbsoluteDifference(photo)).as("mean change per value, in [-1, 1] units")
                .isGreaterThan(0.01);
        for (float v : result.image().data()) {
            assertThat(v).isBetween(-1f, 1f);
        }
        assertThat(losses).hasSize(4);
        assertThat(losses.get(3)).as("gradient ascent raises the objective").isGreaterThan(losses.get(0));
        assertThat(result.seed()).isEqualTo(42);
        assertThat(result.finalLoss()).isEqualTo(losses.get(3));
    }

    @Test
    void theSameSeedGivesTheSameDreamAndAnotherSeedAnotherOne() {
        DreamResult first = runtime.engine().dream(photo, SMALL, DreamListener.NONE, () -> false);
        DreamResult again = runtime.engine().dream(photo, SMALL, DreamListener.NONE, () -> false);
        DreamResult other = runtime.engine().dream(photo, SMALL.withSeed(43), DreamListener.NONE, () -> false);

        assertThat(again.image().data()).containsExactly(first.image().data());
        assertThat(other.image().meanAbsoluteDifference(first.image())).isGreaterThan(0.0);
    }

    /**
     * Early octaves of a small photo run the network on tiny inputs (54x43 here), where MKL's reductions
     * with two threads varied in their last bits from call to call unless MKL_CBWR is set; the
     * difference grew octave by octave into other bytes for the same seed.
     */
    @Test
    void theSameSeedGivesTheSameBitsThroughTinyEarlyOctavesWithTwoThreads() {
        assertThat(runtime.repeatable()).as("MKL_CBWR is set for the tests (pom.xml), as by ./oneira and the images")
                .isTrue();
        Planes small = photo.resized(77, 96);
        DreamSpec earlyOctaves = SMALL.withOctaves(-3, 0).withStepsPerOctave(10).withJitter(128).withMaxSide(96);
        float[] first = runtime.engine().dream(small.copy(), earlyOctaves, DreamListener.NONE, () -> false).image().data();
        assertThat(runtime.engine().dream(small.copy(), earlyOctaves, DreamListener.NONE, () -> false).image().data())
                .containsExactly(first);
    }

    @Test
    void withoutASeedOneIsChosenAndReported() {
        DreamResult result = runtime.engine().dream(photo, SMALL.withoutSeed().withStepsPerOctave(1), DreamListener.NONE, () -> false);
        assertThat(result.seed()).isBetween(0L, DreamSpec.MAX_SEED);
    }

    @Test
    void everyStepIsReportedWithItsOctaveAndAPreviewCanBeRendered() {
        DreamSpec twoOctaves = SMALL.withOctaves(0, 1).withStepsPerOctave(2);
        List<DreamStep> steps = new ArrayList<>();
        List<BufferedImage> previews = new ArrayList<>();
        runtime.engine().dream(photo, twoOctaves, s -> {
            steps.add(s);
            if (s.lastOfOctave()) {
                previews.add(s.preview().render(64));
            }
        }, () -> false);

        assertThat(steps).extracting(DreamStep::octave).containsExactly(0, 0, 1, 1);
        assertThat(steps).extracting(DreamStep::step).containsExactly(1, 2, 1, 2);
        assertThat(steps).extracting(DreamStep::stepsDone).containsExactly(1, 2, 3, 4);
        assertThat(steps).allSatisfy(s -> assertThat(s.totalSteps()).isEqualTo(4));
        assertThat(steps.get(3).fraction()).isEqualTo(1.0);
        assertThat(steps.get(2).width()).isEqualTo(168); // 120 x 1.4, the default octave scale
        assertThat(previews).hasSize(2).allSatisfy(p -> assertThat(Math.max(p.getWidth(), p.getHeight())).isEqualTo(64));
    }

    @Test
    void octavesBelowTheNetworksMinimumAreRaisedWithANotice() {
        // 80 / 1.3^4 = 28 px, below InceptionV3's minimum up to mixed5 (43 px)
        DreamResult result = runtime.engine().dream(photo, SMALL.withOctaves(-4, 0).withStepsPerOctave(1), DreamListener.NONE, () -> false);
        assertThat(result.notices()).isNotEmpty().allSatisfy(n -> assertThat(n).contains("minimum side"));
        assertThat(result.image().width()).isEqualTo(120);
    }

    @Test
    void aCancelledDreamStopsWithDreamCancelled() {
        AtomicInteger steps = new AtomicInteger();
        assertThatThrownBy(() -> runtime.engine().dream(photo, SMALL, s -> steps.incrementAndGet(), () -> steps.get() >= 1))
                .isInstanceOf(DreamCancelledException.class);
        assertThat(steps.get()).isEqualTo(1);
    }

    @Test
    void aDreamFromNoiseKeepsThePhotosSizeButNotItsContentAndIsSeeded() {
        DreamSpec fromNoise = SMALL.withInit(InitMode.NOISE);
        DreamResult dream = runtime.engine().dream(photo, fromNoise, DreamListener.NONE, () -> false);
        DreamResult again = runtime.engine().dream(photo, fromNoise, DreamListener.NONE, () -> false);

        assertThat(dream.image().width()).isEqualTo(120);
        assertThat(dream.image().meanAbsoluteDifference(photo)).isGreaterThan(0.1);
        assertThat(again.image().data()).containsExactly(dream.image().data());
    }

    @Test
    void residentMemoryStaysFlatOverManySteps() {
        DreamSpec many = SMALL.withStepsPerOctave(10);
        runtime.engine().dream(photo, many, DreamListener.NONE, () -> false); // warm up allocator pools
        long before = ProcessMemory.residentKb();
        for (int i = 0; i < 4; i++) {
            runtime.engine().dream(photo, many, DreamListener.NONE, () -> false);
        }
        long grownMb = (ProcessMemory.residentKb() - before) / 1024;
        // Without per-step sub-managers this grew by several MB per step (40 steps here).
        assertThat(grownMb).as("RSS growth over 40 steps, MB").isLessThan(48);
    }
}
