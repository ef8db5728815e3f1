package dev.oneira.engine.dream;

/**
 * Laplacian pyramid gradient normalisation, as lap_normalize in the TensorFlow 1 DeepDream
 * notebook: the gradient is split into {@link #LEVELS} band-pass levels plus a low-pass rest with a
 * 5x5 binomial kernel, each level is divided by its own root mean square, and the levels are merged
 * again. Low frequencies then get as much of the step as high ones, so the dream grows larger,
 * smoother shapes with less pixel-level noise.
 *
 * <p>Written by hand: the pyramid is a handful of separable-free 5x5 loops on the Java-heap
 * planes the engine already keeps, cheaper than a round trip through native arrays. The split uses
 * TensorFlow's SAME padding with zeros and stride 2, and the merge is its exact transpose (4x the
 * kernel), so {@code merge(split(g)) == g}.
 */
public final class LaplacianNormalizer {

    /** Levels of the pyramid, as in the notebook's lap_normalize(scale_n=4). */
    public static final int LEVELS = 4;

    private static final float[] K1 = {1f / 16, 4f / 16, 6f / 16, 4f / 16, 1f / 16};

    private LaplacianNormalizer() {
    }

    /** The normalised gradient (a new Planes); the input is left as it is. */
    public static Planes normalize(Planes gradient) {
        Planes[] levels = split(gradient, LEVELS);
        for (Planes level : levels) {
            divideByRms(level);
        }
        return merge(levels);
    }

    /** levels[0] is the low-pass rest (smallest), then the band-pass levels from coarse to fine. */
    static Planes[] split(Planes image, int n) {
        Planes[] out = new Planes[n + 1];
        Planes current = image;
        for (int i = 0; i < n; i++) {
            Planes lo = down(current);
            Planes hi = current.copy();
            float[] h = hi.data();
            float[] up = up(lo, current.height(), current.width()).data();
            for (int k = 0; k < h.length; k++) {
                h[k] -= up[k];
            }
            out[n - i] = hi;
            current = lo;
        }
        out[0] = current;
        return out;
    }

    static Planes merge(Planes[] levels) {
        Planes image = levels[0];
        for (int i = 1; i < levels.length; i++) {
            Planes hi = levels[i];
            Planes up = up(image, hi.height(), hi.width());
            float[] u = up.data();
            float[] h = hi.data();
            for (int k = 0; k < u.length; k++) {
                u[k] += h[k];
            }
            image = up;
        }
        return image;
    }

    private static int padBefore(int size) {
        int out = (size + 1) / 2;
        return Math.max((out - 1) * 2 + 5 - size, 0) / 2;
    }

    /** 5x5 binomial blur, stride 2, SAME zero padding. */
    static Planes down(Planes in) {
        int h = in.height();
        int w = in.width();
        int oh = (h + 1) / 2;
        int ow = (w + 1) / 2;
        int py = padBefore(h);
        int px = padBefore(w);
        Planes out = new Planes(in.channels(), oh, ow);
        float[] src = in.data();
        float[] dst = out.data();
        for (int c = 0; c < in.channels(); c++) {
            for (int y = 0; y < oh; y++) {
                for (int x = 0; x < ow; x++) {
                    float sum = 0;
                    for (int i = 0; i < 5; i++) {
                        int sy = 2 * y + i - py;
                        if (sy < 0 || sy >= h) {
                            continue;
                        }
                        int row = (c * h + sy) * w;
                        for (int j = 0; j < 5; j++) {
                            int sx = 2 * x + j - px;
                            if (sx >= 0 && sx < w) {
                                sum += K1[i] * K1[j] * src[row + sx];
                            }
                        }
                    }
                    dst[(c * oh + y) * ow + x] = sum;
                }
            }
        }
        return out;
    }

    /** The transpose of {@link #down} times 4 (conv2d_transpose with 4x the kernel) onto h x w. */
    static Planes up(Planes lo, int h, int w) {
        int oh = lo.height();
        int ow = lo.width();
        int py = padBefore(h);
        int px = padBefore(w);
        Planes out = new Planes(lo.channels(), h, w);
        float[] src = lo.data();
        float[] dst = out.data();
        for (int c = 0; c < lo.channels(); c++) {
            for (int y = 0; y < oh; y++) {
                for (int x = 0; x < ow; x++) {
                    float v = 4 * src[(c * oh + y) * ow + x];
                    for (int i = 0; i < 5; i++) {
                        int ty = 2 * y + i - py;
                        if (ty < 0 || ty >= h) {
                            continue;
                        }
                        int row = (c * h + ty) * w;
                        for (int j = 0; j < 5; j++) {
                            int tx = 2 * x + j - px;
                            if (tx >= 0 && tx < w) {
                                dst[row + tx] += K1[i] * K1[j] * v;
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    private static void divideByRms(Planes level) {
        float[] d = level.data();
        double sumSq = 0;
        for (float v : d) {
            sumSq += (double) v * v;
        }
        double rms = Math.sqrt(sumSq / d.length);
        float f = (float) (1.0 / Math.max(rms, 1e-10));
        for (int i = 0; i < d.length; i++) {
            d[i] *= f;
        }
    }
}
