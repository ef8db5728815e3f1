package dev.oneira.engine.dream;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.oneira.engine.image.ImageConversions;
import dev.oneira.engine.image.ImageFiles;
import dev.oneira.engine.runtime.DreamRuntime;
import dev.oneira.shared.spec.ColorMode;
import dev.oneira.shared.spec.DreamSpec;
import dev.oneira.shared.spec.GradientMode;
import dev.oneira.shared.spec.LayerWeight;
import dev.oneira.shared.spec.OctaveDetail;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What each of the dream's controls promises, on the real InceptionV3 and a small photo: detail
 * kept through the octaves, original colours, masks, single channels, guide images and the
 * Laplacian gradient.
 */
class DreamControlsTest {
    private static DreamRuntime runtime;
    private static Planes photo;
    private static Planes coffee;

    /** One octave of a few visible steps at 120x80. */
    private static final DreamSpec SMALL = DreamSpec.defaults()
            .withLayers(List.of(LayerWeight.of("mixed3", 1.0)))
            .withOctaves(0, 0).withStepsPerOctave(4).withStepSize(0.03)
            .withTileSize(128).withJitter(32).withMaxSide(120).withSeed(7);

    @BeforeAll
    static void start() throws Exception {
        runtime = DreamRuntime.start(2);
        photo = load("/photos/chelsea.png", 120);
        coffee = load("/photos/coffee.png", 120);
    }

    private static Planes load(String resource, int side) throws Exception {
        BufferedImage image = ImageFiles.decode(DreamControlsTest.class.getResourceAsStream(resource).readAllBytes(), resource);
        return ImageConversions.toPlanes(ImageFiles.fitWithin(image, side));
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    private static DreamResult dream(DreamInputs inputs, DreamSpec spec) {
        return runtime.engine().dream(inputs, spec, DreamListener.NONE, () -> false);
    }

    /** Five octaves of practically no dreaming. */
    private static final DreamSpec ALMOST_NOTHING = SMALL.withOctaves(-2, 2).withStepsPerOctave(1).withStepSize(0.0001);

    @Test
    void fiveOctavesOfAlmostNoDreamingGiveThePhotoBackWithAllItsDetail() {
        DreamResult result = dream(DreamInputs.of(photo), ALMOST_NOTHING);

        assertThat(PictureMeasures.meanAbsoluteDifference255(result.image(), photo)).as("mean |difference|, of 255")
                .isLessThanOrEqualTo(0.5);
        assertThat(PictureMeasures.fineDetail(result.image()) / PictureMeasures.fineDetail(photo))
                .as("fine detail kept (mean |Laplacian| of grey, output / photo)").isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void resamplingTheDreamItselfAsTheTutorialDoesBlursThePhoto() {
        // The tutorial's schedule is the mutation the test above must catch: it fails both bounds.
        DreamResult result = dream(DreamInputs.of(photo), ALMOST_NOTHING.withDetail(OctaveDetail.TUTORIAL));

        assertThat(PictureMeasures.meanAbsoluteDifference255(result.image(), photo)).isGreaterThan(0.5);
        assertThat(PictureMeasures.fineDetail(result.image()) / PictureMeasures.fineDetail(photo)).isLessThan(0.95);
    }

    @Test
    void originalColoursKeepThePhotosChromaAndChangeOnlyBrightness() {
        DreamResult keep = dream(DreamInputs.of(coffee), SMALL.withColors(ColorMode.ORIGINAL));
        DreamResult free = dream(DreamInputs.of(coffee), SMALL);

        assertThat(PictureMeasures.meanChromaDifference255(keep.image(), coffee)).as("mean |dCb| + |dCr| / 2, of 255")
                .isLessThanOrEqualTo(1.0);
        assertThat(PictureMeasures.meanChromaDifference255(free.image(), coffee)).isGreaterThan(2.0);
        assertThat(PictureMeasures.meanAbsoluteDifference255(keep.image(), coffee)).as("it still dreams").isGreaterThan(2.0);
    }

    @Test
    void aMaskKeepsThePhotoWhereBlackAndDreamsWhereWhite() {
        Planes mask = new Planes(1, 40, 60); // left half black, right half white, at another size than the photo
        for (int y = 0; y < 40; y++) {
            for (int x = 30; x < 60; x++) {
                mask.data()[y * 60 + x] = 1f;
            }
        }
        DreamResult result = dream(DreamInputs.of(photo).withMask(mask), SMALL.withOctaves(-1, 1).withMask(true));

        Planes left = PictureMeasures.crop(result.image(), 0, 0, 80, 56);
        Planes right = PictureMeasures.crop(result.image(), 0, 64, 80, 56);
        assertThat(PictureMeasures.meanAbsoluteDifference255(left, PictureMeasures.crop(photo, 0, 0, 80, 56)))
                .as("black half, of 255").isLessThanOrEqualTo(1.0);
        assertThat(PictureMeasures.meanAbsoluteDifference255(right, PictureMeasures.crop(photo, 0, 64, 80, 56)))
                .as("white half, of 255").isGreaterThan(3.0);
    }

    @Test
    void oneChannelsDreamRaisesThatChannelMoreThanTheLayersOthers() {
        int channel = 100;
        DreamResult result = dream(DreamInputs.of(photo),
                SMALL.withLayers(List.of(LayerWeight.of("mixed3", channel, 1))).withStepsPerOctave(6));

        float[] before = channelMeans(photo, "mixed3");
        float[] after = channelMeans(result.image(), "mixed3");
        double target = after[channel] - before[channel];
        double others = 0;
        for (int c = 0; c < before.length; c++) {
            others += c == channel ? 0 : (after[c] - before[c]) / (before.length - 1);
        }
        assertThat(target).as("rise of channel %d's mean vs the others' mean rise", channel).isGreaterThan(others + 0.5);
    }

    @Test
    void aGuideRaisesTheGuidedObjectiveAndDreamsDifferentlyFromNoGuide() {
        List<Double> losses = new ArrayList<>();
        DreamSpec guided = SMALL.withGuide(true).withStepsPerOctave(5);
        DreamResult withGuide = runtime.engine().dream(DreamInputs.of(photo).withGuide(coffee), guided,
                step -> losses.add(step.loss()), () -> false);
        DreamResult without = dream(DreamInputs.of(photo), SMALL.withStepsPerOctave(5));

        assertThat(losses).hasSize(5);
        assertThat(losses.get(4)).as("guided objective, last vs first step").isGreaterThan(losses.get(0));
        assertThat(PictureMeasures.meanAbsoluteDifference255(withGuide.image(), without.image())).isGreaterThan(1.0);
    }

    @Test
    void theLaplacianGradientDreamsSmootherThanTheStandardOne() {
        DreamSpec spec = SMALL.withStepsPerOctave(6);
        DreamResult laplacian = dream(DreamInputs.of(photo), spec.withGradient(GradientMode.LAPLACIAN));
        DreamResult standard = dream(DreamInputs.of(photo), spec);

        double lapDetail = PictureMeasures.fineDetail(laplacian.image().minus(photo));
        double stdDetail = PictureMeasures.fineDetail(standard.image().minus(photo));
        assertThat(lapDetail).as("fine detail of what the Laplacian dream added vs the standard one")
                .isLessThan(stdDetail);
    }

    @Test
    void inputsThatDoNotMatchTheSpecAreRefused() {
        assertThatThrownBy(() -> dream(DreamInputs.of(photo), SMALL.withGuide(true)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("guide");
        assertThatThrownBy(() -> dream(DreamInputs.of(photo).withMask(new Planes(1, 8, 8)), SMALL))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mask");
    }

    private static float[] channelMeans(Planes image, String layer) {
        try (NDManager m = runtime.manager().newSubManager()) {
            NDArray input = m.create(image.data(), new Shape(1, 3, image.height(), image.width()));
            Map<String, NDArray> a = runtime.network().activations(input, List.of(layer));
            return LayerWeights.guideMatrix(a.get(layer)).mean(new int[] {1}).toFloatArray();
        }
    }
}
