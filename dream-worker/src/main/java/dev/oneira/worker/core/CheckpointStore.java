package dev.oneira.worker.core;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import dev.oneira.engine.image.ImageFileException;
import dev.oneira.engine.image.ImageFiles;
import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.spec.Animation;
import dev.oneira.shared.store.ObjectKeys;
import dev.oneira.store.ObjectStore;
import dev.oneira.store.ObjectStoreException;
import dev.oneira.store.ObjectStoreUnavailableException;

/**
 * An unfinished animation's objects under {@code checkpoints/{id}/}: reading them back on a
 * redelivery, writing one more checkpoint as each segment is closed, removing them once the
 * animation is complete.
 *
 * <p>Writes are in an order that keeps the record true at every moment: segments and frames first,
 * the record ({@code state.json}) after them, the frame it no longer names last. A checkpoint is a
 * saving, not a duty: one that fails (store down or hanging) is skipped, the segments stay on this
 * machine's disk for the finished video, and the next closed segment tries again after
 * {@code checkpoint-interval}, so an outage does not stop the dreaming. Reading a checkpoint, on the
 * other hand, goes through the attempt's retries: a store outage then is waited out as for any read.
 */
final class CheckpointStore {

    private static final Logger LOG = Logger.getLogger(CheckpointStore.class);

    /** A store call with the attempt's retries through an outage (see {@link DreamAttempt}). */
    interface Retrying {
        <T> T call(String what, Supplier<T> action);
    }

    /**
     * A checkpoint that can be resumed: its record, its segments fetched to this machine (in the
     * record's order), the frame to continue from and frame 0.
     */
    record Resumed(CheckpointState state, java.util.List<Path> segmentFiles, BufferedImage lastFrame,
                   BufferedImage firstFrame) {
    }

    private final DreamId id;
    private final ObjectStore store;
    private final Retrying retrying;
    private final StoreOutage outage;
    private final AtomicLong lastActivity;
    private final Duration pauseAfterFailure;
    private long pausedUntil = System.nanoTime();

    CheckpointStore(DreamId id, ObjectStore store, Retrying retrying, StoreOutage outage, AtomicLong lastActivity,
                    Duration pauseAfterFailure) {
        this.id = id;
        this.store = store;
        this.retrying = retrying;
        this.outage = outage;
        this.lastActivity = lastActivity;
        this.pauseAfterFailure = pauseAfterFailure;
    }

    /**
     * The stored checkpoint of this animation with its segments fetched into {@code dir}, or empty when
     * there is none or it cannot be resumed (then it is removed, and the animation starts from frame 0).
     */
    Optional<Resumed> read(long seed, Animation animation, int width, int height, Path dir) {
        Optional<byte[]> bytes = retrying.call("read the checkpoint",
                () -> store.get(ObjectKeys.checkpointState(id)));
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        Optional<CheckpointState> state = CheckpointState.decode(bytes.get());
        Optional<String> unusable = state.isEmpty() ? Optional.of("its record does not read")
                : state.get().unusableFor(id, seed, animation, width, height);
        if (unusable.isPresent()) {
            return startOver(unusable.get());
        }
        CheckpointState found = state.get();
        java.util.List<Path> files = new java.util.ArrayList<>();
        for (CheckpointState.Segment s : found.segments()) {
            Path file = dir.resolve(s.key().substring(s.key().lastIndexOf('/') + 1));
            if (!retrying.call("read " + s.key(), () -> store.download(s.key(), file))) {
                return startOver(s.key() + " is missing");
            }
            files.add(file);
            lastActivity.set(System.nanoTime());
        }
        Optional<BufferedImage> last = frame(found.lastFrameKey());
        Optional<BufferedImage> first = frame(found.firstFrameKey());
        if (last.isEmpty() || first.isEmpty()) {
            return startOver("a frame it names is missing or does not decode");
        }
        LOG.infof("dream %s: resuming the animation after frame %d of %d from its checkpoint (%d segments)", id,
                found.framesDone() - 1, found.frameCount(), found.segments().size());
        return Optional.of(new Resumed(found, files, last.get(), first.get()));
    }

    private Optional<BufferedImage> frame(String key) {
        Optional<byte[]> png = retrying.call("read " + key, () -> store.get(key));
        if (png.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ImageFiles.decode(png.get(), key));
        } catch (ImageFileException e) {
            return Optional.empty();
        }
    }

    private Optional<Resumed> startOver(String why) {
        LOG.warnf("dream %s: its animation checkpoint cannot be resumed (%s); dreaming it from frame 0", id, why);
        deleteAll();
        return Optional.empty();
    }

    /**
     * Stores the closed segments the record does not name yet, the frame just finished (the new
     * resume point), frame 0 with the first checkpoint, then the record, then drops the former resume
     * frame. Best effort: answers whether the checkpoint was stored.
     *
     * @param lastFrame the frame that ends the last closed segment
     */
    boolean save(SegmentBook book, BufferedImage lastFrame, BufferedImage firstFrame) {
        long now = System.nanoTime();
        if (now - pausedUntil < 0) {
            return false;
        }
        try {
            CheckpointState before = book.storedState();
            CheckpointState next = book.next();
            if (before.framesDone() == 0) {
                store.put(next.firstFrameKey(), ImageFiles.encode(firstFrame, ImageFiles.Format.PNG, 0f), "image/png");
            }
            for (SegmentBook.Local local : book.unstored()) {
                store.put(local.segment().key(), local.file(), "video/mp4");
            }
            if (!next.lastFrameKey().equals(next.firstFrameKey())) {
                store.put(next.lastFrameKey(), ImageFiles.encode(lastFrame, ImageFiles.Format.PNG, 0f), "image/png");
            }
            store.put(ObjectKeys.checkpointState(id), next.encode(), "application/json");
            book.stored(next);
            outage.succeeded();
            String former = before.lastFrameKey();
            if (former != null && !former.equals(next.firstFrameKey()) && !former.equals(next.lastFrameKey())) {
                store.delete(former);
            }
            LOG.debugf("dream %s: checkpoint after frame %d of %d", id, next.framesDone() - 1, next.frameCount());
            return true;
        } catch (ObjectStoreException e) {
            if (e instanceof ObjectStoreUnavailableException) {
                outage.failed();
            }
            pausedUntil = System.nanoTime() + pauseAfterFailure.toNanos();
            LOG.warnf("dream %s: could not store a checkpoint, dreaming on and trying again in %s s (the segments"
                    + " are kept on this machine meanwhile): %s", id, pauseAfterFailure.toSeconds(), e.getMessage());
            return false;
        } finally {
            // Time spent checkpointing is the worker's own, not a stalled dream's.
            lastActivity.set(System.nanoTime());
        }
    }

    /** Removes every checkpoint object of the dream; best effort (they are removed with the dream anyway). */
    void deleteAll() {
        try {
            store.deletePrefix(ObjectKeys.checkpointPrefix(id));
        } catch (RuntimeException e) {
            LOG.warnf("dream %s: could not remove its animation checkpoint (removed with the dream later): %s", id,
                    e.getMessage());
        }
    }
}
