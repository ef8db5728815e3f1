package dev.oneira.engine.dream;

import ai.djl.ndarray.NDManager;
import dev.oneira.engine.image.ImageConversions;
import dev.oneira.engine.network.FeatureNetwork;
import dev.oneira.shared.spec.ColorMode;
import dev.oneira.shared.spec.DreamSpec;
import dev.oneira.shared.spec.GradientMode;
import dev.oneira.shared.spec.InitMode;
import dev.oneira.shared.spec.LayerWeight;
import dev.oneira.shared.spec.OctaveDetail;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

/**
 * DeepDream: for each octave (the image scaled by scale^n), repeated gradient ascent on the
 * objective of the chosen layers (or channels, or a guide's features), the gradient normalised
 * (by its standard deviation, or level by level of a Laplacian pyramid), the image clipped to
 * [-1, 1].
 *
 * <p>Between octaves, {@link OctaveDetail#PRESERVE} (the original DeepDream notebook) starts each
 * octave from the photo resized to it plus the detail the dream added so far, and ends with the
 * photo at its own size plus that detail: the photo itself is never resampled through the octaves,
 * so it stays sharp. {@link OctaveDetail#TUTORIAL} resizes the dream image itself from octave to
 * octave, as the TensorFlow tutorial does. A mask keeps the photo where it is black, after every
 * step and at the end; original colours keep the photo's chroma at the end.
 *
 * <p>Plain Java + DJL, no framework: the worker service, the CLI and the benchmark all use it.
 */
public final class DreamEngine {
    /** A guide is matched at this longer side at most: features enough, and the match matrix stays small. */
    static final int GUIDE_MAX_SIDE = 384;

    private final FeatureNetwork network;
    private final TiledGradient tiledGradient;

    public DreamEngine(FeatureNetwork network, NDManager manager) {
        this.network = network;
        this.tiledGradient = new TiledGradient(network, manager);
    }

    public FeatureNetwork network() {
        return network;
    }

    /**
     * Dreams on {@code input} (planes in [-1, 1], already scaled to the spec's max side) with a
     * spec that has been validated and asks for neither guide nor mask.
     *
     * @throws DreamCancelledException when {@code cancelled} turned true
     */
    public DreamResult dream(Planes input, DreamSpec spec, DreamListener listener, BooleanSupplier cancelled) {
        return dream(DreamInputs.of(input), spec, listener, cancelled);
    }

    /**
     * Dreams on the inputs with a validated spec; a guide and a mask must be given exactly when the
     * spec says so (spec.guide(), spec.mask()). Checks {@code cancelled} between tiles.
     *
     * @throws IllegalArgumentException when the inputs do not match the spec
     * @throws DreamCancelledException when {@code cancelled} turned true
     */
    public DreamResult dream(DreamInputs inputs, DreamSpec spec, DreamListener listener, BooleanSupplier cancelled) {
        requireInputsMatch(inputs, spec);
        long start = System.nanoTime();
        long seed = spec.seed() != null ? spec.seed() : ThreadLocalRandom.current().nextLong(DreamSpec.MAX_SEED + 1);
        SplittableRandom random = new SplittableRandom(seed);
        Planes photo = inputs.photo();
        int height = photo.height();
        int width = photo.width();
        Planes source = spec.init() == InitMode.NOISE ? SmoothNoise.generate(height, width, random.split()) : photo;
        Planes mask = inputs.mask() == null ? null : inputs.mask().resized(height, width);
        if (mask != null) {
            mask.clip(0f, 1f);
        }
        OctaveSchedule schedule = OctaveSchedule.of(height, width, spec.octaveScale(),
                spec.octaveFrom(), spec.octaveTo(), network.minimumInputSide());
        int octaves = schedule.sizes().size();
        int totalSteps = octaves * spec.stepsPerOctave();
        boolean preserve = spec.detail() == OctaveDetail.PRESERVE;

        try (NDManager scope = tiledGradient.newScope()) {
            LayerWeights objective = objectiveOf(spec);
            if (inputs.guide() != null) {
                objective = objective.guidedBy(tiledGradient.features(fitGuide(inputs.guide()),
                        objective.guidableLayers(), scope));
            }
            Planes image = null;
            Planes detail = null;
            int stepsDone = 0;
            double loss = Double.NaN;
            for (int octave = 0; octave < octaves; octave++) {
                OctaveSchedule.Size size = schedule.sizes().get(octave);
                Planes base = source.resized(size.height(), size.width());
                if (preserve) {
                    image = base.copy();
                    if (detail != null) {
                        image.add(detail.resized(size.height(), size.width()));
                    }
                } else {
                    image = (image == null ? source : image).resized(size.height(), size.width());
                }
                Planes keptPhoto = mask == null ? null : source == photo ? base : photo.resized(size.height(), size.width());
                Planes octaveMask = mask == null ? null : mask.resized(size.height(), size.width());
                for (int step = 1; step <= spec.stepsPerOctave(); step++) {
                    int dy = roll(random, spec.jitter());
                    int dx = roll(random, spec.jitter());
                    TiledGradient.Result r = tiledGradient.compute(image, objective, spec.tileSize(), dy, dx, cancelled);
                    Planes gradient = spec.gradient() == GradientMode.LAPLACIAN
                            ? LaplacianNormalizer.normalize(r.gradient()) : r.gradient();
                    ascend(image, gradient, (float) spec.stepSize());
                    if (mask != null) {
                        image.keepWhereMasked(keptPhoto, octaveMask);
                    }
                    loss = r.loss();
                    stepsDone++;
                    Planes current = image;
                    listener.onStep(new DreamStep(octave, octaves, step, spec.stepsPerOctave(), stepsDone, totalSteps,
                            loss, Duration.ofNanos(System.nanoTime() - start), size.width(), size.height(),
                            maxSide -> ImageConversions.toImage(ImageConversions.fitWithin(current, maxSide))));
                }
                if (preserve) {
                    detail = image.minus(base);
                }
            }
            Planes result;
            if (preserve) {
                result = source.copy();
                result.add(detail.resized(height, width));
            } else {
                result = image.resized(height, width);
            }
            if (mask != null) {
                result.keepWhereMasked(photo, mask);
            }
            if (spec.colors() == ColorMode.ORIGINAL) {
                ColorTransfer.keepChroma(result, photo);
            }
            result.clip(-1f, 1f);
            return new DreamResult(result, seed, loss, stepsDone, Duration.ofNanos(System.nanoTime() - start),
                    schedule.notices());
        }
    }

    private static void requireInputsMatch(DreamInputs inputs, DreamSpec spec) {
        if (spec.guide() != (inputs.guide() != null)) {
            throw new IllegalArgumentException(spec.guide() ? "the spec asks for a guide image and none was given"
                    : "a guide image was given but the spec does not ask for one (guide: false)");
        }
        if (spec.mask() != (inputs.mask() != null)) {
            throw new IllegalArgumentException(spec.mask() ? "the spec asks for a mask and none was given"
                    : "a mask was given but the spec does not ask for one (mask: false)");
        }
    }

    /** The guide at most {@link #GUIDE_MAX_SIDE} on its longer side, and never below the network's minimum. */
    private Planes fitGuide(Planes guide) {
        Planes fitted = ImageConversions.fitWithin(guide, GUIDE_MAX_SIDE);
        int shortSide = Math.min(fitted.height(), fitted.width());
        int minimum = network.minimumInputSide();
        if (shortSide < minimum) {
            double f = (double) minimum / shortSide;
            fitted = fitted.resized((int) Math.ceil(fitted.height() * f), (int) Math.ceil(fitted.width() * f));
        }
        return fitted;
    }

    static LayerWeights objectiveOf(DreamSpec spec) {
        List<LayerWeights.Term> terms = spec.layers().stream()
                .map((LayerWeight lw) -> new LayerWeights.Term(lw.layer(), lw.channel(), lw.weight()))
                .toList();
        return new LayerWeights(terms, null);
    }

    private static int roll(SplittableRandom random, int jitter) {
        return jitter == 0 ? 0 : random.nextInt(-jitter, jitter + 1);
    }

    /** image += stepSize * gradient / (std(gradient) + 1e-8), then clip to [-1, 1]. */
    public static void ascend(Planes image, Planes gradient, float stepSize) {
        float[] g = gradient.data();
        double sum = 0;
        double sumSq = 0;
        for (float v : g) {
            sum += v;
            sumSq += (double) v * v;
        }
        double mean = sum / g.length;
        double std = Math.sqrt(Math.max(0, sumSq / g.length - mean * mean));
        float factor = (float) (stepSize / (std + 1e-8));
        float[] x = image.data();
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.max(-1f, Math.min(1f, x[i] + g[i] * factor));
        }
    }
}
