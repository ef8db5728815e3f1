package dev.oneira.gallery.image;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;

/**
 * A mask as it is stored with a dream: an 8-bit grey picture exactly the size of the normalised
 * photo, white where the dream may act, black where the photo is kept, greys in between. Whatever
 * the uploaded mask's size, it is stretched to the photo (a painted mask comes at the photo's aspect;
 * a mask of another aspect is the caller's choice). The uploaded mask is first read like a photo by
 * {@link ImageNormalizer#normalizeMask} (same formats and limits), where transparency counts as black:
 * unpainted keeps the photo, as in the engine's CLI. Plain Java.
 */
public final class MaskImages {

    private MaskImages() {
    }

    /** The mask's luminance (Rec. 601 weights, as the engine reads masks) at width x height. */
    public static BufferedImage fit(BufferedImage mask, int width, int height) {
        BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scaled.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(mask, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        // Per pixel, not by drawing into a grey image: Java2D's grey is linear, which would shift the greys.
        BufferedImage grey = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster out = grey.getRaster();
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            scaled.getRGB(0, y, width, 1, row, 0, width);
            for (int x = 0; x < width; x++) {
                int rgb = row[x];
                double luma = 0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff);
                out.setSample(x, y, 0, (int) Math.round(Math.min(255, luma)));
            }
        }
        return grey;
    }
}
