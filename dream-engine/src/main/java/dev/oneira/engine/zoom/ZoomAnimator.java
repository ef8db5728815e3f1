package dev.oneira.engine.zoom;

import dev.oneira.engine.dream.DreamEngine;
import dev.oneira.engine.dream.DreamInputs;
import dev.oneira.engine.dream.DreamListener;
import dev.oneira.engine.dream.DreamResult;
import dev.oneira.engine.dream.Planes;
import dev.oneira.shared.spec.DreamSpec;
import dev.oneira.shared.spec.InitMode;
import java.io.IOException;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * Makes a zoom animation. Frame 0 is a full dream of the inputs with the spec (all its octaves,
 * init noise included); each next frame is the previous one moved ({@link ZoomTransform}), mixed
 * with the previous frame by {@code blend}, then dreamt {@code stepsPerFrame} steps at its own size
 * with the spec's layers, gradient, step size, jitter, tiles and colours: one octave is enough,
 * because the picture is already a dream and only the new border and the magnified middle need it.
 *
 * <p>Only two frames are held at a time whatever the length; each goes to the sink when done.
 * Frame i's randomness comes from the seed and i alone ({@link #frameSeed}), so resuming from a
 * checkpoint gives the same frames as a run that never stopped. Masks are refused: a mask is tied
 * to the photo's pixels, which the zoom moves.
 */
public final class ZoomAnimator {
    private final DreamEngine engine;

    public ZoomAnimator(DreamEngine engine) {
        this.engine = engine;
    }

    /**
     * @param spec   a validated spec for frame 0; its seed is ignored ({@code seed} wins)
     * @param resume null to start at frame 0, or the last finished frame of an earlier run
     * @throws IllegalArgumentException when the spec asks for a mask, or the checkpoint is past the end
     *                                  or of another size than the photo
     * @throws dev.oneira.engine.dream.DreamCancelledException when {@code cancelled} turned true
     * @throws IOException              when the sink fails
     */
    public void animate(DreamInputs inputs, DreamSpec spec, ZoomSettings zoom, long seed, ZoomCheckpoint resume,
                        FrameSink sink, DreamListener listener, BooleanSupplier cancelled) throws IOException {
        if (spec.mask() || inputs.mask() != null) {
            throw new IllegalArgumentException("a zoom animation cannot have a mask: the mask is tied to the photo's "
                    + "pixels, which the zoom moves");
        }
        long start = System.nanoTime();
        Planes previous;
        int first;
        if (resume == null) {
            DreamResult still = engine.dream(inputs, spec.withSeed(seed), listener, cancelled);
            previous = still.image();
            sink.accept(new ZoomFrame(0, zoom.frames(), previous, since(start)));
            first = 1;
        } else {
            Planes photo = inputs.photo();
            if (resume.frameIndex() >= zoom.frames()) {
                throw new IllegalArgumentException("the checkpoint is at frame " + resume.frameIndex() + " but the "
                        + "animation has " + zoom.frames() + " frames (0.." + (zoom.frames() - 1) + ")");
            }
            if (resume.frame().height() != photo.height() || resume.frame().width() != photo.width()) {
                throw new IllegalArgumentException("the checkpoint's frame is " + resume.frame().width() + "x"
                        + resume.frame().height() + " but the photo is " + photo.width() + "x" + photo.height());
            }
            previous = resume.frame();
            first = resume.frameIndex() + 1;
        }
        DreamSpec perFrame = perFrameSpec(spec, zoom);
        for (int i = first; i < zoom.frames(); i++) {
            Planes moved = ZoomTransform.apply(previous, zoom.zoom(), zoom.rotateDegrees(), zoom.shiftX(), zoom.shiftY());
            ZoomTransform.blend(moved, previous, zoom.blend());
            DreamInputs frameInputs = new DreamInputs(moved, inputs.guide(), null);
            DreamResult dreamt = engine.dream(frameInputs, perFrame.withSeed(frameSeed(seed, i)), listener, cancelled);
            previous = dreamt.image();
            sink.accept(new ZoomFrame(i, zoom.frames(), previous, since(start)));
        }
    }

    /** One octave at the frame's size, {@code stepsPerFrame} steps, on the moved frame itself. */
    static DreamSpec perFrameSpec(DreamSpec spec, ZoomSettings zoom) {
        return spec.toBuilder().octaveFrom(0).octaveTo(0).stepsPerOctave(zoom.stepsPerFrame())
                .init(InitMode.IMAGE).build();
    }

    /** Frame i's seed: a function of the animation's seed and i only (frame 0 uses the seed itself). */
    static long frameSeed(long seed, int frame) {
        if (frame == 0) {
            return seed;
        }
        return new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * frame)).nextLong(DreamSpec.MAX_SEED + 1);
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
