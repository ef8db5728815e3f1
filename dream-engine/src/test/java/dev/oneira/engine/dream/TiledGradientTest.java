package dev.oneira.engine.dream;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The tiled, rolled gradient is the true gradient of the tiled, rolled objective. */
class TiledGradientTest {
    private static NDManager manager;
    private static TinyNetwork network;
    private static TiledGradient gradient;
    private static final LayerWeights OBJECTIVE = new LayerWeights(Map.of("a", 0.7, "b", 1.3));

    @BeforeAll
    static void start() {
        manager = Engine.getEngine("PyTorch").newBaseManager();
        network = new TinyNetwork(manager, 7);
        gradient = new TiledGradient(network, manager);
    }

    @AfterAll
    static void stop() {
        network.close();
        manager.close();
    }

    private static Planes randomImage(int h, int w, long seed) {
        Random random = new Random(seed);
        Planes p = new Planes(3, h, w);
        for (int i = 0; i < p.data().length; i++) {
            p.data()[i] = (float) (random.nextDouble() * 1.6 - 0.8);
        }
        return p;
    }

    @Test
    void oneTileUnderARollMatchesFiniteDifferences() {
        assertMatchesFiniteDifferences(randomImage(10, 12, 1), 64, 3, -5, 1.0);
    }

    @Test
    void fourTilesUnderARollMatchFiniteDifferencesOfTheirSummedObjective() {
        // 16x16 in tiles of 8: four tiles; the reported loss is their mean, the gradient their sum.
        assertMatchesFiniteDifferences(randomImage(16, 16, 2), 8, -6, 9, 4.0);
    }

    private static void assertMatchesFiniteDifferences(Planes image, int tile, int dy, int dx, double tiles) {
        Planes g = gradient.compute(image, OBJECTIVE, tile, dy, dx, () -> false).gradient();
        Random pick = new Random(3);
        double eps = 1e-3;
        for (int k = 0; k < 25; k++) {
            int i = pick.nextInt(image.data().length);
            float original = image.data()[i];
            image.data()[i] = (float) (original + eps);
            double plusDelta = image.data()[i] - (double) original;
            double plus = tiles * gradient.compute(image, OBJECTIVE, tile, dy, dx, () -> false).loss();
            image.data()[i] = (float) (original - eps);
            double minusDelta = original - (double) image.data()[i];
            double minus = tiles * gradient.compute(image, OBJECTIVE, tile, dy, dx, () -> false).loss();
            image.data()[i] = original;
            double numeric = (plus - minus) / (plusDelta + minusDelta);
            assertThat((double) g.data()[i]).as("d objective / d pixel %d", i)
                    .isCloseTo(numeric, within(1e-5 + 1e-3 * Math.abs(numeric)));
        }
    }

    @Test
    void everyPixelGetsAGradientWhateverTheRoll() {
        Planes g = gradient.compute(randomImage(16, 16, 4), OBJECTIVE, 8, 5, -3, () -> false).gradient();
        for (float v : g.data()) {
            assertThat(v).isNotZero();
        }
    }

    @Test
    void aCancelledComputationStopsWithDreamCancelled() {
        assertThatThrownBy(() -> gradient.compute(randomImage(16, 16, 5), OBJECTIVE, 8, 0, 0, () -> true))
                .isInstanceOf(DreamCancelledException.class);
    }

    @Test
    void ascendingMovesTheImageByStepSizeTimesTheNormalisedGradientAndClips() {
        Planes image = new Planes(1, 1, 4, new float[] {0f, 0f, 0.995f, -0.995f});
        Planes grad = new Planes(1, 1, 4, new float[] {1f, -1f, 1f, -1f});
        DreamEngine.ascend(image, grad, 0.01f); // std of the gradient is 1
        assertThat(image.data()).containsExactly(new float[] {0.01f, -0.01f, 1f, -1f}, within(1e-6f));
    }
}
