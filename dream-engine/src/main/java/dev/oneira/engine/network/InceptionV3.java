package dev.oneira.engine.network;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Keras InceptionV3 as shipped by the npm package nsfwjs@4.4.0, up to {@code mixed5}, on DJL's
 * PyTorch engine.
 *
 * <p>Only the layers that {@code mixed0}..{@code mixed5} depend on are built (50 Conv2D + 50
 * BatchNormalization, 5,138,656 parameters); by default each batch normalization is folded into the
 * convolution before it (weights scaled per output channel, plus a bias), so a forward pass is
 * convolution + bias, relu, pooling and concatenation only. The weights live as float32 NDArrays in a
 * manager owned by this object until {@link #close()}.
 *
 * <p>The forward pass uses DJL's static, differentiable operations only, so the gradient of any
 * function of the activations with respect to the input can be taken inside
 * {@code engine.newGradientCollector()}. The object is immutable after loading and may be used from
 * several threads (PyTorch allows only one gradient collector per JVM at a time, though).
 *
 * <pre>{@code
 * InceptionV3.useThreads(2);                 // optional, before or after the engine starts
 * try (InceptionV3 net = InceptionV3.load()) {   // the copy on the classpath
 *     Map<String, NDArray> acts = net.activations(image, List.of("mixed3", "mixed5"));
 * }
 * }</pre>
 */
public final class InceptionV3 implements FeatureNetwork {

    /** The layers offered for dreaming, shallowest first. */
    public static final List<String> OFFERED_LAYERS =
            List.of("mixed0", "mixed1", "mixed2", "mixed3", "mixed4", "mixed5");

    static final String ENGINE = "PyTorch";

    /**
     * How to load the network.
     *
     * @param foldBatchNorm fold batch normalization into the convolutions (default true; false keeps
     *                      separate inference-mode batch-norm operations, for comparison)
     * @param device where the weights live (null: the engine's default device)
     * @param parentManager manager whose sub-manager holds the weights (null: a new base manager)
     * @param expectedWeightsSha256 SHA-256 of the weight bytes (default: nsfwjs@4.4.0's), null to skip
     * @param reorderPooling run each pool branch's average pooling after its 1x1 convolution, on fewer
     *                      channels, and the stem's max poolings before their relu, on fewer pixels (the
     *                      same function; default true, {@code false} through the system property
     *                      {@code oneira.engine.reorder-pooling=false} for benchmarks side by side)
     */
    public record Options(boolean foldBatchNorm, Device device, NDManager parentManager,
                          String expectedWeightsSha256, boolean reorderPooling) {

        public static Options defaults() {
            return new Options(true, null, null, TfjsModel.NSFWJS_4_4_0_WEIGHTS_SHA256,
                    !"false".equals(System.getProperty("oneira.engine.reorder-pooling")));
        }

        public Options withFoldBatchNorm(boolean fold) {
            return new Options(fold, device, parentManager, expectedWeightsSha256, reorderPooling);
        }

        public Options withDevice(Device d) {
            return new Options(foldBatchNorm, d, parentManager, expectedWeightsSha256, reorderPooling);
        }

        public Options withParentManager(NDManager m) {
            return new Options(foldBatchNorm, device, m, expectedWeightsSha256, reorderPooling);
        }

        /** Accept weights other than nsfwjs@4.4.0's (same topology). */
        public Options withoutChecksum() {
            return new Options(foldBatchNorm, device, parentManager, null, reorderPooling);
        }

        public Options withReorderPooling(boolean reorder) {
            return new Options(foldBatchNorm, device, parentManager, expectedWeightsSha256, reorder);
        }
    }

    private final KerasGraph graph;
    private final int minimumInputSide;
    private final Device device;

    private InceptionV3(KerasGraph graph, Device device) {
        this.graph = graph;
        this.device = device;
        this.minimumInputSide = graph.minimumInputSide(OFFERED_LAYERS);
    }

    /** Loads the network from the classpath copy of nsfwjs@4.4.0, batch norm folded. */
    public static InceptionV3 load() {
        return load(ModelFiles.fromClasspath(), Options.defaults());
    }

    /** Loads the network from the given files, batch norm folded. */
    public static InceptionV3 load(ModelFiles files) {
        return load(files, Options.defaults());
    }

    public static InceptionV3 load(ModelFiles files, Options options) {
        Objects.requireNonNull(files, "files");
        Objects.requireNonNull(options, "options");
        return fromModel(TfjsModel.read(files, options.expectedWeightsSha256()), options);
    }

    /** Builds the network from an already parsed model (its checksum option is not used here). */
    public static InceptionV3 fromModel(TfjsModel model, Options options) {
        for (String layer : OFFERED_LAYERS) {
            if (!model.layers().containsKey(layer)) {
                throw new ModelLoadException("The model from " + model.origin() + " has no layer `" + layer
                        + "`: it is not a Keras InceptionV3. Load nsfwjs@4.4.0's inception_v3 model.");
            }
        }
        Engine engine = Engine.getEngine(ENGINE);
        Device device = options.device() != null ? options.device() : engine.defaultDevice();
        NDManager manager = options.parentManager() != null
                ? options.parentManager().newSubManager(device)
                : engine.newBaseManager(device);
        try {
            KerasGraph graph = new KerasGraph(model, OFFERED_LAYERS, options.foldBatchNorm(),
                    options.reorderPooling(), manager);
            if (graph.inputChannels() != 3) {
                throw new ModelLoadException("The model from " + model.origin() + " takes " + graph.inputChannels()
                        + " input channels, expected 3 (RGB)");
            }
            return new InceptionV3(graph, device);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * Sets PyTorch's intra-op thread count. Call it before anything starts the PyTorch engine to also
     * fix the inter-op threads to 1 (system properties {@code ai.djl.pytorch.num_threads} and
     * {@code ai.djl.pytorch.num_interop_threads}); afterwards only the intra-op count changes.
     */
    public static void useThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        Engine.getEngine(ENGINE); // starts the engine, which reads the properties the first time
        JniUtils.setNumThreads(threads);
    }

    @Override
    public List<String> offeredLayers() {
        return OFFERED_LAYERS;
    }

    @Override
    public Map<String, NDArray> activations(NDArray input, Collection<String> layers) {
        Objects.requireNonNull(input, "input");
        List<String> wanted = checkOffered(layers);
        if (wanted.isEmpty()) {
            return Map.of();
        }
        checkInput(input, wanted);
        return graph.run(input, wanted);
    }

    /**
     * Activations of any built layer (e.g. {@code max_pooling2d_2}, {@code activation_12}), for
     * tests and diagnostics. With batch norm folded, a batch-normalization layer yields the
     * convolution's output.
     */
    Map<String, NDArray> internalActivations(NDArray input, List<String> layers) {
        return graph.run(input, layers);
    }

    /**
     * The NCHW shapes that {@link #activations} returns for an image of {@code height x width}.
     *
     * @throws IllegalArgumentException when the image is too small or a layer is not offered
     */
    public Map<String, Shape> activationShapes(int height, int width, Collection<String> layers) {
        List<String> wanted = checkOffered(layers);
        Map<String, long[]> shapes = graph.shapes(wanted, height, width);
        if (shapes == null) {
            throw tooSmall(height, width, wanted);
        }
        Map<String, Shape> result = new LinkedHashMap<>();
        shapes.forEach((k, v) -> result.put(k, new Shape(1, v[0], v[1], v[2])));
        return result;
    }

    /**
     * Multiply-adds of the convolutions in a forward pass to {@code layers} on one image of
     * {@code height x width} (a gradient step with respect to the input costs about twice that).
     *
     * @throws IllegalArgumentException when the image is too small or a layer is not offered
     */
    public long convolutionMultiplyAdds(int height, int width, Collection<String> layers) {
        List<String> wanted = checkOffered(layers);
        long macs = graph.convolutionMultiplyAdds(wanted, height, width);
        if (macs < 0) {
            throw tooSmall(height, width, wanted);
        }
        return macs;
    }

    @Override
    public int minimumInputSide() {
        return minimumInputSide;
    }

    /** Keras parameters of the built layers (before folding). */
    public long parameterCount() {
        return graph.parameterCount();
    }

    /** How many layers of each Keras class were built, e.g. {@code Conv2D -> 50}. */
    public Map<String, Integer> layerCounts() {
        return graph.layerCounts();
    }

    /** Whether batch normalization was folded into the convolutions. */
    public boolean batchNormFolded() {
        return graph.foldedBatchNorm();
    }

    /** The device the weights live on; inputs must be there too. */
    public Device device() {
        return device;
    }

    /** The weight (OIHW) and bias (null when none) a Conv2D layer uses in the forward pass. */
    NDArray[] convolution(String layer) {
        return graph.convolution(layer);
    }

    @Override
    public void close() {
        graph.close();
    }

    private List<String> checkOffered(Collection<String> layers) {
        Objects.requireNonNull(layers, "layers");
        List<String> wanted = new ArrayList<>(new LinkedHashSet<>(layers));
        for (String layer : wanted) {
            if (!OFFERED_LAYERS.contains(layer)) {
                throw new IllegalArgumentException(notOffered(layer));
            }
        }
        return wanted;
    }

    static String notOffered(String layer) {
        return "Layer `" + layer + "` is not offered by InceptionV3; the offered layers are "
                + String.join(", ", OFFERED_LAYERS) + ". The deeper layers of this model (mixed6..mixed10)"
                + " were retrained for NSFW classification and are not offered for dreaming.";
    }

    private void checkInput(NDArray input, List<String> wanted) {
        Shape s = input.getShape();
        if (s.dimension() != 4 || s.get(1) != 3) {
            throw new IllegalArgumentException("Input must be NCHW with 3 channels (RGB), got shape " + s);
        }
        if (input.getDataType() != DataType.FLOAT32) {
            throw new IllegalArgumentException("Input must be float32, got " + input.getDataType());
        }
        if (!input.getDevice().equals(device)) {
            throw new IllegalArgumentException("Input is on " + input.getDevice() + " but the network on " + device);
        }
        if (s.get(2) > Integer.MAX_VALUE || s.get(3) > Integer.MAX_VALUE
                || graph.shapes(wanted, (int) s.get(2), (int) s.get(3)) == null) {
            throw tooSmall(s.get(2), s.get(3), wanted);
        }
    }

    private IllegalArgumentException tooSmall(long height, long width, List<String> wanted) {
        return new IllegalArgumentException("An input of " + height + "x" + width + " is too small for "
                + wanted + ": InceptionV3 needs at least " + graph.minimumInputSide(wanted)
                + " pixels on each side for them (" + minimumInputSide + " for all offered layers)");
    }
}
