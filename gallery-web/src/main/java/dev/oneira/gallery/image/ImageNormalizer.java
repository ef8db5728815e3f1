package dev.oneira.gallery.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;

import dev.oneira.shared.text.InputEcho;

/**
 * Turns an uploaded file into the RGB PNG a worker dreams on: checks the format and the pixel count
 * from the header (before anything is decoded, so a small file that claims to be huge is refused
 * cheaply), decodes the first frame, applies the EXIF orientation, flattens transparency on white,
 * converts any colour model (greyscale, palette, CMYK) to RGB and scales the long side down to
 * {@code maxSide}. Plain Java; thread-safe.
 */
public final class ImageNormalizer {

    /** ImageIO format names we accept (lowercase). */
    private static final Set<String> ACCEPTED_FORMATS = Set.of("jpeg", "jpg", "png", "gif", "webp");

    private final long maxBytes;
    private final long maxPixels;

    public ImageNormalizer(long maxBytes, long maxPixels) {
        this.maxBytes = maxBytes;
        this.maxPixels = maxPixels;
        ImageIO.setUseCache(false);
        ImageIO.scanForPlugins();
    }

    /** The normalised image: RGB pixels and their PNG encoding. */
    public record Normalized(BufferedImage image, byte[] png, String sourceFormat, int sourceWidth, int sourceHeight) {
        public int width() {
            return image.getWidth();
        }

        public int height() {
            return image.getHeight();
        }
    }

    /** The declared size alone: for refusing a body before reading it. */
    public void checkSize(long size, String fileName) {
        if (size <= 0) {
            throw new UploadRejected(400, "Empty file",
                    "The file " + quoted(fileName) + "is empty. Choose a photo: " + UploadRejected.ACCEPTED + ".");
        }
        if (size > maxBytes) {
            throw new UploadRejected(413, "File too large", "The file " + quoted(fileName) + "is "
                    + megabytes(size) + "; the most we accept is " + megabytes(maxBytes) + ".");
        }
    }

    public Normalized normalize(byte[] bytes, String fileName, int maxSide) {
        checkSize(bytes == null ? 0 : bytes.length, fileName);
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            ImageReader reader = readerFor(in, fileName);
            try {
                reader.setInput(in, true, true);
                String format = reader.getFormatName().toLowerCase(Locale.ROOT);
                int width;
                int height;
                try {
                    width = reader.getWidth(0);
                    height = reader.getHeight(0);
                } catch (IOException | RuntimeException e) {
                    throw undecodable(fileName, format, e);
                }
                if (width <= 0 || height <= 0 || (long) width * height > maxPixels) {
                    throw new UploadRejected(422, "Image too large", "The image " + quoted(fileName) + "is "
                            + width + " x " + height + " pixels; the most we accept is "
                            + String.format(Locale.ROOT, "%.0f", maxPixels / 1e6) + " megapixels.");
                }
                BufferedImage decoded;
                try {
                    decoded = reader.read(0);
                } catch (IOException | RuntimeException e) {
                    throw undecodable(fileName, format, e);
                }
                int orientation = exifOrientation(bytes);
                BufferedImage rgb = toRgb(decoded, orientation);
                BufferedImage scaled = scaleToMaxSide(rgb, maxSide);
                return new Normalized(scaled, png(scaled), format, width, height);
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw undecodable(fileName, "image", e);
        }
    }

    private static ImageReader readerFor(ImageInputStream in, String fileName) {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        while (readers.hasNext()) {
            ImageReader reader = readers.next();
            try {
                if (ACCEPTED_FORMATS.contains(reader.getFormatName().toLowerCase(Locale.ROOT))) {
                    return reader;
                }
            } catch (IOException e) {
                // try the next
            }
            reader.dispose();
        }
        throw new UploadRejected(415, "Not an image we can read", "The file " + quoted(fileName)
                + "is not a JPEG, PNG, WebP or GIF image. We accept " + UploadRejected.ACCEPTED + ".");
    }

    private static UploadRejected undecodable(String fileName, String format, Exception e) {
        return new UploadRejected(422, "Image could not be read", "The file " + quoted(fileName) + "looks like "
                + format.toUpperCase(Locale.ROOT) + " but could not be decoded (" + InputEcho.of(String.valueOf(
                e.getMessage())) + "). It may be damaged or cut short; we accept " + UploadRejected.ACCEPTED + ".");
    }

    /** EXIF orientation 1..8 (1 = as stored); 1 when absent or unreadable. */
    static int exifOrientation(byte[] bytes) {
        try {
            Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(bytes), bytes.length);
            for (ExifIFD0Directory dir : metadata.getDirectoriesOfType(ExifIFD0Directory.class)) {
                if (dir.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
                    int value = dir.getInt(ExifIFD0Directory.TAG_ORIENTATION);
                    return value >= 1 && value <= 8 ? value : 1;
                }
            }
        } catch (Exception | LinkageError e) {
            // no or broken metadata: keep the pixels as stored
        }
        return 1;
    }

    /** Draws the image (oriented) onto white RGB: flattens alpha and converts any colour model. */
    static BufferedImage toRgb(BufferedImage src, int orientation) {
        int w = src.getWidth();
        int h = src.getHeight();
        boolean swap = orientation >= 5;
        int outW = swap ? h : w;
        int outH = swap ? w : h;
        AffineTransform t = new AffineTransform();
        switch (orientation) {
            case 2 -> { t.translate(w, 0); t.scale(-1, 1); }
            case 3 -> { t.translate(w, h); t.rotate(Math.PI); }
            case 4 -> { t.translate(0, h); t.scale(1, -1); }
            case 5 -> { t.rotate(-Math.PI / 2); t.scale(-1, 1); }
            case 6 -> { t.translate(h, 0); t.rotate(Math.PI / 2); }
            case 7 -> { t.scale(-1, 1); t.translate(-h, 0); t.translate(0, w); t.rotate(3 * Math.PI / 2); }
            case 8 -> { t.translate(0, w); t.rotate(3 * Math.PI / 2); }
            default -> { }
        }
        BufferedImage out = new BufferedImage(outW, outH, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, outW, outH);
            g.drawImage(src, t, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Long side at most {@code maxSide}, halving step by step for quality on big reductions. */
    static BufferedImage scaleToMaxSide(BufferedImage src, int maxSide) {
        int w = src.getWidth();
        int h = src.getHeight();
        int longSide = Math.max(w, h);
        if (longSide <= maxSide) {
            return src;
        }
        double scale = (double) maxSide / longSide;
        int targetW = Math.max(1, (int) Math.round(w * scale));
        int targetH = Math.max(1, (int) Math.round(h * scale));
        BufferedImage current = src;
        int cw = w;
        int ch = h;
        while (cw / 2 >= targetW && ch / 2 >= targetH) {
            cw /= 2;
            ch /= 2;
            current = draw(current, cw, ch);
        }
        return cw == targetW && ch == targetH ? current : draw(current, targetW, targetH);
    }

    private static BufferedImage draw(BufferedImage src, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(src, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    static byte[] png(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String quoted(String fileName) {
        return fileName == null || fileName.isBlank() ? "" : "\"" + InputEcho.of(fileName) + "\" ";
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
