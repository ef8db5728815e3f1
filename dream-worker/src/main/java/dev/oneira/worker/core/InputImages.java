package dev.oneira.worker.core;

import java.awt.image.BufferedImage;
import java.util.Optional;

import dev.oneira.engine.dream.DreamInputs;
import dev.oneira.engine.dream.Planes;
import dev.oneira.engine.image.ImageConversions;
import dev.oneira.engine.image.ImageFileException;
import dev.oneira.engine.image.ImageFiles;
import dev.oneira.shared.event.FailureCode;
import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.spec.DreamSpec;
import dev.oneira.shared.store.ObjectKeys;

/**
 * The images a dream works on besides its photo: the guide image ({@code guides/{id}.png}) and the
 * mask ({@code masks/{id}.png}), read only when the spec asks for them. Kept apart from the request
 * processor so that it stays about order and failures, and so that what a missing or damaged input
 * means is said in one place.
 */
final class InputImages {

    /** Reads one object, with whatever retrying the caller applies; empty when it does not exist. */
    @FunctionalInterface
    interface Reader {
        Optional<byte[]> read(String what, String key);
    }

    /** An input the spec asks for is missing or not an image: retrying cannot help. */
    static final class Unusable extends RuntimeException {
        private final FailureCode code;

        Unusable(FailureCode code, String message) {
            super(message, null, false, false);
            this.code = code;
        }

        FailureCode code() {
            return code;
        }
    }

    /**
     * @param guide the guide image as decoded, for screening (issue 12); null when the dream has none
     */
    record Read(DreamInputs inputs, BufferedImage guide) {
    }

    private InputImages() {
    }

    /**
     * The photo plus the guide and mask the spec asks for, and the guide as a picture.
     *
     * @throws Unusable with words for people (no keys, no exception text) when one is missing or
     *                  cannot be decoded
     */
    static Read read(DreamId id, DreamSpec spec, Planes photo, Reader reader) {
        DreamInputs inputs = DreamInputs.of(photo);
        BufferedImage guide = null;
        if (spec.guide()) {
            guide = decode(reader, "guide image", ObjectKeys.guide(id));
            inputs = inputs.withGuide(ImageConversions.toPlanes(guide));
        }
        if (spec.mask()) {
            // Any size: the engine scales the mask to the photo (the gallery already stores it at that size).
            BufferedImage mask = decode(reader, "mask", ObjectKeys.mask(id));
            inputs = inputs.withMask(ImageConversions.toMask(mask));
        }
        return new Read(inputs, guide);
    }

    private static BufferedImage decode(Reader reader, String what, String key) {
        byte[] bytes = reader.read("read the " + what, key).orElseThrow(() -> new Unusable(FailureCode.INTERNAL,
                "The " + what + " of this dream is missing, so it cannot be dreamt. Upload the photo and the "
                        + what + " again."));
        try {
            return ImageFiles.decode(bytes, what);
        } catch (ImageFileException e) {
            throw new Unusable(FailureCode.UNDECODABLE_IMAGE, "The " + what + " of this dream is not a picture we"
                    + " can read (PNG or JPEG), so it cannot be dreamt. Upload the photo and the " + what + " again.");
        }
    }
}
