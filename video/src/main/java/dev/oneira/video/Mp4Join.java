package dev.oneira.video;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.FrameRecorder;

/**
 * Joins MP4 segments written by {@link Mp4Writer} with the same size and frame rate into one MP4,
 * packet by packet: nothing is decoded or re-encoded, so joining is quick and loses nothing. Each
 * segment starts on a key frame (a new encoder always does), which is what makes the cut clean.
 *
 * <p>Written by hand on JavaCV's remuxing calls because FFmpeg's concat demuxer needs a list file
 * and a program run; here each segment's timestamps are shifted to follow the previous one's.
 */
public final class Mp4Join {
    private Mp4Join() {
    }

    /**
     * Writes {@code out} (replaced if it exists) with the video of every segment in order.
     *
     * @throws IllegalArgumentException when no segment is given
     * @throws VideoException when a segment cannot be read, or differs from the first in size,
     *                        frame rate, codec or time base
     */
    public static void join(List<Path> segments, Path out) throws VideoException {
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("nothing to join: no segments");
        }
        Ffmpeg.quiet();
        List<FFmpegFrameGrabber> opened = new ArrayList<>();
        FFmpegFrameRecorder recorder = null;
        try {
            FFmpegFrameGrabber first = open(segments.get(0), opened);
            AVRational timeBase = videoTimeBase(first);
            recorder = new FFmpegFrameRecorder(out.toFile(), first.getImageWidth(), first.getImageHeight(), 0);
            recorder.setFormat("mp4");
            recorder.setOption("movflags", "+faststart");
            recorder.start(first.getFormatContext());
            long offset = 0;
            for (int i = 0; i < segments.size(); i++) {
                FFmpegFrameGrabber grabber = i == 0 ? first : open(segments.get(i), opened);
                requireSameStream(first, grabber, timeBase, segments.get(i));
                int videoStream = grabber.getFormatContext().streams(0).index();
                long end = offset;
                AVPacket packet;
                while ((packet = grabber.grabPacket()) != null) {
                    if (packet.stream_index() != videoStream) {
                        continue;
                    }
                    long duration = Math.max(packet.duration(), 0);
                    packet.pts(packet.pts() + offset);
                    packet.dts(packet.dts() + offset);
                    end = Math.max(end, packet.pts() + duration);
                    if (!recorder.recordPacket(packet)) {
                        throw new VideoException("cannot copy a packet of " + segments.get(i) + " into " + out);
                    }
                }
                offset = end;
            }
            recorder.stop();
        } catch (FrameGrabber.Exception | FrameRecorder.Exception e) {
            throw new VideoException("cannot join " + segments.size() + " segments into " + out + ": "
                    + e.getMessage(), e);
        } finally {
            if (recorder != null) {
                try {
                    recorder.release();
                } catch (FrameRecorder.Exception ignored) {
                    // The join's own failure, if any, is the one reported.
                }
            }
            for (FFmpegFrameGrabber g : opened) {
                try {
                    g.close();
                } catch (FrameGrabber.Exception ignored) {
                    // Closing readers after the output is done or failed.
                }
            }
        }
    }

    private static FFmpegFrameGrabber open(Path segment, List<FFmpegFrameGrabber> opened) throws VideoException {
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(segment.toFile());
        opened.add(grabber);
        try {
            grabber.start();
        } catch (FrameGrabber.Exception e) {
            throw new VideoException("cannot read segment " + segment + ": " + e.getMessage(), e);
        }
        if (grabber.getFormatContext().nb_streams() != 1 || grabber.getImageWidth() <= 0) {
            throw new VideoException("segment " + segment + " is not a single video stream");
        }
        return grabber;
    }

    private static AVRational videoTimeBase(FFmpegFrameGrabber grabber) {
        return grabber.getFormatContext().streams(0).time_base();
    }

    private static void requireSameStream(FFmpegFrameGrabber first, FFmpegFrameGrabber other, AVRational timeBase,
                                          Path segment) throws VideoException {
        AVRational tb = videoTimeBase(other);
        if (other.getImageWidth() != first.getImageWidth() || other.getImageHeight() != first.getImageHeight()
                || other.getVideoCodec() != first.getVideoCodec()
                || tb.num() != timeBase.num() || tb.den() != timeBase.den()
                || Math.abs(other.getVideoFrameRate() - first.getVideoFrameRate()) > 1e-6) {
            throw new VideoException("segment " + segment + " differs from the first (" + other.getImageWidth() + " x "
                    + other.getImageHeight() + " at " + other.getVideoFrameRate() + " fps, time base " + tb.num() + "/"
                    + tb.den() + ", against " + first.getImageWidth() + " x " + first.getImageHeight() + " at "
                    + first.getVideoFrameRate() + " fps, " + timeBase.num() + "/" + timeBase.den() + ")");
        }
    }
}
