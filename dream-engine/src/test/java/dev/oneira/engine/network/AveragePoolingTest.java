package dev.oneira.engine.network;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Keras' padded average pooling counts only the pixels inside the image. The engine's rescaling of
 * PyTorch's result is computed once per input size and reused, so one pooling layer is run here on
 * sizes that come and go, as the octaves and tiles of a dream do.
 */
class AveragePoolingTest {

    private final GraphOps.PoolOp pool = new GraphOps.PoolOp(false, new int[]{3, 3}, new int[]{1, 1}, new int[]{1, 1});

    @Test
    void averagesOnlyThePixelsInsideTheImageWhateverTheSizeAndItsOrder() {
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
            int[][] sizes = {{5, 7}, {2, 3}, {5, 7}, {7, 5}, {1, 1}, {2, 3}};
            SplittableRandom random = new SplittableRandom(7);
            for (int[] size : sizes) {
                int h = size[0], w = size[1], channels = 2;
                float[] x = new float[channels * h * w];
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) random.nextDouble(-1, 1);
                }
                NDArray input = manager.create(x, new Shape(1, channels, h, w));
                float[] got = pool.apply(new NDArray[]{input}).toFloatArray();
                assertThat(got).as("%dx%d", h, w).containsExactly(keras(x, channels, h, w), within(1e-5f));
            }
        }
    }

    @Test
    void anImageOfOnesStaysOnesUpToItsEdges() {
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
            for (int[] size : new int[][]{{3, 4}, {6, 2}, {3, 4}}) {
                NDArray ones = manager.ones(new Shape(1, 3, size[0], size[1]));
                assertThat(pool.apply(new NDArray[]{ones}).toFloatArray()).containsOnly(1f);
            }
        }
    }

    /** Average of the 3x3 window around each pixel over the pixels that exist (stride 1, 'same' size). */
    private static float[] keras(float[] x, int channels, int h, int w) {
        float[] out = new float[x.length];
        for (int c = 0; c < channels; c++) {
            for (int r = 0; r < h; r++) {
                for (int col = 0; col < w; col++) {
                    double sum = 0;
                    int n = 0;
                    for (int dr = -1; dr <= 1; dr++) {
                        for (int dc = -1; dc <= 1; dc++) {
                            int rr = r + dr, cc = col + dc;
                            if (rr >= 0 && rr < h && cc >= 0 && cc < w) {
                                sum += x[(c * h + rr) * w + cc];
                                n++;
                            }
                        }
                    }
                    out[(c * h + r) * w + col] = (float) (sum / n);
                }
            }
        }
        return out;
    }
}
