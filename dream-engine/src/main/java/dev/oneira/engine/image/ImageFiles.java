package dev.oneira.engine.image;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/** Reading photos and writing dreams: JPEG and PNG in, PNG or JPEG out by file extension. */
public final class ImageFiles {
    public static final String ACCEPTED = "JPEG or PNG";

    private ImageFiles() {}

    public static BufferedImage read(Path path) throws ImageFileException {
        if (!Files.exists(path)) {
            throw new ImageFileException("no such file: " + path);
        }
        if (Files.isDirectory(path)) {
            throw new ImageFileException(path + " is a directory, not an image");
        }
        try {
            return decode(Files.readAllBytes(path), path.toString());
        } catch (NoSuchFileException e) {
            throw new ImageFileException("no such file: " + path);
        } catch (IOException e) {
            throw new ImageFileException("cannot read " + path + ": " + e.getMessage());
        }
    }

    /** Decodes bytes to an RGB image; {@code name} only appears in the error message. */
    public static BufferedImage decode(byte[] bytes, String name) throws ImageFileException {
        return toRgb(decodeAsIs(bytes, name));
    }

    /**
     * Reads a mask: as decoded, alpha kept, so that {@link ImageConversions#toMask} can treat
     * transparent pixels as black (keep the photo) rather than flattening them onto white.
     */
    public static BufferedImage readMask(Path path) throws ImageFileException {
        if (!Files.isRegularFile(path)) {
            throw new ImageFileException(Files.isDirectory(path) ? path + " is a directory, not an image" : "no such file: " + path);
        }
        try {
            return decodeAsIs(Files.readAllBytes(path), path.toString());
        } catch (IOException e) {
            throw new ImageFileException("cannot read " + path + ": " + e.getMessage());
        }
    }

    /** Decodes bytes in their own colour model (alpha and grey kept). */
    public static BufferedImage decodeAsIs(byte[] bytes, String name) throws ImageFileException {
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            throw new ImageFileException(name + " is not a readable image (" + ACCEPTED + " expected): " + e.getMessage());
        }
        if (image == null) {
            throw new ImageFileException(name + " is not an image this program reads (" + ACCEPTED + " expected)");
        }
        return image;
    }

    /** Flattens any alpha onto white and any colour model into plain RGB. */
    public static BufferedImage toRgb(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return rgb;
    }

    /** High-quality downscale (never up) so that the longer side is at most maxSide. */
    public static BufferedImage fitWithin(BufferedImage image, int maxSide) {
        int[] size = ImageConversions.fittedSize(image.getHeight(), image.getWidth(), maxSide);
        if (size[0] == image.getHeight() && size[1] == image.getWidth()) {
            return image;
        }
        BufferedImage current = image;
        int w = image.getWidth();
        int h = image.getHeight();
        // Halving steps before the last bilinear pass avoid the aliasing of one large bilinear step.
        do {
            w = Math.max(size[1], w / 2);
            h = Math.max(size[0], h / 2);
            BufferedImage next = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = next.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(current, 0, 0, w, h, null);
            g.dispose();
            current = next;
        } while (w != size[1] || h != size[0]);
        return current;
    }

    public enum Format {
        PNG, JPEG;

        public static Format of(Path path) throws ImageFileException {
            String name = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".png")) {
                return PNG;
            }
            if (name.endsWith(".jpg") || name.endsWith(".jpeg")) {
                return JPEG;
            }
            throw new ImageFileException("cannot tell the output format of " + path + ": use a .png, .jpg or .jpeg name");
        }
    }

    /** Writes through a temporary file and a move, so a reader never sees half an image. */
    public static void write(BufferedImage image, Path path) throws ImageFileException {
        Format format = Format.of(path);
        Path parent = path.toAbsolutePath().getParent();
        try {
            byte[] bytes = encode(image, format, 0.92f);
            Path tmp = Files.createTempFile(parent, ".oneira-", ".part");
            try {
                Files.write(tmp, bytes);
                Files.move(tmp, path, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (NoSuchFileException e) {
            throw new ImageFileException("cannot write " + path + ": folder " + parent + " does not exist");
        } catch (IOException e) {
            throw new ImageFileException("cannot write " + path + ": " + e.getMessage());
        }
    }

    public static byte[] encode(BufferedImage image, Format format, float jpegQuality) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (format == Format.PNG) {
                ImageIO.write(image, "png", out);
            } else {
                ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
                ImageWriteParam param = writer.getDefaultWriteParam();
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(jpegQuality);
                try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
                    writer.setOutput(ios);
                    writer.write(null, new IIOImage(toRgb(image), null, null), param);
                } finally {
                    writer.dispose();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
