package dev.oneira.shared.store;

import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.id.InvalidDreamIdException;
import java.util.List;
import java.util.Optional;

/**
 * Where each object of a dream lives in the bucket. Every method that takes the id as text parses it
 * first, so a key can never be built from unchecked input.
 */
public final class ObjectKeys {

    public static final String DEFAULT_BUCKET = "oneira";

    public static final String ORIGINALS = "originals/";
    public static final String DREAMS = "dreams/";
    public static final String THUMBS = "thumbs/";
    public static final String PREVIEWS = "previews/";
    public static final String MANIFESTS = "manifests/";
    public static final String GUIDES = "guides/";
    public static final String MASKS = "masks/";
    public static final String VIDEOS = "videos/";
    public static final String LOOPS = "loops/";
    public static final String POSTERS = "posters/";
    public static final String CHECKPOINTS = "checkpoints/";

    /** Previews are numbered 00000..99999; zero-padding keeps them in order when listed. */
    public static final int MAX_PREVIEW_INDEX = 99_999;
    /** Checkpoint frames and segments are numbered 00000..99999 too. */
    public static final int MAX_CHECKPOINT_INDEX = 99_999;

    private static final String MANIFEST_SUFFIX = ".json";

    private ObjectKeys() {
    }

    /** The uploaded photo after normalising (RGB, EXIF orientation applied, max side). */
    public static String original(DreamId id) {
        return ORIGINALS + id + ".png";
    }

    /** The guide image of a guided dream (spec.guide), normalised like the original. */
    public static String guide(DreamId id) {
        return GUIDES + id + ".png";
    }

    /** The mask of a masked dream (spec.mask): 8-bit grey PNG, white = dream, black = keep the photo. */
    public static String mask(DreamId id) {
        return MASKS + id + ".png";
    }

    public static String dream(DreamId id) {
        return DREAMS + id + ".png";
    }

    public static String originalThumb(DreamId id) {
        return THUMBS + id + "-original.jpg";
    }

    public static String dreamThumb(DreamId id) {
        return THUMBS + id + "-dream.jpg";
    }

    /** The n-th progress preview (0-based). */
    public static String preview(DreamId id, int n) {
        if (n < 0 || n > MAX_PREVIEW_INDEX) {
            throw new IllegalArgumentException("preview index must be between 0 and " + MAX_PREVIEW_INDEX + " (was " + n + ")");
        }
        return previewPrefix(id) + String.format("%05d", n) + ".jpg";
    }

    /** The prefix of all previews of a dream, for listing and deleting them. */
    public static String previewPrefix(DreamId id) {
        return PREVIEWS + id + "/";
    }

    public static String manifest(DreamId id) {
        return MANIFESTS + id + MANIFEST_SUFFIX;
    }

    /** An animation's video: H.264 MP4 (yuv420p, faststart). */
    public static String video(DreamId id) {
        return VIDEOS + id + ".mp4";
    }

    /** An animation's short looping preview (animated WebP), for cards and share previews. */
    public static String previewLoop(DreamId id) {
        return LOOPS + id + ".webp";
    }

    /** An animation's poster: frame 0 as JPEG. */
    public static String poster(DreamId id) {
        return POSTERS + id + ".jpg";
    }

    /**
     * The prefix of an unfinished animation's checkpoint objects (state, last frame, video segments);
     * they are deleted once the animation is complete, and with the dream.
     */
    public static String checkpointPrefix(DreamId id) {
        return CHECKPOINTS + id + "/";
    }

    /** The checkpoint record (JSON) that names the frame and segments a resumed animation continues from. */
    public static String checkpointState(DreamId id) {
        return checkpointPrefix(id) + "state.json";
    }

    /** The checkpointed frame with index n (0-based), PNG at full size. */
    public static String checkpointFrame(DreamId id, int n) {
        return checkpointPrefix(id) + "frame-" + checkpointIndex(n) + ".png";
    }

    /**
     * The MP4 segment of an unfinished animation's video that holds frames {@code firstFrame} to
     * {@code lastFrame} (0-based, inclusive). Named by its frames, not by a running number, so that a
     * key always means the same frames, whichever worker wrote it.
     */
    public static String checkpointSegment(DreamId id, int firstFrame, int lastFrame) {
        if (lastFrame < firstFrame) {
            throw new IllegalArgumentException("a segment's last frame must not come before its first (was "
                    + firstFrame + ".." + lastFrame + ")");
        }
        return checkpointPrefix(id) + "segment-" + checkpointIndex(firstFrame) + "-" + checkpointIndex(lastFrame)
                + ".mp4";
    }

    private static String checkpointIndex(int n) {
        if (n < 0 || n > MAX_CHECKPOINT_INDEX) {
            throw new IllegalArgumentException("checkpoint index must be between 0 and " + MAX_CHECKPOINT_INDEX
                    + " (was " + n + ")");
        }
        return String.format("%05d", n);
    }

    public static String original(String id) {
        return original(DreamId.parse(id));
    }

    public static String guide(String id) {
        return guide(DreamId.parse(id));
    }

    public static String mask(String id) {
        return mask(DreamId.parse(id));
    }

    public static String dream(String id) {
        return dream(DreamId.parse(id));
    }

    public static String originalThumb(String id) {
        return originalThumb(DreamId.parse(id));
    }

    public static String dreamThumb(String id) {
        return dreamThumb(DreamId.parse(id));
    }

    public static String preview(String id, int n) {
        return preview(DreamId.parse(id), n);
    }

    public static String previewPrefix(String id) {
        return previewPrefix(DreamId.parse(id));
    }

    public static String manifest(String id) {
        return manifest(DreamId.parse(id));
    }

    public static String video(String id) {
        return video(DreamId.parse(id));
    }

    public static String previewLoop(String id) {
        return previewLoop(DreamId.parse(id));
    }

    public static String poster(String id) {
        return poster(DreamId.parse(id));
    }

    public static String checkpointPrefix(String id) {
        return checkpointPrefix(DreamId.parse(id));
    }

    /** The id of a key listed under {@link #MANIFESTS}; empty for any other key (stray objects are skipped). */
    public static Optional<DreamId> idOfManifestKey(String key) {
        if (key == null || !key.startsWith(MANIFESTS) || !key.endsWith(MANIFEST_SUFFIX)) {
            return Optional.empty();
        }
        String id = key.substring(MANIFESTS.length(), key.length() - MANIFEST_SUFFIX.length());
        try {
            return Optional.of(DreamId.parse(id));
        } catch (InvalidDreamIdException e) {
            return Optional.empty();
        }
    }

    /**
     * Every key a dream may have, except previews and checkpoints (list {@link #previewPrefix} and
     * {@link #checkpointPrefix} for those): for deletion.
     */
    public static List<String> allFixedKeys(DreamId id) {
        return List.of(original(id), guide(id), mask(id), dream(id), originalThumb(id), dreamThumb(id), video(id),
                previewLoop(id), poster(id), manifest(id));
    }

    /** The prefixes under which a dream has numbered objects (previews, checkpoints): for deletion. */
    public static List<String> allPrefixes(DreamId id) {
        return List.of(previewPrefix(id), checkpointPrefix(id));
    }
}
