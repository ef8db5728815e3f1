package dev.oneira.engine.dream;

/**
 * What a dream works on: the photo (3 planes in [-1, 1], already scaled to the spec's max side),
 * and, when the spec asks for them, a guide image (3 planes in [-1, 1], any size: the engine fits
 * it) and a mask (1 plane in [0, 1], 1 = dream, 0 = keep the photo; any size: the engine scales it
 * to the photo).
 */
public record DreamInputs(Planes photo, Planes guide, Planes mask) {

    public DreamInputs {
        if (photo == null) {
            throw new IllegalArgumentException("a dream needs a photo");
        }
        if (photo.channels() != 3) {
            throw new IllegalArgumentException("the photo must have 3 channels, got " + photo.channels());
        }
        if (guide != null && guide.channels() != 3) {
            throw new IllegalArgumentException("the guide image must have 3 channels, got " + guide.channels());
        }
        if (mask != null && mask.channels() != 1) {
            throw new IllegalArgumentException("the mask must have 1 channel, got " + mask.channels());
        }
    }

    public static DreamInputs of(Planes photo) {
        return new DreamInputs(photo, null, null);
    }

    public DreamInputs withGuide(Planes guide) {
        return new DreamInputs(photo, guide, mask);
    }

    public DreamInputs withMask(Planes mask) {
        return new DreamInputs(photo, guide, mask);
    }
}
