package dev.oneira.engine.image;

import dev.oneira.engine.dream.Planes;

import java.awt.image.BufferedImage;

/**
 * Between 8-bit RGB pictures and the network's input: x / 127.5 - 1, so [0, 255] maps to [-1, 1]
 * (the Keras InceptionV3 convention).
 */
public final class ImageConversions {
    private ImageConversions() {}

    public static Planes toPlanes(BufferedImage image) {
        int h = image.getHeight();
        int w = image.getWidth();
        Planes planes = new Planes(3, h, w);
        float[] d = planes.data();
        int[] row = new int[w];
        int plane = h * w;
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int rgb = row[x];
                int i = y * w + x;
                d[i] = ((rgb >> 16) & 0xff) / 127.5f - 1f;
                d[plane + i] = ((rgb >> 8) & 0xff) / 127.5f - 1f;
                d[2 * plane + i] = (rgb & 0xff) / 127.5f - 1f;
            }
        }
        return planes;
    }

    /**
     * A mask from a picture: one plane in [0, 1] from each pixel's luminance (Rec. 601), so white
     * (1) dreams, black (0) keeps the photo and greys blend. Transparent pixels count as black.
     */
    public static Planes toMask(BufferedImage image) {
        int h = image.getHeight();
        int w = image.getWidth();
        Planes mask = new Planes(1, h, w);
        float[] d = mask.data();
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int argb = row[x];
                float alpha = image.getColorModel().hasAlpha() ? ((argb >>> 24) & 0xff) / 255f : 1f;
                float luma = (0.299f * ((argb >> 16) & 0xff) + 0.587f * ((argb >> 8) & 0xff) + 0.114f * (argb & 0xff)) / 255f;
                d[y * w + x] = Math.max(0f, Math.min(1f, luma * alpha));
            }
        }
        return mask;
    }

    /** An 8-bit grey picture of a mask (0 black .. 1 white): to store and show it. */
    public static BufferedImage maskToImage(Planes mask) {
        if (mask.channels() != 1) {
            throw new IllegalArgumentException("a mask has 1 channel, got " + mask.channels());
        }
        BufferedImage out = new BufferedImage(mask.width(), mask.height(), BufferedImage.TYPE_BYTE_GRAY);
        float[] d = mask.data();
        java.awt.image.WritableRaster raster = out.getRaster();
        for (int y = 0; y < mask.height(); y++) {
            for (int x = 0; x < mask.width(); x++) {
                raster.setSample(x, y, 0, Math.round(Math.max(0f, Math.min(1f, d[y * mask.width() + x])) * 255f));
            }
        }
        return out;
    }

    /** Clips to [-1, 1] before converting, so an out-of-range value never wraps around. */
    public static BufferedImage toImage(Planes planes) {
        if (planes.channels() != 3) {
            throw new IllegalArgumentException("an RGB image needs 3 channels, got " + planes.channels());
        }
        int h = planes.height();
        int w = planes.width();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        float[] d = planes.data();
        int plane = h * w;
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                row[x] = (toByte(d[i]) << 16) | (toByte(d[plane + i]) << 8) | toByte(d[2 * plane + i]);
            }
            out.setRGB(0, y, w, 1, row, 0, w);
        }
        return out;
    }

    private static int toByte(float v) {
        float clipped = Math.max(-1f, Math.min(1f, v));
        return Math.round((clipped + 1f) * 127.5f);
    }

    /** The planes scaled down (never up) so that the longer side is at most {@code maxSide}. */
    public static Planes fitWithin(Planes planes, int maxSide) {
        int[] size = fittedSize(planes.height(), planes.width(), maxSide);
        return size[0] == planes.height() && size[1] == planes.width() ? planes : planes.resized(size[0], size[1]);
    }

    /** {height, width} scaled down so that the longer side is at most maxSide, aspect ratio kept. */
    public static int[] fittedSize(int height, int width, int maxSide) {
        int longSide = Math.max(height, width);
        if (longSide <= maxSide) {
            return new int[] {height, width};
        }
        double f = (double) maxSide / longSide;
        return new int[] {Math.max(1, (int) Math.round(height * f)), Math.max(1, (int) Math.round(width * f))};
    }
}
