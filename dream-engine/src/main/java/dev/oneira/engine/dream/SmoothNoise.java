package dev.oneira.engine.dream;

import java.util.SplittableRandom;

/**
 * A start image for dreams from nothing: grey with smooth, low-contrast colour noise at a few
 * scales (value noise, upsampled bilinearly). Smooth noise gives the network shapes to latch on to;
 * white noise would mostly be dreamt into fine static.
 */
public final class SmoothNoise {
    private static final int[] GRID_DIVISORS = {48, 16, 4};
    private static final float[] AMPLITUDES = {0.20f, 0.10f, 0.04f};

    private SmoothNoise() {}

    public static Planes generate(int height, int width, SplittableRandom random) {
        Planes out = new Planes(3, height, width);
        for (int level = 0; level < GRID_DIVISORS.length; level++) {
            int gh = Math.max(2, height / GRID_DIVISORS[level]);
            int gw = Math.max(2, width / GRID_DIVISORS[level]);
            Planes grid = new Planes(3, gh, gw);
            float[] g = grid.data();
            for (int i = 0; i < g.length; i++) {
                g[i] = (float) (random.nextDouble() * 2 - 1) * AMPLITUDES[level];
            }
            float[] up = grid.resized(height, width).data();
            float[] o = out.data();
            for (int i = 0; i < o.length; i++) {
                o[i] += up[i];
            }
        }
        out.clip(-1f, 1f);
        return out;
    }
}
