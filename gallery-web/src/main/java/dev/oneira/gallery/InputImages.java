package dev.oneira.gallery;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;

import dev.oneira.gallery.image.ImageNormalizer;
import dev.oneira.gallery.image.MaskImages;
import dev.oneira.gallery.image.UploadRejected;
import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.spec.DreamSpec;
import dev.oneira.shared.spec.DreamSpecFields;
import dev.oneira.shared.spec.InvalidSpecException;
import dev.oneira.shared.spec.SpecViolation;
import dev.oneira.shared.store.ObjectKeys;
import dev.oneira.store.ObjectStore;
import dev.oneira.shared.text.InputEcho;

/**
 * The optional images of an upload besides the photo: a guide image (part {@value #GUIDE}) and a
 * mask (part {@value #MASK}). The spec's guide and mask flags follow the parts, so that a spec never
 * promises the worker an image that is not stored; a field that says otherwise is refused by name.
 * Both images are checked with the photo, before anything is stored, and written before the
 * manifest and the request (so a worker never looks for them in vain). Plain Java.
 */
public final class InputImages {

    /** Multipart part names; the same as the spec fields they set. */
    public static final String GUIDE = DreamSpecFields.GUIDE;
    public static final String MASK = DreamSpecFields.MASK;

    /**
     * Form and API fields (not spec fields) naming a dream whose stored guide image or mask this
     * upload uses, when it sends no part of its own: "dream again" without choosing them again.
     */
    public static final String GUIDE_FROM = "guideFrom";
    public static final String MASK_FROM = "maskFrom";

    private static final Logger LOG = Logger.getLogger(InputImages.class);

    /** One uploaded file: its bytes and the name the client gave it. */
    public record Part(byte[] bytes, String fileName) {
    }

    /** What is stored: the normalised guide (PNG) and the grey mask at the photo's size (PNG); null when absent. */
    public record Prepared(byte[] guidePng, byte[] maskPng) {
        static final Prepared NONE = new Prepared(null, null);

        /** Writes what there is under the dream's keys. */
        public void store(ObjectStore store, DreamId id) {
            if (guidePng != null) {
                store.put(ObjectKeys.guide(id), guidePng, "image/png");
            }
            if (maskPng != null) {
                store.put(ObjectKeys.mask(id), maskPng, "image/png");
            }
        }

        /** Best effort, after a failed upload: what store() may have written goes again. */
        public void delete(ObjectStore store, DreamId id) {
            List<String> keys = new ArrayList<>();
            if (guidePng != null) {
                keys.add(ObjectKeys.guide(id));
            }
            if (maskPng != null) {
                keys.add(ObjectKeys.mask(id));
            }
            for (String key : keys) {
                try {
                    store.delete(key);
                } catch (RuntimeException e) {
                    LOG.warnf("dream %s: could not remove %s after a failed upload: %s", id, key, e.getMessage());
                }
            }
        }
    }

    private InputImages() {
    }

    /**
     * The part to use for {@code part} (guide or mask): the one sent, else the stored picture of the
     * dream named by {@code fromField} (removed from the fields either way, it is not a spec field).
     * The stored picture then goes through {@link #prepare} like a sent one, so it is fitted to the
     * new photo and settings. Nothing is written.
     *
     * @throws UploadRejected 400 when the field names no dream, or one without that picture
     */
    public static Part sentOrReused(Map<String, String> fields, String part, Part sent, ObjectStore store) {
        String fromField = MASK.equals(part) ? MASK_FROM : GUIDE_FROM;
        String from = fields.remove(fromField);
        if (sent != null || from == null || from.isBlank()) {
            return sent;
        }
        String words = MASK.equals(part) ? "mask" : "guide image";
        if (!DreamId.isValid(from.trim())) {
            throw new UploadRejected(400, "Invalid dream settings", fromField + " must be the id of a dream whose "
                    + words + " to use again (was " + InputEcho.of(from) + ")");
        }
        DreamId id = DreamId.parse(from.trim());
        String key = MASK.equals(part) ? ObjectKeys.mask(id) : ObjectKeys.guide(id);
        byte[] bytes = store.get(key).orElseThrow(() -> new UploadRejected(400, "Nothing to use again",
                "The dream " + id + " has no " + words + " (any more) to use again (" + fromField + "). Send a "
                        + words + " in the part \"" + part + "\" instead, or leave " + fromField + " out."));
        return new Part(bytes, words + " of dream " + id);
    }

    /**
     * The spec of these fields with guide and mask set from the parts' presence. A guide or mask
     * field that contradicts the parts is reported with every other problem of the fields.
     *
     * @throws InvalidSpecException naming each field that is wrong
     */
    public static DreamSpec parse(Map<String, String> specFields, Part guide, Part mask) {
        List<SpecViolation> found = new ArrayList<>();
        flag(specFields, GUIDE, "guide image", guide != null, found);
        flag(specFields, MASK, "mask", mask != null, found);
        DreamSpec spec;
        try {
            spec = DreamSpecFields.parse(specFields);
        } catch (InvalidSpecException e) {
            found.addAll(e.violations());
            throw new InvalidSpecException(found);
        }
        if (!found.isEmpty()) {
            throw new InvalidSpecException(found);
        }
        return spec;
    }

    private static void flag(Map<String, String> fields, String name, String words, boolean present,
                             List<SpecViolation> found) {
        String given = fields.get(name);
        if (given != null && !given.isBlank()) {
            String value = given.trim();
            if (present && value.equalsIgnoreCase("false")) {
                found.add(new SpecViolation(name, name + " is false, but the upload has a " + words + " in the part \""
                        + name + "\"; leave the field out: the part alone says it"));
            } else if (!present && !value.equalsIgnoreCase("false")) {
                found.add(new SpecViolation(name, name + " was " + InputEcho.of(value) + ", but the upload has no "
                        + words + ": send the picture in the multipart part \"" + name + "\" (the field is not needed)"));
            }
        }
        fields.put(name, Boolean.toString(present));
    }

    /**
     * Reads the guide (normalised like the photo, to the spec's longest side) and the mask (stretched
     * to the normalised photo's size, as grey). Nothing is stored here.
     *
     * @throws UploadRejected when a part is empty, too big or not an image; the detail names the part
     */
    public static Prepared prepare(ImageNormalizer normalizer, Part guide, Part mask, DreamSpec spec, int photoWidth,
                                   int photoHeight) {
        if (guide == null && mask == null) {
            return Prepared.NONE;
        }
        byte[] guidePng = null;
        byte[] maskPng = null;
        if (guide != null) {
            guidePng = named(GUIDE, () -> normalizer.normalize(guide.bytes(), guide.fileName(), spec.maxSide()).png());
        }
        if (mask != null) {
            maskPng = named(MASK, () -> {
                ImageNormalizer.Normalized read = normalizer.normalizeMask(mask.bytes(), mask.fileName(),
                        Math.max(photoWidth, photoHeight));
                return ImageNormalizer.png(MaskImages.fit(read.image(), photoWidth, photoHeight));
            });
        }
        return new Prepared(guidePng, maskPng);
    }

    /** Problems of the guide or mask part, with the part in front (the photo's own problems name no part). */
    private static byte[] named(String part, java.util.function.Supplier<byte[]> read) {
        try {
            return read.get();
        } catch (UploadRejected e) {
            throw about(part, e);
        }
    }

    /** A problem with the file in part {@code part} (guide or mask), saying which part it is about. */
    public static UploadRejected about(String part, UploadRejected e) {
        String label = MASK.equals(part) ? "Mask (part \"mask\")" : "Guide image (part \"guide\")";
        return new UploadRejected(e.status(), e.title(), label + ": " + e.detail());
    }
}
