package dev.oneira.engine.network;

import dev.oneira.shared.moderation.NsfwScores;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The whole nsfwjs InceptionV3 (every block up to mixed10, the pooling, the dense head and its
 * softmax), from the same files the dream network comes from, classifying as nsfwjs 4.4.0's
 * {@code classify()} does: RGB pixels / 255, resized to 299x299 by bilinear interpolation with
 * aligned corners (TensorFlow's {@code resizeBilinear(..., alignCorners = true)}), one forward pass.
 * Parity with TensorFlow.js is tested (NsfwClassifierTest, reference from bench/nsfwjs_reference.js).
 *
 * <p>Thread-safe for sequential use; the worker holds one next to its dream network.
 */
public final class NsfwClassifier implements AutoCloseable {
    /** The side nsfwjs classifies at. */
    public static final int SIZE = 299;
    /** The head's output layer in the Keras model. */
    static final String OUTPUT = "dense_3";

    private final KerasGraph graph;
    private final NDManager manager;

    private NsfwClassifier(KerasGraph graph, NDManager manager) {
        this.graph = graph;
        this.manager = manager;
    }

    /** Loads the classifier from the classpath copy of nsfwjs@4.4.0 (checksum verified), on the default device. */
    public static NsfwClassifier load() {
        return load(Engine.getEngine(InceptionV3.ENGINE).newBaseManager());
    }

    /** As {@link #load()}, its weights in a sub-manager of {@code parent} (and on its device). */
    public static NsfwClassifier load(NDManager parent) {
        return fromModel(TfjsModel.read(ModelFiles.fromClasspath(), InceptionV3.Options.defaults().expectedWeightsSha256()),
                parent.newSubManager());
    }

    /** Builds the classifier from a parsed model (batch norm folded); it owns and closes {@code manager}. */
    static NsfwClassifier fromModel(TfjsModel model, NDManager manager) {
        Objects.requireNonNull(model, "model");
        if (!model.layers().containsKey(OUTPUT)) {
            manager.close();
            throw new ModelLoadException("The model from " + model.origin() + " has no layer `" + OUTPUT
                    + "`: it is not nsfwjs's classifier. Load nsfwjs@4.4.0's inception_v3 model.");
        }
        try {
            KerasGraph graph = new KerasGraph(model, List.of(OUTPUT), true, true, manager);
            long[] out = graph.shapes(List.of(OUTPUT), SIZE, SIZE).get(OUTPUT);
            if (out[0] != NsfwScores.CLASSES.size()) {
                throw new ModelLoadException("The model's head gives " + out[0] + " values, expected "
                        + NsfwScores.CLASSES.size() + " (" + NsfwScores.CLASSES + ")");
            }
            return new NsfwClassifier(graph, manager);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** Five probabilities for the picture (any size; it is resized to 299x299). */
    public NsfwScores classify(BufferedImage image) {
        float[] input = preprocess(image);
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = scope.create(input, new Shape(1, 3, SIZE, SIZE));
            Map<String, NDArray> out = graph.run(x, List.of(OUTPUT));
            return NsfwScores.of(out.get(OUTPUT).toFloatArray());
        }
    }

    /** Keras parameters of the whole network, head included (before batch norm folding). */
    public long parameterCount() {
        return graph.parameterCount();
    }

    /** Layers of each Keras class in the whole network. */
    public Map<String, Integer> layerCounts() {
        return graph.layerCounts();
    }

    /** The head's output shape for a 299x299 input, [classes, 1, 1]. */
    long[] outputShape() {
        return graph.shapes(List.of(OUTPUT), SIZE, SIZE).get(OUTPUT);
    }

    /**
     * NCHW planes of pixel / 255 at 299x299, resized as TensorFlow's resizeBilinear with
     * alignCorners = true: output (y, x) samples the input at (y (H-1)/298, x (W-1)/298). Written by
     * hand because the classifier must see what nsfwjs sees, and image libraries resize otherwise
     * (half-pixel centres, filtering when shrinking).
     */
    static float[] preprocess(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] rgb = image.getRGB(0, 0, w, h, null, 0, w);
        float[] out = new float[3 * SIZE * SIZE];
        double sy = SIZE > 1 ? (h - 1) / (double) (SIZE - 1) : 0;
        double sx = SIZE > 1 ? (w - 1) / (double) (SIZE - 1) : 0;
        int plane = SIZE * SIZE;
        for (int y = 0; y < SIZE; y++) {
            double fy = y * sy;
            int y0 = (int) Math.floor(fy);
            int y1 = Math.min(y0 + 1, h - 1);
            float dy = (float) (fy - y0);
            for (int x = 0; x < SIZE; x++) {
                double fx = x * sx;
                int x0 = (int) Math.floor(fx);
                int x1 = Math.min(x0 + 1, w - 1);
                float dx = (float) (fx - x0);
                int a = rgb[y0 * w + x0];
                int b = rgb[y0 * w + x1];
                int c = rgb[y1 * w + x0];
                int d = rgb[y1 * w + x1];
                for (int ch = 0; ch < 3; ch++) {
                    int shift = 16 - 8 * ch;
                    float top = channel(a, shift) + (channel(b, shift) - channel(a, shift)) * dx;
                    float bottom = channel(c, shift) + (channel(d, shift) - channel(c, shift)) * dx;
                    out[ch * plane + y * SIZE + x] = top + (bottom - top) * dy;
                }
            }
        }
        return out;
    }

    private static float channel(int argb, int shift) {
        return ((argb >> shift) & 0xff) / 255f;
    }

    @Override
    public void close() {
        manager.close();
    }
}
