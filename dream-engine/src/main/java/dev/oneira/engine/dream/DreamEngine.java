package dev.oneira.engine.dream;

import ai.djl.ndarray.NDManager;
import dev.oneira.engine.image.ImageConversions;
import dev.oneira.engine.network.FeatureNetwork;
import dev.oneira.shared.spec.DreamSpec;
import dev.oneira.shared.spec.InitMode;
import dev.oneira.shared.spec.LayerWeight;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

/**
 * DeepDream as in the TensorFlow tutorial: for each octave (the image scaled by scale^n), repeated
 * gradient ascent on the sum of weighted mean activations of the chosen layers, the gradient
 * divided by its standard deviation, the image clipped to [-1, 1]. The result is scaled back to
 * the input's size.
 *
 * <p>Plain Java + DJL, no framework: the worker service, the CLI and the benchmark all use it.
 */
public final class DreamEngine {
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
     * spec that has been validated. Checks {@code cancelled} between tiles.
     *
     * @throws DreamCancelledException when {@code cancelled} turned true
     */
    public DreamResult dream(Planes input, DreamSpec spec, DreamListener listener, BooleanSupplier cancelled) {
        return dream(DreamInputs.of(input), spec, listener, cancelled);
    }

    /**
     * Dreams on the inputs with a validated spec; a guide and a mask must be given exactly when the
     * spec says so (spec.guide(), spec.mask()).
     *
     * @throws IllegalArgumentException when the inputs do not match the spec
     * @throws DreamCancelledException when {@code cancelled} turned true
     */
    public DreamResult dream(DreamInputs inputs, DreamSpec spec, DreamListener listener, BooleanSupplier cancelled) {
        if (spec.guide() != (inputs.guide() != null)) {
            throw new IllegalArgumentException(spec.guide() ? "the spec asks for a guide image and none was given"
                    : "a guide image was given but the spec does not ask for one (guide: false)");
        }
        if (spec.mask() != (inputs.mask() != null)) {
            throw new IllegalArgumentException(spec.mask() ? "the spec asks for a mask and none was given"
                    : "a mask was given but the spec does not ask for one (mask: false)");
        }
        Planes input = inputs.photo();
        long start = System.nanoTime();
        long seed = spec.seed() != null ? spec.seed() : ThreadLocalRandom.current().nextLong(DreamSpec.MAX_SEED + 1);
        SplittableRandom random = new SplittableRandom(seed);
        LayerWeights objective = objectiveOf(spec);

        Planes image = spec.init() == InitMode.NOISE
                ? SmoothNoise.generate(input.height(), input.width(), random.split())
                : input.copy();
        OctaveSchedule schedule = OctaveSchedule.of(input.height(), input.width(), spec.octaveScale(),
                spec.octaveFrom(), spec.octaveTo(), network.minimumInputSide());
        int octaves = schedule.sizes().size();
        int totalSteps = octaves * spec.stepsPerOctave();
        int stepsDone = 0;
        double loss = Double.NaN;

        for (int octave = 0; octave < octaves; octave++) {
            OctaveSchedule.Size size = schedule.sizes().get(octave);
            image = image.resized(size.height(), size.width());
            for (int step = 1; step <= spec.stepsPerOctave(); step++) {
                int dy = roll(random, spec.jitter());
                int dx = roll(random, spec.jitter());
                TiledGradient.Result r = tiledGradient.compute(image, objective, spec.tileSize(), dy, dx, cancelled);
                ascend(image, r.gradient(), (float) spec.stepSize());
                loss = r.loss();
                stepsDone++;
                Planes current = image;
                listener.onStep(new DreamStep(octave, octaves, step, spec.stepsPerOctave(), stepsDone, totalSteps,
                        loss, Duration.ofNanos(System.nanoTime() - start), size.width(), size.height(),
                        maxSide -> ImageConversions.toImage(ImageConversions.fitWithin(current, maxSide))));
            }
        }
        Planes result = image.resized(input.height(), input.width());
        result.clip(-1f, 1f);
        return new DreamResult(result, seed, loss, stepsDone, Duration.ofNanos(System.nanoTime() - start), schedule.notices());
    }

    static LayerWeights objectiveOf(DreamSpec spec) {
        Map<String, Double> weights = new LinkedHashMap<>();
        for (LayerWeight lw : spec.layers()) {
            weights.put(lw.layer(), lw.weight());
        }
        return new LayerWeights(weights);
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
