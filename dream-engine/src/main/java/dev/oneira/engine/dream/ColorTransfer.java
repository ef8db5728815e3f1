package dev.oneira.engine.dream;

/**
 * Keeps the photo's colours: the dream's luminance with the photo's chroma (YCbCr, BT.601), as
 * neural-dream's -original_colors. The transform is linear, so it works directly on the engine's
 * [-1, 1] values (the 128 offsets of Cb and Cr cancel out).
 */
public final class ColorTransfer {

    private ColorTransfer() {
    }

    /** The dream's Y with the photo's Cb and Cr, written into {@code dream}; both 3 x H x W. */
    public static void keepChroma(Planes dream, Planes photo) {
        if (dream.height() != photo.height() || dream.width() != photo.width() || dream.channels() != 3
                || photo.channels() != 3) {
            throw new IllegalArgumentException("dream and photo must both be 3 x H x W of the same size");
        }
        float[] d = dream.data();
        float[] p = photo.data();
        int plane = dream.height() * dream.width();
        for (int i = 0; i < plane; i++) {
            float y = luma(d[i], d[plane + i], d[2 * plane + i]);
            float r = p[i];
            float g = p[plane + i];
            float b = p[2 * plane + i];
            float cb = -0.168736f * r - 0.331264f * g + 0.5f * b;
            float cr = 0.5f * r - 0.418688f * g - 0.081312f * b;
            d[i] = y + 1.402f * cr;
            d[plane + i] = y - 0.344136f * cb - 0.714136f * cr;
            d[2 * plane + i] = y + 1.772f * cb;
        }
    }

    static float luma(float r, float g, float b) {
        return 0.299f * r + 0.587f * g + 0.114f * b;
    }
}
