package dev.oneira.video;

import org.bytedeco.ffmpeg.global.avutil;

/** Once per JVM: FFmpeg says only errors (its default chatter would fill a worker's log per frame). */
final class Ffmpeg {
    private static volatile boolean quiet;

    private Ffmpeg() {
    }

    static void quiet() {
        if (!quiet) {
            synchronized (Ffmpeg.class) {
                if (!quiet) {
                    avutil.av_log_set_level(avutil.AV_LOG_ERROR);
                    quiet = true;
                }
            }
        }
    }
}
