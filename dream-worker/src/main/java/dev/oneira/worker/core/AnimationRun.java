package dev.oneira.worker.core;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.jboss.logging.Logger;

import dev.oneira.engine.dream.DreamEngine;
import dev.oneira.engine.dream.DreamInputs;
import dev.oneira.engine.dream.DreamListener;
import dev.oneira.engine.dream.DreamStep;
import dev.oneira.engine.image.ImageConversions;
import dev.oneira.engine.image.ImageFiles;
import dev.oneira.engine.zoom.ZoomAnimator;
import dev.oneira.engine.zoom.ZoomCheckpoint;
import dev.oneira.engine.zoom.ZoomFrame;
import dev.oneira.engine.zoom.ZoomSettings;
import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.spec.Animation;
import dev.oneira.shared.spec.DreamSpec;
import dev.oneira.video.Mp4Join;
import dev.oneira.video.Mp4Writer;
import dev.oneira.video.PreviewLoop;

/**
 * One try at an animation: resumes from its checkpoint when there is one, dreams the remaining
 * frames with the engine's {@link ZoomAnimator}, streams each frame into the open MP4 segment (so
 * memory holds one frame and frame 0, whatever the length), closes a segment every
 * {@code segment-frames} frames or {@code checkpoint-interval} and checkpoints it, and at the end
 * joins the segments into the video and makes its preview loop and poster. Storing those, the still
 * result and the events is {@link DreamAttempt}'s part, in its order; the files live in a folder of
 * this run's own until it is closed.
 */
final class AnimationRun implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AnimationRun.class);
    /** The preview loop's longer side and length: a card's worth, well under 2 MB (issue 9). */
    static final int LOOP_MAX_SIDE = 320;
    static final double LOOP_SECONDS = 3.0;
    static final float POSTER_QUALITY = 0.9f;

    /** What a finished run hands over: frame 0 (the still result), the video, its loop and poster. */
    record Finished(BufferedImage firstFrame, Path video, Path previewLoop, byte[] poster, int framesDreamt,
                    int framesResumed, double finalLoss) {
    }

    private final DreamId id;
    private final DreamSpec spec;
    private final Animation animation;
    private final CheckpointStore checkpoints;
    private final ProgressReporterFactory reporters;
    private final WorkerSettings settings;
    private final BooleanSupplier cancelled;
    private final Path dir;

    /** Makes the progress reporter for this run's position (the attempt supplies store, sink and timers). */
    @FunctionalInterface
    interface ProgressReporterFactory {
        ProgressReporter create(ProgressReporter.Position position);
    }

    AnimationRun(DreamId id, DreamSpec spec, CheckpointStore checkpoints, ProgressReporterFactory reporters,
                 WorkerSettings settings, BooleanSupplier cancelled) {
        this.id = id;
        this.spec = spec;
        this.animation = spec.animation();
        this.checkpoints = checkpoints;
        this.reporters = reporters;
        this.settings = settings;
        this.cancelled = cancelled;
        try {
            this.dir = Files.createTempDirectory("oneira-" + id + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a folder for the animation's video segments", e);
        }
    }

    /** Frames, video, preview loop and poster; throws what the engine throws when cancelled. */
    Finished run(DreamEngine engine, DreamInputs inputs) {
        int width = inputs.photo().width();
        int height = inputs.photo().height();
        long seed = spec.seed();
        long start = System.nanoTime();
        Optional<CheckpointStore.Resumed> resumed = checkpoints.read(seed, animation, width, height, dir);
        CheckpointState stored = resumed.map(CheckpointStore.Resumed::state)
                .orElseGet(() -> CheckpointState.empty(id, seed, animation, width, height));
        SegmentBook book = new SegmentBook(id, stored, settings.segmentFrames(), settings.checkpointInterval(),
                System::nanoTime);
        resumed.ifPresent(r -> {
            for (int i = 0; i < r.segmentFiles().size(); i++) {
                book.resumed(stored.segments().get(i), r.segmentFiles().get(i));
            }
        });
        AnimationProgress position = new AnimationProgress(spec, stored.framesDone(), start);
        Frames frames = new Frames(book, position, reporters.create(position),
                resumed.map(CheckpointStore.Resumed::firstFrame).orElse(null), width, height);
        try {
            if (book.nextFrame() < animation.frames()) {
                ZoomCheckpoint from = resumed.map(r -> new ZoomCheckpoint(stored.framesDone() - 1,
                        ImageConversions.toPlanes(r.lastFrame()))).orElse(null);
                new ZoomAnimator(engine).animate(inputs, spec, ZoomSettings.of(animation), seed, from, frames::accept,
                        frames, cancelled);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the animation's video could not be written: " + e.getMessage(), e);
        } finally {
            frames.closeQuietly();
        }
        if (book.nextFrame() != animation.frames() || frames.firstFrame == null) {
            throw new IllegalStateException("the animation ended after " + book.nextFrame() + " of "
                    + animation.frames() + " frames");
        }
        try {
            Path video = dir.resolve("video.mp4");
            Mp4Join.join(book.files(), video);
            Path loop = dir.resolve("loop.webp");
            PreviewLoop.fromVideo(video, loop, LOOP_MAX_SIDE, LOOP_SECONDS);
            byte[] poster = ImageFiles.encode(frames.firstFrame, ImageFiles.Format.JPEG, POSTER_QUALITY);
            LOG.infof("dream %s: %d frames dreamt (%d resumed from a checkpoint), video of %d segments joined", id,
                    frames.dreamt, stored.framesDone(), book.files().size());
            return new Finished(frames.firstFrame, video, loop, poster, frames.dreamt, stored.framesDone(),
                    frames.lastLoss);
        } catch (IOException e) {
            throw new UncheckedIOException("the animation's video could not be finished: " + e.getMessage(), e);
        }
    }

    /** Removes this run's files (segments, video, loop). */
    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warnf("dream %s: could not remove its temporary video files in %s: %s", id, dir, e.getMessage());
        }
    }

    /** Removes the checkpoint once the animation is complete (stored and announced). */
    void completed() {
        checkpoints.deleteAll();
    }

    /** Takes the engine's frames (encodes, reports, checkpoints) and passes its steps on to the reporter. */
    private final class Frames implements DreamListener {
        private final SegmentBook book;
        private final AnimationProgress position;
        private final ProgressReporter reporter;
        private final int width;
        private final int height;
        private BufferedImage firstFrame;
        private Mp4Writer writer;
        private Path writing;
        private int dreamt;
        private double lastLoss = Double.NaN;

        Frames(SegmentBook book, AnimationProgress position, ProgressReporter reporter, BufferedImage firstFrame,
               int width, int height) {
            this.book = book;
            this.position = position;
            this.reporter = reporter;
            this.firstFrame = firstFrame;
            this.width = width;
            this.height = height;
        }

        @Override
        public void onStep(DreamStep step) {
            lastLoss = step.loss();
            reporter.onStep(step);
        }

        void accept(ZoomFrame frame) throws IOException {
            BufferedImage image = ImageConversions.toImage(frame.image());
            int index = frame.index();
            if (index == 0) {
                firstFrame = image;
            }
            if (writer == null) {
                writing = dir.resolve("segment-" + book.nextFrame() + ".mp4");
                writer = Mp4Writer.open(writing, width, height, animation.fps());
            }
            writer.write(image);
            book.frameWritten(index);
            dreamt++;
            reporter.report(side -> ImageFiles.fitWithin(image, side),
                    previewKey -> position.frameFinished(id, index, lastLoss, previewKey));
            boolean last = index == animation.frames() - 1;
            if (book.closeDue() || last) {
                writer.close();
                writer = null;
                book.close(writing);
                // The last segment is not checkpointed: the finished video follows at once.
                if (!last) {
                    checkpoints.save(book, image, firstFrame);
                }
            }
        }

        void closeQuietly() {
            if (writer != null) {
                try {
                    writer.close();
                } catch (IOException e) {
                    LOG.debugf("dream %s: closing an unfinished segment: %s", id, e.getMessage());
                }
                writer = null;
            }
        }
    }
}
