package dev.oneira.gallery.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import dev.oneira.gallery.TestPhotos;

/** Plain unit tests of the upload normalisation: formats, orientation, alpha, colour, size guards. */
class ImageNormalizerTest {

    private final ImageNormalizer normalizer = new ImageNormalizer(2_000_000, 4_000_000);

    @Test
    void pngAndJpegBecomeRgbPngsScaledToMaxSide() throws Exception {
        ImageNormalizer.Normalized png = normalizer.normalize(TestPhotos.png(400, 200), "a.png", 100);
        assertThat(png.width()).isEqualTo(100);
        assertThat(png.height()).isEqualTo(50);
        assertThat(png.sourceFormat()).isEqualTo("png");
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(png.png()));
        assertThat(back.getWidth()).isEqualTo(100);
        assertThat(back.getColorModel().hasAlpha()).isFalse();

        ImageNormalizer.Normalized jpeg = normalizer.normalize(TestPhotos.jpeg(300, 500), "b.jpg", 1024);
        assertThat(jpeg.width()).isEqualTo(300); // never scaled up
        assertThat(jpeg.height()).isEqualTo(500);
        assertThat(jpeg.sourceFormat()).isEqualTo("jpeg");
    }

    @Test
    void transparencyIsFlattenedOnWhite() {
        BufferedImage argb = new BufferedImage(20, 20, BufferedImage.TYPE_INT_ARGB); // fully transparent
        Graphics2D g = argb.createGraphics();
        g.setColor(new Color(255, 0, 0, 255));
        g.fillRect(0, 0, 10, 20);
        g.dispose();
        BufferedImage out = normalizer.normalize(TestPhotos.encode(argb, "png"), "t.png", 100).image();
        assertThat(out.getRGB(15, 10) & 0xFFFFFF).isEqualTo(0xFFFFFF);
        assertThat(out.getRGB(5, 10) & 0xFFFFFF).isEqualTo(0xFF0000);
    }

    @Test
    void aMaskPaintedOnATransparentLayerKeepsThePhotoWhereNothingWasPaintedEvenWhenScaled() {
        BufferedImage argb = new BufferedImage(400, 200, BufferedImage.TYPE_INT_ARGB); // fully transparent
        Graphics2D g = argb.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 200, 200);
        g.dispose();
        BufferedImage out = normalizer.normalizeMask(TestPhotos.encode(argb, "png"), "mask.png", 100).image();

        assertThat(out.getWidth()).isEqualTo(100);
        assertThat(out.getRGB(20, 25) & 0xFFFFFF).as("painted: dream").isEqualTo(0xFFFFFF);
        assertThat(out.getRGB(80, 25) & 0xFFFFFF).as("transparent: keep the photo").isEqualTo(0x000000);
    }

    @Test
    void greyscaleAndPaletteImagesBecomeRgb() {
        BufferedImage grey = TestPhotos.picture(40, 30, BufferedImage.TYPE_BYTE_GRAY);
        BufferedImage out = normalizer.normalize(TestPhotos.encode(grey, "png"), "g.png", 100).image();
        assertThat(out.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        int rgb = out.getRGB(20, 15);
        assertThat((rgb >> 16) & 0xFF).isEqualTo(rgb & 0xFF); // grey stays grey

        BufferedImage indexed = TestPhotos.picture(40, 30, BufferedImage.TYPE_BYTE_INDEXED);
        assertThat(normalizer.normalize(TestPhotos.encode(indexed, "gif"), "p.gif", 100).image().getType())
                .isEqualTo(BufferedImage.TYPE_INT_RGB);
    }

    @Test
    void gifGivesItsFirstFrame() {
        ImageNormalizer.Normalized gif = normalizer.normalize(
                TestPhotos.encode(TestPhotos.picture(64, 48, BufferedImage.TYPE_BYTE_INDEXED), "gif"), "x.gif", 100);
        assertThat(gif.sourceFormat()).isEqualTo("gif");
        assertThat(gif.width()).isEqualTo(64);
    }

    @Test
    void exifOrientationIsApplied() {
        // 60x40 with a red top-left corner; orientation 6 = the camera was turned: show it rotated 90 degrees clockwise
        BufferedImage photo = TestPhotos.picture(60, 40, BufferedImage.TYPE_INT_RGB);
        byte[] jpeg = TestPhotos.jpegWithOrientation(photo, 6);
        assertThat(ImageNormalizer.exifOrientation(jpeg)).isEqualTo(6);
        BufferedImage out = normalizer.normalize(jpeg, "turned.jpg", 1024).image();
        assertThat(out.getWidth()).isEqualTo(40);
        assertThat(out.getHeight()).isEqualTo(60);
        // the red corner moves from top-left to top-right
        assertThat(isRed(out.getRGB(out.getWidth() - 2, 1))).isTrue();
        assertThat(isRed(out.getRGB(1, 1))).isFalse();

        BufferedImage upsideDown = normalizer.normalize(TestPhotos.jpegWithOrientation(photo, 3), "u.jpg", 1024).image();
        assertThat(upsideDown.getWidth()).isEqualTo(60);
        assertThat(isRed(upsideDown.getRGB(58, 38))).isTrue();
    }

    @Test
    void aWebpPhotoIsDecodedToRgb() throws Exception {
        BufferedImage out = normalizer.normalize(resource("/photos/chelsea.webp"), "cat.webp", 1024).image();
        assertThat(out.getWidth()).isEqualTo(120);
        assertThat(out.getHeight()).isEqualTo(80);
        assertThat(out.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        assertLooksLikeTheCat(out);
    }

    @Test
    void aCmykJpegIsConvertedToRgbColours() throws Exception {
        BufferedImage out = normalizer.normalize(resource("/photos/chelsea-cmyk.jpg"), "cat.jpg", 1024).image();
        assertThat(out.getWidth()).isEqualTo(120);
        assertThat(out.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        assertLooksLikeTheCat(out);
    }

    private static byte[] resource(String name) throws Exception {
        try (var in = ImageNormalizerTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    /** Chelsea is a tabby: on average clearly more red than blue (a wrong colour model inverts or greys it). */
    private static void assertLooksLikeTheCat(BufferedImage image) {
        long red = 0;
        long blue = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                red += (rgb >> 16) & 0xff;
                blue += rgb & 0xff;
            }
        }
        long n = (long) image.getWidth() * image.getHeight();
        assertThat(red / n).as("mean red").isBetween(120L, 230L);
        assertThat(red / n - blue / n).as("mean red minus mean blue").isGreaterThan(20L);
    }

    @Test
    void emptyFileIsRefused() {
        assertThatThrownBy(() -> normalizer.normalize(new byte[0], "empty.jpg", 100))
                .isInstanceOfSatisfying(UploadRejected.class, r -> {
                    assertThat(r.status()).isEqualTo(400);
                    assertThat(r.detail()).contains("empty.jpg").contains("empty").contains("JPEG, PNG, WebP or GIF");
                });
    }

    @Test
    void textRenamedJpgIsRefusedNamingWhatIsAccepted() {
        byte[] text = "hello, this is not a photo at all\n".repeat(20).getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> normalizer.normalize(text, "notes.jpg", 100))
                .isInstanceOfSatisfying(UploadRejected.class, r -> {
                    assertThat(r.status()).isEqualTo(415);
                    assertThat(r.detail()).contains("notes.jpg").contains("JPEG, PNG, WebP or GIF (first frame)");
                });
    }

    @Test
    void hugeDimensionsAreRefusedFromTheHeaderAlone() {
        byte[] bomb = TestPhotos.pngHeaderOnly(100_000, 100_000);
        assertThatThrownBy(() -> normalizer.normalize(bomb, "bomb.png", 100))
                .isInstanceOfSatisfying(UploadRejected.class, r -> {
                    assertThat(r.status()).isEqualTo(422);
                    assertThat(r.detail()).contains("100000 x 100000").contains("4 megapixels");
                });
    }

    @Test
    void oversizedFileIsRefusedBeforeDecoding() {
        assertThatThrownBy(() -> normalizer.checkSize(2_500_000, "big.jpg"))
                .isInstanceOfSatisfying(UploadRejected.class, r -> {
                    assertThat(r.status()).isEqualTo(413);
                    assertThat(r.detail()).contains("2.5 MB").contains("2.0 MB");
                });
    }

    @Test
    void truncatedImageIsRefusedAsUndecodable() {
        byte[] png = TestPhotos.png(200, 200);
        byte[] cut = java.util.Arrays.copyOf(png, 100);
        assertThatThrownBy(() -> normalizer.normalize(cut, "cut.png", 100))
                .isInstanceOfSatisfying(UploadRejected.class, r -> assertThat(r.status()).isEqualTo(422));
    }

    @Test
    void aJpegCutShortIsRefusedInsteadOfDreamtWithAGreyHalf() {
        byte[] jpeg = TestPhotos.jpeg(400, 300);
        byte[] cut = java.util.Arrays.copyOf(jpeg, jpeg.length * 2 / 3);
        assertThatThrownBy(() -> normalizer.normalize(cut, "cut.jpg", 1024))
                .isInstanceOfSatisfying(UploadRejected.class, r -> {
                    assertThat(r.status()).isEqualTo(422);
                    assertThat(r.title()).isEqualTo("Image is cut short");
                    assertThat(r.detail()).contains("cut.jpg").contains("complete file");
                });
    }

    @Test
    void aDamagedImageIsRefusedInPlainWordsWithoutTheReadersMessage() {
        byte[] png = TestPhotos.png(200, 200);
        byte[] damaged = png.clone();
        java.util.Arrays.fill(damaged, 60, damaged.length - 20, (byte) 7);
        assertThatThrownBy(() -> normalizer.normalize(damaged, "d.png", 100))
                .isInstanceOfSatisfying(UploadRejected.class, r -> {
                    assertThat(r.status()).isEqualTo(422);
                    assertThat(r.detail()).contains("could not be decoded").doesNotContain("Exception")
                            .doesNotContain("IIO").doesNotContain("javax");
                });
    }

    @Test
    void aHugePhotoIsDecodedSubsampledSoItsMemoryStaysNearTheDreamSize() {
        byte[] jpeg = Huge.jpeg7000();
        long before = allocatedBytes();
        ImageNormalizer.Normalized out = normalizer7000().normalize(jpeg, "huge.jpg", 1024);
        long allocated = allocatedBytes() - before;
        assertThat(out.width()).isEqualTo(1024);
        assertThat(out.height()).isEqualTo(1024);
        assertThat(out.sourceWidth()).isEqualTo(7000);
        // decoded in full, the 49 MP photo alone is 147 MB (3 bytes a pixel), 196 MB more as RGB
        assertThat(allocated).as("bytes allocated by one normalisation").isLessThan(80_000_000L);
        assertThat(ImageNormalizer.estimateBytes(7000, 7000, ImageNormalizer.subsampling("jpeg", 7000, 7000, 1024),
                1024)).isLessThan(30_000_000L);
    }

    @Test
    void decodesBeyondTheBudgetWaitThenAreRefusedAsSaturated() {
        DecodeBudget budget = new DecodeBudget(100_000_000, java.time.Duration.ofMillis(200));
        try (DecodeBudget.Reservation big = budget.reserve(80_000_000)) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> budget.reserve(30_000_000)).isInstanceOfSatisfying(DecodeBudget.Exhausted.class,
                    e -> assertThat(e.retryAfterSeconds()).isPositive());
            assertThat(System.nanoTime() - start).as("waited for the budget").isGreaterThan(150_000_000L);
            budget.reserve(15_000_000).close(); // what is left is still there
        }
        // more than the whole budget: it runs alone instead of never
        budget.reserve(500_000_000).close();
        assertThat(DecodeBudget.bytesForHeapShare(0.25, 512L << 20)).isEqualTo(128L << 20);
        assertThatThrownBy(() -> DecodeBudget.bytesForHeapShare(0, 512L << 20))
                .hasMessageContaining("decode-heap-share");
    }

    private static ImageNormalizer normalizer7000() {
        return new ImageNormalizer(20_000_000, 50_000_000);
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean())
                .getCurrentThreadAllocatedBytes();
    }

    private static boolean isRed(int rgb) {
        return ((rgb >> 16) & 0xFF) > 180 && ((rgb >> 8) & 0xFF) < 90 && (rgb & 0xFF) < 90;
    }
}
