package dev.oneira.worker.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.json.OneiraJson;
import dev.oneira.shared.spec.Animation;
import dev.oneira.shared.store.ObjectKeys;

/**
 * What an unfinished animation has stored so far ({@code checkpoints/{id}/state.json}): frames
 * 0..framesDone-1 are encoded in {@code segments} (in order, each an MP4 of its own that starts on a
 * key frame), the last of them is kept full size as {@code lastFrameKey} (the frame a resumed
 * animation continues from) and frame 0 as {@code firstFrameKey} (the still result and the poster).
 * The record is written last, after the objects it names, and only then is the former last frame
 * removed: whatever moment a worker dies at, the record in the store names objects that exist.
 *
 * <p>Segments are named by the frames they hold, so a worker that lives on after its request went to
 * another (a "zombie") never leaves a key that means other frames than the record says; at worst it
 * removes a frame the other's record names, and that checkpoint is then found unusable and the
 * animation starts over: slower, never a wrong video.
 *
 * <p>{@code seed}, {@code frameCount}, {@code fps}, {@code width} and {@code height} say which
 * animation the frames belong to: a checkpoint that does not match the request's (a spec changed by
 * hand, a different seed) is not resumed.
 *
 * @param version {@link #VERSION}; a record of another version is not resumed
 */
record CheckpointState(int version, long seed, int frameCount, int fps, int width, int height, int framesDone,
                       String firstFrameKey, String lastFrameKey, List<Segment> segments) {

    static final int VERSION = 1;
    private static final ObjectMapper JSON = OneiraJson.newMapper();

    /** One stored segment: frames firstFrame..firstFrame+frames-1 of the video. */
    record Segment(String key, int firstFrame, int frames) {
    }

    CheckpointState {
        segments = segments == null ? List.of() : List.copyOf(segments);
    }

    /** The state after one more segment: frames done up to its end, its last frame the new resume point. */
    CheckpointState plus(Segment segment, String newLastFrameKey) {
        List<Segment> more = new ArrayList<>(segments);
        more.add(segment);
        return new CheckpointState(version, seed, frameCount, fps, width, height,
                segment.firstFrame() + segment.frames(), firstFrameKey, newLastFrameKey, more);
    }

    /** Nothing stored yet for this animation. */
    static CheckpointState empty(DreamId id, long seed, Animation animation, int width, int height) {
        return new CheckpointState(VERSION, seed, animation.frames(), animation.fps(), width, height, 0,
                ObjectKeys.checkpointFrame(id, 0), null, List.of());
    }

    /**
     * Why this checkpoint cannot be resumed for the given animation, or empty when it can: same
     * version, seed, length, rate and frame size; segments contiguous from frame 0 up to framesDone;
     * keys under the dream's own checkpoint prefix.
     */
    Optional<String> unusableFor(DreamId id, long seed, Animation animation, int width, int height) {
        if (version != VERSION) {
            return Optional.of("version " + version + ", expected " + VERSION);
        }
        if (this.seed != seed || frameCount != animation.frames() || fps != animation.fps()
                || this.width != width || this.height != height) {
            return Optional.of("made for seed " + this.seed + ", " + frameCount + " frames at " + fps + " fps, "
                    + this.width + "x" + this.height + "; the request is seed " + seed + ", " + animation.frames()
                    + " frames at " + animation.fps() + " fps, " + width + "x" + height);
        }
        if (framesDone < 1 || framesDone > frameCount) {
            return Optional.of(framesDone + " frames done of " + frameCount);
        }
        int next = 0;
        for (Segment s : segments) {
            if (s.firstFrame() != next || s.frames() < 1
                    || !ObjectKeys.checkpointSegment(id, s.firstFrame(), s.firstFrame() + s.frames() - 1).equals(s.key())) {
                return Optional.of("segment " + s + " does not follow frame " + (next - 1));
            }
            next += s.frames();
        }
        if (next != framesDone) {
            return Optional.of("segments hold " + next + " frames, the record says " + framesDone);
        }
        if (!ObjectKeys.checkpointFrame(id, 0).equals(firstFrameKey)
                || !ObjectKeys.checkpointFrame(id, framesDone - 1).equals(lastFrameKey)) {
            return Optional.of("frame keys " + firstFrameKey + ", " + lastFrameKey + " are not frames 0 and "
                    + (framesDone - 1));
        }
        return Optional.empty();
    }

    byte[] encode() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a checkpoint record", e);
        }
    }

    /** The record, or empty when the bytes are not one (a damaged record is not resumed). */
    static Optional<CheckpointState> decode(byte[] json) {
        try {
            return Optional.of(JSON.readValue(json, CheckpointState.class));
        } catch (java.io.IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
