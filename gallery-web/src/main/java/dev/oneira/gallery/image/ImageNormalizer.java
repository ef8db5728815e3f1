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
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import org.jboss.logging.Logger;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;

import dev.oneira.shared.text.InputEcho;

/**
 * Turns an uploaded file into the RGB PNG a worker dreams on: checks the format and the pixel count
 * from the header (before anything is decoded, so a small file that claims to be huge is refused
 * cheaply), decodes the first frame, applies the EXIF orientation, flattens transparency on white,
 * converts any colour model (greyscale, palette, CMYK) to RGB and scales the long side down to
 * {@code maxSide}. Memory is bounded twice: JPEG, PNG and GIF are decoded with subsampling to about
 * {@code maxSide} (so a 49 MP photo for a 1024 px dream decodes to about 1 MP), and every decode
 * first reserves its estimated heap from a {@link DecodeBudget} shared by all uploads. A JPEG that
 * ends early (the reader warns and paints the rest grey) is refused. Plain Java; thread-safe.
 */
public final class ImageNormalizer {

    /** ImageIO format names we accept (lowercase). */
    private static final Set<String> ACCEPTED_FORMATS = Set.of("jpeg", "jpg", "png", "gif", "webp");

    /** Formats whose ImageIO readers decode row by row and keep only the subsampled rows. */
    private static final Set<String> SUBSAMPLING_FORMATS = Set.of("jpeg", "jpg", "png", "gif");

    private static final Logger LOG = Logger.getLogger(ImageNormalizer.class);

    private final long maxBytes;
    private final long maxPixels;
    private final DecodeBudget budget;

    /** Without a shared budget (tests, tools): decodes are not limited in number. */
    public ImageNormalizer(long maxBytes, long maxPixels) {
        this(maxBytes, maxPixels, new DecodeBudget(Long.MAX_VALUE / 2, java.time.Duration.ZERO));
    }

    public ImageNormalizer(long maxBytes, long maxPixels, DecodeBudget budget) {
        this.maxBytes = maxBytes;
        this.maxPixels = maxPixels;
        this.budget = budget;
        ImageIO.setUseCache(false);
        ImageIO.scanForPlugins();
    }

    /** The decode budget all uploads share. */
    public DecodeBudget budget() {
        return budget;
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
        return normalize(bytes, fileName, maxSide, Color.WHITE);
    }

    /**
     * A mask: read like a photo, but transparency is flattened onto black, so that a mask painted
     * on a transparent layer keeps the photo where nothing was painted (as the engine's CLI reads it).
     */
    public Normalized normalizeMask(byte[] bytes, String fileName, int maxSide) {
        return normalize(bytes, fileName, maxSide, Color.BLACK);
    }

    private Normalized normalize(byte[] bytes, String fileName, int maxSide, Color background) {
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
                int subsampling = subsampling(format, width, height, maxSide);
                try (DecodeBudget.Reservation held = budget.reserve(estimateBytes(width, height, subsampling, maxSide))) {
                    return decode(reader, bytes, fileName, format, width, height, subsampling, maxSide, background);
                }
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw undecodable(fileName, "image", e);
        }
    }

    private Normalized decode(ImageReader reader, byte[] bytes, String fileName, String format, int width, int height,
                              int subsampling, int maxSide, Color background) {
        List<String> warnings = new CopyOnWriteArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(String.valueOf(warning)));
        ImageReadParam param = reader.getDefaultReadParam();
        if (subsampling > 1) {
            // Only every n-th pixel of every n-th row is kept: the decoded image is about maxSide
            // long, not the photo's full size, whatever that is (49 MP = 150 MB decoded in full).
            param.setSourceSubsampling(subsampling, subsampling, 0, 0);
        }
        BufferedImage decoded;
        try {
            decoded = reader.read(0, param);
        } catch (IOException | RuntimeException e) {
            throw undecodable(fileName, format, e);
        } catch (OutOfMemoryError e) {
            // The budget should make this impossible; if the heap is smaller than it assumes, this
            // upload fails alone (its buffers are unreachable now) and the person may retry.
            LOG.warnf("out of memory decoding a %dx%d %s upload; lower oneira.gallery.decode-heap-share", width,
                    height, format);
            throw new DecodeBudget.Exhausted(0, budget.totalBytes());
        }
        for (String warning : warnings) {
            LOG.debugf("decoding %s: %s", format, warning);
            if (cutShort(warning)) {
                throw new UploadRejected(422, "Image is cut short", "The file " + quoted(fileName) + "ends before"
                        + " the whole picture: it was probably not uploaded or saved completely. Please send the"
                        + " complete file; we accept " + UploadRejected.ACCEPTED + ".");
            }
        }
        int orientation = exifOrientation(bytes);
        // Scale first, orient after: rotating the full-size picture would need another copy of it.
        double scale = Math.min(1.0, (double) maxSide / Math.max(width, height));
        BufferedImage scaled = scaleTo(decoded, Math.max(1, (int) Math.round(width * scale)),
                Math.max(1, (int) Math.round(height * scale)));
        BufferedImage rgb = toRgb(scaled, orientation, background);
        return new Normalized(rgb, png(rgb), format, width, height);
    }

    /** ImageIO's JPEG reader says "Premature end of JPEG file" and paints the missing part grey. */
    static boolean cutShort(String warning) {
        String w = warning.toLowerCase(Locale.ROOT);
        return w.contains("premature end") || w.contains("truncated") || w.contains("unexpected end");
    }

    /**
     * Every n-th pixel is decoded, n as large as keeps the decoded long side at least {@code maxSide}
     * (so the final resize only shrinks). The readers of these formats decode row by row and keep only
     * the rows they need; others get 1.
     */
    static int subsampling(String format, int width, int height, int maxSide) {
        if (!SUBSAMPLING_FORMATS.contains(format)) {
            return 1;
        }
        return Math.max(1, Math.max(width, height) / Math.max(1, maxSide));
    }

    /**
     * Heap one decode needs at most: the decoded raster (up to 4 bytes a pixel: CMYK, ARGB), the
     * scaled copies (4 bytes a pixel, the halving steps add a third), the oriented copy, the PNG.
     */
    static long estimateBytes(int width, int height, int subsampling, int maxSide) {
        long decoded = (long) ceilDiv(width, subsampling) * ceilDiv(height, subsampling);
        double scale = Math.min(1.0, (double) maxSide / Math.max(width, height));
        long target = (long) Math.ceil(width * scale) * (long) Math.ceil(height * scale);
        return decoded * 4 + decoded * 4 / 3 + target * 12 + 1_000_000;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
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

    /** The reader's own words go to the log only: they name classes and internals, not what to do. */
    private static UploadRejected undecodable(String fileName, String format, Exception e) {
        LOG.infof("an upload could not be decoded as %s: %s", format, e.toString());
        return new UploadRejected(422, "Image could not be read", "The file " + quoted(fileName) + "looks like "
                + format.toUpperCase(Locale.ROOT) + " but could not be decoded. It may be damaged or cut short;"
                + " we accept " + UploadRejected.ACCEPTED + ".");
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
        return toRgb(src, orientation, Color.WHITE);
    }

    /** Draws the image (oriented) onto RGB of the given background: flattens alpha, converts any colour model. */
    static BufferedImage toRgb(BufferedImage src, int orientation, Color background) {
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
            g.setColor(background);
            g.fillRect(0, 0, outW, outH);
            g.drawImage(src, t, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Long side at most {@code maxSide} (RGB, on white), halving step by step for quality on big reductions. */
    static BufferedImage scaleToMaxSide(BufferedImage src, int maxSide) {
        int w = src.getWidth();
        int h = src.getHeight();
        double scale = Math.min(1.0, (double) maxSide / Math.max(w, h));
        return scaleTo(src, Math.max(1, (int) Math.round(w * scale)), Math.max(1, (int) Math.round(h * scale)));
    }

    /** Exactly {@code targetW x targetH} (never larger than the source): halving steps, then one bicubic step. */
    static BufferedImage scaleTo(BufferedImage src, int targetW, int targetH) {
        if (src.getWidth() <= targetW && src.getHeight() <= targetH) {
            return src;
        }
        BufferedImage current = src;
        int cw = src.getWidth();
        int ch = src.getHeight();
        while (cw / 2 >= targetW && ch / 2 >= targetH) {
            cw /= 2;
            ch /= 2;
            current = draw(current, cw, ch);
        }
        return cw == targetW && ch == targetH ? current : draw(current, targetW, targetH);
    }

    /**
     * Scales into RGB, or ARGB when the source has alpha: transparency is kept until {@link #toRgb}
     * flattens it onto the background the caller chose (white for photos, black for masks).
     */
    private static BufferedImage draw(BufferedImage src, int w, int h) {
        boolean alpha = src.getColorModel().hasAlpha();
        BufferedImage out = new BufferedImage(w, h, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            if (!alpha) {
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, w, h);
            }
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(src, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** The PNG of a picture (grey stays 8-bit grey): how the gallery stores originals, guides and masks. */
    public static byte[] png(BufferedImage image) {
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
