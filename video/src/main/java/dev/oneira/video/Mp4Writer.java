package dev.oneira.video;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * Writes an MP4 frame by frame: H.264 (OpenH264, constrained baseline: every browser and the social
 * networks play it), yuv420p, the index at the front ("faststart") so playback starts before the
 * file is fully downloaded. Frames go straight to the encoder, so memory does not grow with their
 * number.
 *
 * <p>yuv420p needs even sides: the video's width and height are the given ones rounded down to even,
 * and a frame of any other size is scaled to them.
 */
public final class Mp4Writer implements AutoCloseable {
    /** Codec name of FFmpeg's OpenH264 wrapper: the H.264 encoder of the LGPL FFmpeg build. */
    public static final String CODEC = "libopenh264";
    public static final int MIN_SIDE = 16;
    public static final int MAX_SIDE = 4096;
    public static final int MAX_FPS = 60;
    /**
     * Bits per pixel and frame. Dreams are all fine detail: at 0.25 a 3x crop of a zoom's frame showed
     * the rings and dots of the dream smoothed away, so twice that; a 512 x 342, 24 fps video is then
     * about 2 Mbit/s (about 0.8 MB for the zoom preset's 3 s).
     */
    static final double BITS_PER_PIXEL = 0.5;

    private final Path file;
    private final FFmpegFrameRecorder recorder;
    private final Java2DFrameConverter converter = new Java2DFrameConverter();
    private final int width;
    private final int height;
    private final BufferedImage canvas;
    private int frames;
    private boolean closed;

    private Mp4Writer(Path file, FFmpegFrameRecorder recorder, int width, int height) {
        this.file = file;
        this.recorder = recorder;
        this.width = width;
        this.height = height;
        this.canvas = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    }

    /**
     * Opens {@code file} (replaced if it exists) for a video of about {@code width} x {@code height}
     * pixels at {@code fps} frames per second.
     *
     * @throws IllegalArgumentException when a side is outside [16, 4096] or fps outside [1, 60]
     * @throws VideoException when FFmpeg cannot open the file or the encoder
     */
    public static Mp4Writer open(Path file, int width, int height, int fps) throws VideoException {
        if (width < MIN_SIDE || height < MIN_SIDE || width > MAX_SIDE || height > MAX_SIDE) {
            throw new IllegalArgumentException("a video's sides must be in [" + MIN_SIDE + ", " + MAX_SIDE
                    + "] px (was " + width + " x " + height + ")");
        }
        if (fps < 1 || fps > MAX_FPS) {
            throw new IllegalArgumentException("fps must be in [1, " + MAX_FPS + "] (was " + fps + ")");
        }
        Ffmpeg.quiet();
        int evenWidth = width & ~1;
        int evenHeight = height & ~1;
        FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), evenWidth, evenHeight, 0);
        recorder.setFormat("mp4");
        recorder.setVideoCodecName(CODEC);
        recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
        recorder.setFrameRate(fps);
        // A key frame every 2 s: seeking stays quick, and joined segments each start on one anyway.
        recorder.setGopSize(2 * fps);
        recorder.setVideoBitrate((int) Math.min(Integer.MAX_VALUE,
                Math.round((double) evenWidth * evenHeight * fps * BITS_PER_PIXEL)));
        recorder.setOption("movflags", "+faststart");
        try {
            recorder.start();
        } catch (FFmpegFrameRecorder.Exception e) {
            release(recorder);
            throw new VideoException("cannot open " + file + " for H.264 video: " + e.getMessage(), e);
        }
        return new Mp4Writer(file, recorder, evenWidth, evenHeight);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int framesWritten() {
        return frames;
    }

    /** Encodes one frame (scaled to the video's size when it differs). */
    public void write(BufferedImage frame) throws VideoException {
        if (closed) {
            throw new IllegalStateException("the writer of " + file + " is closed");
        }
        Graphics2D g = canvas.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.drawImage(frame, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        try {
            recorder.record(converter.convert(canvas));
        } catch (FFmpegFrameRecorder.Exception e) {
            throw new VideoException("cannot encode frame " + frames + " of " + file + ": " + e.getMessage(), e);
        }
        frames++;
    }

    /** Flushes the encoder and writes the index; the file is complete only after this. */
    @Override
    public void close() throws VideoException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            recorder.stop();
        } catch (FFmpegFrameRecorder.Exception e) {
            throw new VideoException("cannot finish " + file + ": " + e.getMessage(), e);
        } finally {
            release(recorder);
            converter.close();
        }
    }

    private static void release(FFmpegFrameRecorder recorder) {
        try {
            recorder.release();
        } catch (FFmpegFrameRecorder.Exception ignored) {
            // Releasing native memory after a failure: the failure is what gets reported.
        }
    }
}
