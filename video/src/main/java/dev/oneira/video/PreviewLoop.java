package dev.oneira.video;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.FrameRecorder;

/**
 * A small looping preview of a video: an animated WebP (plays everywhere an {@code <img>} does,
 * loops forever) of at most a few seconds, made of frames sampled evenly over the whole video, so a
 * long animation is shown at a quicker pace rather than cut. Frames are decoded and encoded one at
 * a time: memory does not grow with the video's length.
 */
public final class PreviewLoop {
    /** The preview's frame rate: smooth enough on a card, and half the bytes of 24 fps. */
    public static final int FPS = 12;
    /** libwebp's quality (0..100): the preview is a hint of the video, not the video. */
    static final int QUALITY = 55;

    private PreviewLoop() {
    }

    /**
     * Writes {@code out} (an animated WebP, replaced if it exists) from {@code video}: its longer side
     * at most {@code maxSide}, at most {@code maxSeconds} long at {@value #FPS} fps.
     */
    public static void fromVideo(Path video, Path out, int maxSide, double maxSeconds) throws VideoException {
        if (maxSide < Mp4Writer.MIN_SIDE || maxSeconds <= 0) {
            throw new IllegalArgumentException("a preview needs maxSide >= " + Mp4Writer.MIN_SIDE
                    + " and maxSeconds > 0 (was " + maxSide + ", " + maxSeconds + ")");
        }
        VideoInfo info = VideoProbe.probe(video);
        if (info.frames() == 0) {
            throw new VideoException("no frame to preview in " + video);
        }
        int wanted = (int) Math.max(1, Math.min(info.frames(), Math.round(maxSeconds * FPS)));
        double scale = Math.min(1.0, (double) maxSide / Math.max(info.width(), info.height()));
        int width = Math.max(2, (int) Math.round(info.width() * scale) & ~1);
        int height = Math.max(2, (int) Math.round(info.height() * scale) & ~1);
        Ffmpeg.quiet();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile());
             FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(out.toFile(), width, height, 0)) {
            grabber.setImageWidth(width);
            grabber.setImageHeight(height);
            grabber.start();
            recorder.setFormat("webp");
            recorder.setVideoCodecName("libwebp_anim");
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(FPS);
            recorder.setVideoOption("quality", Integer.toString(QUALITY));
            // The WebP muxer plays once by default; 0 = loop forever.
            recorder.setOption("loop", "0");
            recorder.start();
            int written = 0;
            int index = 0;
            Frame frame;
            while (written < wanted && (frame = grabber.grabImage()) != null) {
                // Frame `index` is kept when it is the next of `wanted` evenly spaced ones.
                long next = (long) Math.floor((double) written * info.frames() / wanted);
                if (index == next) {
                    recorder.record(frame);
                    written++;
                }
                index++;
            }
            recorder.stop();
        } catch (FrameGrabber.Exception | FrameRecorder.Exception e) {
            throw new VideoException("cannot make a preview of " + video + " in " + out + ": " + e.getMessage(), e);
        }
    }
}
