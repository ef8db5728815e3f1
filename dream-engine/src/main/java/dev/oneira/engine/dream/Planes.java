package dev.oneira.engine.dream;

import java.util.Arrays;

/**
 * An image as float planes (channels x height x width, row-major), the form the dream is kept in
 * between steps. Kept in the Java heap rather than as a native array so that the native memory a
 * step needs is bounded by the tile, not by the image.
 */
public final class Planes {
    private final int channels;
    private final int height;
    private final int width;
    private final float[] data;

    public Planes(int channels, int height, int width) {
        this(channels, height, width, new float[Math.multiplyExact(Math.multiplyExact(channels, height), width)]);
    }

    public Planes(int channels, int height, int width, float[] data) {
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("planes need positive sizes, got " + channels + "x" + height + "x" + width);
        }
        if (data.length != channels * height * width) {
            throw new IllegalArgumentException("expected " + channels * height * width + " values, got " + data.length);
        }
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.data = data;
    }

    public int channels() { return channels; }
    public int height() { return height; }
    public int width() { return width; }

    /** The backing array; callers that change it change these planes. */
    public float[] data() { return data; }

    public float get(int c, int y, int x) {
        return data[(c * height + y) * width + x];
    }

    public Planes copy() {
        return new Planes(channels, height, width, data.clone());
    }

    /**
     * Copies the region [y0, y0+h) x [x0, x0+w) of this image rolled by (dy, dx) with wrap-around:
     * the value at rolled position (y, x) is the original one at ((y - dy) mod H, (x - dx) mod W).
     */
    public float[] rolledRegion(int dy, int dx, int y0, int x0, int h, int w) {
        float[] out = new float[channels * h * w];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < h; y++) {
                int sy = Math.floorMod(y0 + y - dy, height);
                int src = (c * height + sy) * width;
                int dst = (c * h + y) * w;
                int sx = Math.floorMod(x0 - dx, width);
                // A row of the region wraps around at most once.
                int firstRun = Math.min(w, width - sx);
                System.arraycopy(data, src + sx, out, dst, firstRun);
                if (firstRun < w) {
                    System.arraycopy(data, src, out, dst + firstRun, w - firstRun);
                }
            }
        }
        return out;
    }

    /** Adds a region computed on the image rolled by (dy, dx) back at its un-rolled place. */
    public void addRolledRegion(float[] region, int dy, int dx, int y0, int x0, int h, int w) {
        if (region.length != channels * h * w) {
            throw new IllegalArgumentException("region has " + region.length + " values, expected " + channels * h * w);
        }
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < h; y++) {
                int ty = Math.floorMod(y0 + y - dy, height);
                int row = (c * height + ty) * width;
                int src = (c * h + y) * w;
                for (int x = 0; x < w; x++) {
                    data[row + Math.floorMod(x0 + x - dx, width)] += region[src + x];
                }
            }
        }
    }

    /** Bilinear resize with half-pixel centres, as tf.image.resize and torch's align_corners=false. */
    public Planes resized(int newHeight, int newWidth) {
        if (newHeight == height && newWidth == width) {
            return copy();
        }
        Planes out = new Planes(channels, newHeight, newWidth);
        float sy = (float) height / newHeight;
        float sx = (float) width / newWidth;
        int[] x0 = new int[newWidth];
        int[] x1 = new int[newWidth];
        float[] fx = new float[newWidth];
        for (int x = 0; x < newWidth; x++) {
            float src = Math.max(0f, (x + 0.5f) * sx - 0.5f);
            x0[x] = Math.min((int) src, width - 1);
            x1[x] = Math.min(x0[x] + 1, width - 1);
            fx[x] = src - x0[x];
        }
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < newHeight; y++) {
                float src = Math.max(0f, (y + 0.5f) * sy - 0.5f);
                int y0 = Math.min((int) src, height - 1);
                int y1 = Math.min(y0 + 1, height - 1);
                float fy = src - y0;
                int r0 = (c * height + y0) * width;
                int r1 = (c * height + y1) * width;
                int dst = (c * newHeight + y) * newWidth;
                for (int x = 0; x < newWidth; x++) {
                    float top = data[r0 + x0[x]] * (1 - fx[x]) + data[r0 + x1[x]] * fx[x];
                    float bottom = data[r1 + x0[x]] * (1 - fx[x]) + data[r1 + x1[x]] * fx[x];
                    out.data[dst + x] = top * (1 - fy) + bottom * fy;
                }
            }
        }
        return out;
    }

    /** this - other, as new planes of the same size. */
    public Planes minus(Planes other) {
        requireSameSize(other);
        Planes out = copy();
        for (int i = 0; i < data.length; i++) {
            out.data[i] -= other.data[i];
        }
        return out;
    }

    /** this += other. */
    public void add(Planes other) {
        requireSameSize(other);
        for (int i = 0; i < data.length; i++) {
            data[i] += other.data[i];
        }
    }

    /**
     * Where the mask (one plane of this size, in [0, 1]) is 0 these planes become {@code base},
     * where it is 1 they stay, in between they blend: this = base + mask x (this - base).
     */
    public void keepWhereMasked(Planes base, Planes mask) {
        requireSameSize(base);
        if (mask.channels != 1 || mask.height != height || mask.width != width) {
            throw new IllegalArgumentException("the mask must be 1 x " + height + " x " + width + ", got "
                    + mask.channels + " x " + mask.height + " x " + mask.width);
        }
        int plane = height * width;
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < plane; i++) {
                int k = c * plane + i;
                data[k] = base.data[k] + mask.data[i] * (data[k] - base.data[k]);
            }
        }
    }

    private void requireSameSize(Planes other) {
        if (other.channels != channels || other.height != height || other.width != width) {
            throw new IllegalArgumentException("sizes differ: " + channels + "x" + height + "x" + width + " and "
                    + other.channels + "x" + other.height + "x" + other.width);
        }
    }

    public void clip(float min, float max) {
        for (int i = 0; i < data.length; i++) {
            data[i] = Math.max(min, Math.min(max, data[i]));
        }
    }

    public void fill(float value) {
        Arrays.fill(data, value);
    }

    /** Mean absolute difference per value, a simple measure of how much a dream changed an image. */
    public double meanAbsoluteDifference(Planes other) {
        if (other.channels != channels || other.height != height || other.width != width) {
            throw new IllegalArgumentException("sizes differ");
        }
        double sum = 0;
        for (int i = 0; i < data.length; i++) {
            sum += Math.abs(data[i] - other.data[i]);
        }
        return sum / data.length;
    }
}
