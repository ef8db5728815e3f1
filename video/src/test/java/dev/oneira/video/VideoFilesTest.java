package dev.oneira.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoFilesTest {
    @TempDir
    Path dir;

    @Test
    void an_mp4_decodes_with_its_frames_rate_size_and_codec() throws Exception {
        Path mp4 = dir.resolve("a.mp4");
        writeFrames(mp4, 0, 30, 96, 64, 24);

        VideoInfo info = VideoProbe.probe(mp4);

        assertThat(info.codec()).isEqualTo("h264");
        assertThat(info.frames()).isEqualTo(30);
        assertThat(info.fps()).isCloseTo(24.0, within(1e-6));
        assertThat(info.width()).isEqualTo(96);
        assertThat(info.height()).isEqualTo(64);
        assertThat(info.seconds()).isCloseTo(1.25, within(1e-6));
    }

    @Test
    void the_index_comes_first_so_playback_starts_before_the_download_ends() throws Exception {
        Path mp4 = dir.resolve("fast.mp4");
        writeFrames(mp4, 0, 5, 64, 64, 24);

        byte[] head = Files.readAllBytes(mp4);
        assertThat(indexOf(head, "moov")).isPositive().isLessThan(indexOf(head, "mdat"));
    }

    @Test
    void odd_sides_are_rounded_down_to_even_as_yuv420p_needs() throws Exception {
        Path mp4 = dir.resolve("odd.mp4");
        try (Mp4Writer writer = Mp4Writer.open(mp4, 101, 67, 12)) {
            assertThat(writer.width()).isEqualTo(100);
            assertThat(writer.height()).isEqualTo(66);
            writer.write(solid(101, 67, Color.RED));
        }

        VideoInfo info = VideoProbe.probe(mp4);
        assertThat(info.width()).isEqualTo(100);
        assertThat(info.height()).isEqualTo(66);
    }

    @Test
    void segments_join_into_one_video_in_order_without_losing_a_frame() throws Exception {
        List<Path> segments = new ArrayList<>();
        int[] lengths = {10, 7, 12};
        int first = 0;
        for (int i = 0; i < lengths.length; i++) {
            Path segment = dir.resolve("segment-" + i + ".mp4");
            writeFrames(segment, first, lengths[i], 96, 48, 24);
            segments.add(segment);
            first += lengths[i];
        }
        Path joined = dir.resolve("joined.mp4");

        Mp4Join.join(segments, joined);

        VideoInfo info = VideoProbe.probe(joined);
        assertThat(info.frames()).isEqualTo(29);
        assertThat(info.fps()).isCloseTo(24.0, within(1e-6));
        assertThat(info.codec()).isEqualTo("h264");
        assertThat(decodedIndices(joined)).containsExactlyElementsOf(indices(29));
    }

    @Test
    void segments_of_another_size_are_refused_by_name() throws Exception {
        Path a = dir.resolve("a.mp4");
        Path b = dir.resolve("b.mp4");
        writeFrames(a, 0, 3, 96, 48, 24);
        writeFrames(b, 3, 3, 128, 48, 24);

        assertThatThrownBy(() -> Mp4Join.join(List.of(a, b), dir.resolve("out.mp4")))
                .isInstanceOf(VideoException.class)
                .hasMessageContaining("b.mp4").hasMessageContaining("differs from the first");
    }

    @Test
    void the_preview_is_a_small_animated_webp_that_loops_forever() throws Exception {
        Path mp4 = dir.resolve("long.mp4");
        writeFrames(mp4, 0, 120, 320, 240, 24);
        Path webp = dir.resolve("loop.webp");

        PreviewLoop.fromVideo(mp4, webp, 160, 3.0);

        WebpChunks chunks = WebpChunks.read(webp);
        assertThat(chunks.loopCount()).as("0 = forever").isZero();
        assertThat(chunks.frames()).isEqualTo(36);
        assertThat(chunks.width()).isEqualTo(160);
        assertThat(chunks.height()).isEqualTo(120);
        assertThat(Files.size(webp)).isLessThan(2_000_000);
    }

    @Test
    void a_file_that_is_not_a_video_gets_an_error_naming_it() throws IOException {
        Path junk = Files.writeString(dir.resolve("junk.mp4"), "not a video");

        assertThatThrownBy(() -> VideoProbe.probe(junk))
                .isInstanceOf(VideoException.class).hasMessageContaining("junk.mp4");
    }

    @Test
    void sizes_and_rates_outside_the_bounds_are_refused_with_the_bounds() {
        assertThatThrownBy(() -> Mp4Writer.open(dir.resolve("x.mp4"), 8, 64, 24))
                .hasMessageContaining("[16, 4096]");
        assertThatThrownBy(() -> Mp4Writer.open(dir.resolve("x.mp4"), 64, 64, 0))
                .hasMessageContaining("[1, 60]");
    }

    /** Frame i shows its index in binary: bars of black and white, which survive lossy coding. */
    private static void writeFrames(Path file, int firstIndex, int count, int width, int height, int fps)
            throws VideoException {
        try (Mp4Writer writer = Mp4Writer.open(file, width, height, fps)) {
            for (int i = 0; i < count; i++) {
                writer.write(bars(width, height, firstIndex + i));
            }
            assertThat(writer.framesWritten()).isEqualTo(count);
        }
    }

    private static BufferedImage bars(int width, int height, int index) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        for (int bit = 0; bit < BITS; bit++) {
            g.setColor((index >> bit & 1) == 1 ? Color.WHITE : Color.BLACK);
            g.fillRect(bit * width / BITS, 0, width / BITS, height);
        }
        g.dispose();
        return image;
    }

    private static final int BITS = 6;

    private static List<Integer> indices(int count) {
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            indices.add(i);
        }
        return indices;
    }

    private static List<Integer> decodedIndices(Path video) throws Exception {
        List<Integer> indices = new ArrayList<>();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile())) {
            // Grey bytes read straight from the decoded plane (rows are imageStride bytes apart).
            grabber.setPixelFormat(avutil.AV_PIX_FMT_GRAY8);
            grabber.start();
            Frame frame;
            while ((frame = grabber.grabImage()) != null) {
                ByteBuffer plane = (ByteBuffer) frame.image[0];
                int row = frame.imageHeight / 2 * frame.imageStride;
                int index = 0;
                for (int bit = 0; bit < BITS; bit++) {
                    int x = bit * frame.imageWidth / BITS + frame.imageWidth / BITS / 2;
                    if ((plane.get(row + x) & 0xff) > 128) {
                        index |= 1 << bit;
                    }
                }
                indices.add(index);
            }
        }
        return indices;
    }

    private static BufferedImage solid(int width, int height, Color color) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    private static int indexOf(byte[] bytes, String fourCc) {
        byte[] needle = fourCc.getBytes();
        outer:
        for (int i = 0; i + needle.length <= bytes.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The chunks of an animated WebP (RIFF): the ANIM loop count, VP8X canvas and ANMF frames. */
    private record WebpChunks(int loopCount, int frames, int width, int height) {
        static WebpChunks read(Path file) throws IOException {
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
            assertThat(new String(b.array(), 0, 4)).isEqualTo("RIFF");
            assertThat(new String(b.array(), 8, 4)).isEqualTo("WEBP");
            int pos = 12;
            int loop = -1;
            int frames = 0;
            int width = 0;
            int height = 0;
            while (pos + 8 <= b.limit()) {
                String id = new String(b.array(), pos, 4);
                int size = b.getInt(pos + 4);
                int body = pos + 8;
                switch (id) {
                    case "VP8X" -> {
                        width = 1 + (b.get(body + 4) & 0xff | (b.get(body + 5) & 0xff) << 8 | (b.get(body + 6) & 0xff) << 16);
                        height = 1 + (b.get(body + 7) & 0xff | (b.get(body + 8) & 0xff) << 8 | (b.get(body + 9) & 0xff) << 16);
                    }
                    case "ANIM" -> loop = b.getShort(body + 4) & 0xffff;
                    case "ANMF" -> frames++;
                    default -> { }
                }
                pos = body + size + (size & 1);
            }
            return new WebpChunks(loop, frames, width, height);
        }
    }
}
