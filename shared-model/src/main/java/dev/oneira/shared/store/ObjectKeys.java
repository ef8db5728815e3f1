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

    /** Previews are numbered 00000..99999; zero-padding keeps them in order when listed. */
    public static final int MAX_PREVIEW_INDEX = 99_999;

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

    /** Every key a dream may have, except previews (list {@link #previewPrefix} for those): for deletion. */
    public static List<String> allFixedKeys(DreamId id) {
        return List.of(original(id), guide(id), mask(id), dream(id), originalThumb(id), dreamThumb(id), manifest(id));
    }
}
