package dev.oneira.worker.core;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.store.ObjectKeys;

/**
 * The bookkeeping of an animation's video segments: which frames the open segment holds, when it is
 * due to be closed (every {@code segmentFrames} frames, or once {@code checkpointInterval} has passed
 * since it was opened, so a slow animation loses at most that much work), which closed segments are
 * on this machine's disk, and which of them the stored checkpoint already names. No I/O here:
 * {@link AnimationRun} writes the files and objects this book tells it about.
 */
final class SegmentBook {

    /** A closed segment and its file on this machine. */
    record Local(CheckpointState.Segment segment, Path file) {
    }

    private final DreamId id;
    private final int segmentFrames;
    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private final List<Local> closed = new ArrayList<>();
    private CheckpointState stored;
    private int storedSegments;
    private int openFirst;
    private int openFrames;
    private long openedAt;

    /**
     * @param stored what the store holds already: {@link CheckpointState#empty} for a new animation,
     *               the resumed checkpoint otherwise (its segments then given with {@link #resumed})
     */
    SegmentBook(DreamId id, CheckpointState stored, int segmentFrames, Duration checkpointInterval,
                LongSupplier nanoClock) {
        if (segmentFrames < 1) {
            throw new IllegalArgumentException("a segment must hold at least one frame (was " + segmentFrames + ")");
        }
        this.id = id;
        this.stored = stored;
        this.segmentFrames = segmentFrames;
        this.intervalNanos = checkpointInterval.toNanos();
        this.nanoClock = nanoClock;
        this.openFirst = stored.framesDone();
        this.openedAt = nanoClock.getAsLong();
    }

    /** A segment of the stored checkpoint, fetched to {@code file}; give them in order before any frame. */
    void resumed(CheckpointState.Segment segment, Path file) {
        if (storedSegments >= stored.segments().size() || !stored.segments().get(storedSegments).equals(segment)) {
            throw new IllegalStateException("segment " + segment + " is not the next of the checkpoint " + stored);
        }
        closed.add(new Local(segment, file));
        storedSegments++;
    }

    /** The index of the frame the encoder expects next. */
    int nextFrame() {
        return openFirst + openFrames;
    }

    /** Frames in the open segment. */
    int openFrames() {
        return openFrames;
    }

    /** Counts frame {@code index}, which the caller has just written to the open segment. */
    void frameWritten(int index) {
        if (index != nextFrame()) {
            throw new IllegalStateException("frame " + index + " written, but frame " + nextFrame() + " was expected");
        }
        if (openFrames == 0) {
            openedAt = nanoClock.getAsLong();
        }
        openFrames++;
    }

    /** Whether the open segment should be closed (and checkpointed) now. */
    boolean closeDue() {
        return openFrames >= segmentFrames || (openFrames > 0 && nanoClock.getAsLong() - openedAt >= intervalNanos);
    }

    /** Closes the open segment, whose file the caller has finished writing. */
    Local close(Path file) {
        if (openFrames == 0) {
            throw new IllegalStateException("no frame in the open segment");
        }
        Local local = new Local(new CheckpointState.Segment(
                ObjectKeys.checkpointSegment(id, openFirst, openFirst + openFrames - 1), openFirst, openFrames), file);
        closed.add(local);
        openFirst += openFrames;
        openFrames = 0;
        return local;
    }

    /** Every closed segment's file, in order: what the finished video is joined from. */
    List<Path> files() {
        return closed.stream().map(Local::file).toList();
    }

    /** Closed segments the stored checkpoint does not name yet (a checkpoint that failed leaves them here). */
    List<Local> unstored() {
        return List.copyOf(closed.subList(storedSegments, closed.size()));
    }

    /** The checkpoint record that names every closed segment, with its last frame as the resume point. */
    CheckpointState next() {
        CheckpointState state = stored;
        for (Local local : unstored()) {
            CheckpointState.Segment s = local.segment();
            state = state.plus(s, ObjectKeys.checkpointFrame(id, s.firstFrame() + s.frames() - 1));
        }
        return state;
    }

    /** The store now holds {@code state} (as returned by {@link #next}). */
    void stored(CheckpointState state) {
        this.stored = state;
        this.storedSegments = closed.size();
    }

    /** What the store holds. */
    CheckpointState storedState() {
        return stored;
    }
}
