package dev.oneira.engine.zoom;

import dev.oneira.engine.dream.Planes;

/**
 * Moves a frame: scaled by {@code zoom} about its centre, rotated, shifted, at the same size.
 * Each output pixel samples the input bilinearly where the inverse motion takes it; outside the
 * frame (zooming out, rotating, shifting) the frame is mirrored at its edges, so the border carries
 * on the picture's texture for the dream to grow rather than a smear or a black band.
 *
 * <p>Hand-written: a resampling of float planes in place of the image libraries' (which work on
 * 8-bit images and would quantise the dream at every frame).
 */
final class ZoomTransform {
    private ZoomTransform() {
    }

    static Planes apply(Planes in, double zoom, double rotateDegrees, double shiftX, double shiftY) {
        int h = in.height();
        int w = in.width();
        int channels = in.channels();
        float[] src = in.data();
        float[] dst = new float[src.length];
        double cx = (w - 1) / 2.0;
        double cy = (h - 1) / 2.0;
        // Screen y points down, so a counter-clockwise turn on screen is a negative angle here.
        double theta = Math.toRadians(-rotateDegrees);
        double cos = Math.cos(theta) / zoom;
        double sin = Math.sin(theta) / zoom;
        int plane = h * w;
        for (int y = 0; y < h; y++) {
            double dy = y - cy - shiftY;
            for (int x = 0; x < w; x++) {
                double dx = x - cx - shiftX;
                // Inverse of p' = c + zoom * R(theta) (p - c) + shift.
                double sx = cx + cos * dx + sin * dy;
                double sy = cy - sin * dx + cos * dy;
                int x0 = (int) Math.floor(sx);
                int y0 = (int) Math.floor(sy);
                float fx = (float) (sx - x0);
                float fy = (float) (sy - y0);
                int xa = mirror(x0, w);
                int xb = mirror(x0 + 1, w);
                int ya = mirror(y0, h) * w;
                int yb = mirror(y0 + 1, h) * w;
                int out = y * w + x;
                for (int c = 0; c < channels; c++) {
                    int base = c * plane;
                    float top = src[base + ya + xa] + (src[base + ya + xb] - src[base + ya + xa]) * fx;
                    float bottom = src[base + yb + xa] + (src[base + yb + xb] - src[base + yb + xa]) * fx;
                    dst[base + out] = top + (bottom - top) * fy;
                }
            }
        }
        return new Planes(channels, h, w, dst);
    }

    /** Index i reflected into [0, n): ... 2 1 | 0 1 2 ... n-1 | n-2 ... */
    static int mirror(int i, int n) {
        if (n == 1) {
            return 0;
        }
        int period = 2 * (n - 1);
        int m = Math.floorMod(i, period);
        return m < n ? m : period - m;
    }

    /** out = (1 - share) * moved + share * previous, in place on {@code moved}. */
    static void blend(Planes moved, Planes previous, double share) {
        if (share == 0) {
            return;
        }
        float[] a = moved.data();
        float[] b = previous.data();
        float s = (float) share;
        for (int i = 0; i < a.length; i++) {
            a[i] += (b[i] - a[i]) * s;
        }
    }
}
