package dev.oneira.engine.bench;

import dev.oneira.engine.dream.DreamInputs;
import dev.oneira.engine.dream.DreamListener;
import dev.oneira.engine.dream.Planes;
import dev.oneira.engine.image.ImageConversions;
import dev.oneira.engine.runtime.DreamRuntime;
import dev.oneira.engine.zoom.ZoomAnimator;
import dev.oneira.engine.zoom.ZoomSettings;
import dev.oneira.shared.spec.DreamSpec;
import dev.oneira.video.Mp4Writer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seconds per frame of a zoom animation at a given size, as the worker makes them: move the frame,
 * dream it {@code stepsPerFrame} steps, convert it and encode it into an MP4. Frame 0 (a full dream)
 * and the first moved frame (per-shape warm-up) are not timed.
 */
public final class ZoomBenchmark {

    public record Figures(int width, int height, int stepsPerFrame, int frames, double medianSeconds, double minSeconds) {}

    private final DreamRuntime runtime;

    public ZoomBenchmark(DreamRuntime runtime) {
        this.runtime = runtime;
    }

    public Figures run(int width, int height, DreamSpec spec, int stepsPerFrame, int timedFrames) throws IOException {
        Planes photo = new Planes(3, height, width);
        SplittableRandom random = new SplittableRandom(42);
        float[] d = photo.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (random.nextDouble() * 2 - 1) * 0.5f;
        }
        // Frame 0 as one quick octave: it is not timed, only the frames after it are.
        DreamSpec frameZero = spec.toBuilder().octaveFrom(0).octaveTo(0).stepsPerOctave(1).build();
        ZoomSettings zoom = new ZoomSettings(timedFrames + 2, 1.04, 0, 0, 0, stepsPerFrame, 0);
        double[] seconds = new double[timedFrames];
        long[] last = {0};
        Path video = Files.createTempFile("oneira-zoom-bench-", ".mp4");
        try (Mp4Writer writer = Mp4Writer.open(video, width, height, 24)) {
            new ZoomAnimator(runtime.engine()).animate(DreamInputs.of(photo), frameZero, zoom, 42, null, frame -> {
                writer.write(ImageConversions.toImage(frame.image()));
                long now = System.nanoTime();
                if (frame.index() >= 2) {
                    seconds[frame.index() - 2] = (now - last[0]) / 1e9;
                }
                last[0] = now;
            }, DreamListener.NONE, () -> false);
        } finally {
            Files.deleteIfExists(video);
        }
        Arrays.sort(seconds);
        double median = timedFrames % 2 == 1 ? seconds[timedFrames / 2]
                : (seconds[timedFrames / 2 - 1] + seconds[timedFrames / 2]) / 2;
        return new Figures(width, height, stepsPerFrame, timedFrames, median, seconds[0]);
    }
}
