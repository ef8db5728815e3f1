package dev.oneira.engine.bench;

import dev.oneira.engine.dream.LayerWeights;
import dev.oneira.engine.dream.Planes;
import dev.oneira.engine.dream.TileGrid;
import dev.oneira.engine.dream.TiledGradient;
import dev.oneira.engine.network.InceptionV3;
import dev.oneira.engine.runtime.DreamRuntime;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seconds per gradient step (forward to the chosen layers, input gradient, normalise, step, clip)
 * at a given size: the figure that decides how long a dream takes.
 */
public final class StepBenchmark {

    /**
     * {@code stepSeconds}: every timed step in the order it ran, so that the spread can be reported;
     * {@code stepJitMillis}: the JVM's JIT compilation time during each of them (-1 where the JVM does
     * not tell). On a 2-core machine a long compilation takes a core from PyTorch's threads: a step
     * with much JIT time is warm-up, not steady state.
     */
    public record Figures(int width, int height, int tileSize, int tiles, int warmup, int repeats, double medianSeconds,
                          double minSeconds, double gflopPerStep, long rssAfterWarmupKb, long rssAfterRunKb,
                          double[] stepSeconds, long[] stepJitMillis) {
        public double gflopsPerSecond() {
            return gflopPerStep / medianSeconds;
        }
    }

    private final DreamRuntime runtime;

    public StepBenchmark(DreamRuntime runtime) {
        this.runtime = runtime;
    }

    public Figures run(int width, int height, int tileSize, LayerWeights objective, int warmup, int repeats) {
        return run(width, height, tileSize, objective, warmup, repeats, null);
    }

    /**
     * As {@link #run(int, int, int, LayerWeights, int, int)}; with {@code profile} set, PyTorch's profiler
     * records the timed steps (which it slows down a little) and their summary is put there.
     */
    public Figures run(int width, int height, int tileSize, LayerWeights objective, int warmup, int repeats,
                       ProfileTarget profile) {
        Planes image = new Planes(3, height, width);
        SplittableRandom random = new SplittableRandom(42);
        float[] d = image.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (random.nextDouble() * 2 - 1) * 0.5f;
        }
        TiledGradient gradient = new TiledGradient(runtime.network(), runtime.manager());
        int tile = tileSize > 0 ? tileSize : Math.max(width, height);
        for (int i = 0; i < warmup; i++) {
            step(gradient, image, objective, tile, random);
        }
        long rssWarm = ProcessMemory.residentKb();
        double[] seconds = new double[repeats];
        long[] jitMillis = new long[repeats];
        if (profile != null) {
            OpProfile.start();
        }
        for (int i = 0; i < repeats; i++) {
            long jit0 = jitMillis();
            long t0 = System.nanoTime();
            step(gradient, image, objective, tile, random);
            seconds[i] = (System.nanoTime() - t0) / 1e9;
            jitMillis[i] = jit0 < 0 ? -1 : jitMillis() - jit0;
        }
        if (profile != null) {
            try {
                profile.summary = OpProfile.stop(profile.trace);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot read PyTorch's profile " + profile.trace, e);
            }
        }
        long rssEnd = ProcessMemory.residentKb();
        double[] inOrder = seconds.clone();
        Arrays.sort(seconds);
        double median = repeats % 2 == 1 ? seconds[repeats / 2] : (seconds[repeats / 2 - 1] + seconds[repeats / 2]) / 2;
        int tiles = TileGrid.cover(height, width, tile, runtime.network().minimumInputSide()).tiles().size();
        double gflop = 4.0 * multiplyAdds(height, width, tile, objective) / 1e9;
        return new Figures(width, height, tile, tiles, warmup, repeats, median, seconds[0], gflop, rssWarm, rssEnd, inOrder,
                jitMillis);
    }

    /** The JVM's total JIT compilation time so far in milliseconds, or -1 where it is not monitored. */
    private static long jitMillis() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : -1;
    }

    /**
     * Convolution multiply-adds of one forward pass over all tiles. A step costs about twice the
     * forward pass (forward + input gradient, no weight gradients), and a multiply-add is 2 FLOP.
     */
    private long multiplyAdds(int height, int width, int tile, LayerWeights objective) {
        if (!(runtime.network() instanceof InceptionV3 inception)) {
            return 0;
        }
        long total = 0;
        for (TileGrid.Tile t : TileGrid.cover(height, width, tile, inception.minimumInputSide()).tiles()) {
            total += inception.convolutionMultiplyAdds(t.height(), t.width(), objective.layers());
        }
        return total;
    }

    private static void step(TiledGradient gradient, Planes image, LayerWeights objective, int tile, SplittableRandom random) {
        int jitter = tile / 2;
        TiledGradient.Result r = gradient.compute(image, objective, tile,
                random.nextInt(-jitter, jitter + 1), random.nextInt(-jitter, jitter + 1), () -> false);
        dev.oneira.engine.dream.DreamEngine.ascend(image, r.gradient(), 0.01f);
    }

    /** Where a profiled run writes PyTorch's trace, and the summary read back from it. */
    public static final class ProfileTarget {
        final java.nio.file.Path trace;
        OpProfile.Summary summary;

        public ProfileTarget(java.nio.file.Path trace) {
            this.trace = trace;
        }

        public OpProfile.Summary summary() {
            return summary;
        }

        public java.nio.file.Path trace() {
            return trace;
        }
    }
}
