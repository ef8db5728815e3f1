package dev.oneira.video;

import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * Decodes a video to say what it holds. The frames are counted by decoding every one of them
 * (a container's own count can be missing or wrong), so this reads the whole file.
 */
public final class VideoProbe {
    private VideoProbe() {
    }

    public static VideoInfo probe(Path file) throws VideoException {
        if (!Files.isRegularFile(file)) {
            throw new VideoException("no video file at " + file);
        }
        Ffmpeg.quiet();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
            grabber.start();
            String codec = avcodec.avcodec_get_name(grabber.getVideoCodec()).getString();
            int frames = 0;
            // Counted as decoded: a container's own frame count can be missing or wrong.
            Frame frame;
            while ((frame = grabber.grabImage()) != null) {
                if (frame.image != null) {
                    frames++;
                }
            }
            double fps = grabber.getVideoFrameRate();
            int width = grabber.getImageWidth();
            int height = grabber.getImageHeight();
            grabber.stop();
            return new VideoInfo(codec, width, height, fps, frames, fps > 0 ? frames / fps : 0);
        } catch (FrameGrabber.Exception e) {
            throw new VideoException("cannot decode " + file + ": " + e.getMessage(), e);
        }
    }
}
