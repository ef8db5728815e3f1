package dev.oneira.engine.bench;

import dev.oneira.engine.dream.DreamStep;
import dev.oneira.engine.dream.Planes;
import dev.oneira.engine.runtime.DreamRuntime;
import dev.oneira.shared.spec.DreamSpec;
import java.util.SplittableRandom;

/**
 * Seconds per whole dream as a worker sees them: a warm runtime (a dream already done at another
 * size) given a photo size it has not seen, so that every octave pays PyTorch's per-shape costs
 * (oneDNN primitives made for each new shape) as a new upload does. The first octave's share is
 * reported because those costs land there first.
 */
public final class DreamBenchmark {

    /** One dream: its size, the seconds it took, and the seconds of its first octave. */
    public record Figures(int width, int height, int steps, double seconds, double firstOctaveSeconds) {}

    private final DreamRuntime runtime;

    public DreamBenchmark(DreamRuntime runtime) {
        this.runtime = runtime;
    }

    /** Dreams {@code spec} (seed fixed) on a smooth random picture of the given size. */
    public Figures run(int width, int height, DreamSpec spec) {
        Planes photo = picture(width, height);
        double[] firstOctaveEnd = {Double.NaN};
        int[] steps = {0};
        long t0 = System.nanoTime();
        runtime.engine().dream(photo, spec.withSeed(1L), (DreamStep s) -> {
            steps[0]++;
            if (s.octave() == 0) {
                firstOctaveEnd[0] = (System.nanoTime() - t0) / 1e9;
            }
        }, () -> false);
        return new Figures(width, height, steps[0], (System.nanoTime() - t0) / 1e9, firstOctaveEnd[0]);
    }

    /** A smooth colour field with some texture, in [-1, 1]: gradients like a photo's, not white noise. */
    private static Planes picture(int width, int height) {
        Planes p = new Planes(3, height, width);
        float[] d = p.data();
        SplittableRandom random = new SplittableRandom(7);
        for (int c = 0; c < 3; c++) {
            double fx = 2 + c, fy = 3 - c * 0.5;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    double v = 0.6 * Math.sin(fx * Math.PI * x / width) * Math.cos(fy * Math.PI * y / height)
                            + 0.1 * (random.nextDouble() * 2 - 1);
                    d[(c * height + y) * width + x] = (float) Math.max(-1, Math.min(1, v));
                }
            }
        }
        return p;
    }
}
