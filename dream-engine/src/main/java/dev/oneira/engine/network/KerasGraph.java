package dev.oneira.engine.network;

import static dev.oneira.engine.network.KerasLayerConfig.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The part of a Keras functional model that some output layers depend on, wired from the layers'
 * {@code inbound_nodes}, with its weights as NDArrays (NCHW / OIHW float32) in one manager, run with
 * DJL's static (differentiable) operations.
 *
 * <p>Supported layers: InputLayer, Conv2D, BatchNormalization (inference form), Activation (relu,
 * linear), MaxPooling2D, AveragePooling2D (padded zeros not counted, as in Keras), Concatenate on the
 * channel axis, and a classifier head's Flatten, Dense (linear, relu, softmax) and Dropout (inference:
 * passes its input on). Anything else, or a 'same' padding that Keras would make asymmetric, fails loudly.
 */
final class KerasGraph implements AutoCloseable {

    private static final int INPUT = GraphPlan.INPUT;

    private final List<Node> nodes = new ArrayList<>();
    private final Map<String, Integer> indexByLayer = new HashMap<>();
    /** Keras parameter count and layer count per class of the layers built, before folding. */
    private final Map<String, Integer> layerCounts = new TreeMap<>();
    private long parameterCount;
    private final int inputChannels;
    private final boolean foldedBatchNorm;
    private final NDManager manager;
    private final Map<List<String>, GraphPlan> plans = new ConcurrentHashMap<>();

    /** One operation of the graph; inputs index into {@link #nodes} or are {@link #INPUT}. */
    private record Node(String layer, GraphOp op, int[] inputs) {
    }

    /**
     * Builds the layers that {@code outputs} depend on.
     *
     * @param foldBatchNorm fold each BatchNormalization that directly follows a Conv2D into the
     *                      convolution's weights and bias
     * @param reorderPooling run an average pooling that only feeds a 1x1 convolution after it instead,
     *                      and a max pooling whose input is a relu that feeds nothing else before the
     *                      relu (see {@link PoolReordering})
     */
    KerasGraph(TfjsModel model, Collection<String> outputs, boolean foldBatchNorm, boolean reorderPooling,
               NDManager manager) {
        this.manager = manager;
        this.foldedBatchNorm = foldBatchNorm;
        List<String> order = model.layersFeeding(outputs);

        // consumers of each layer within the built part
        Map<String, List<String>> consumers = new HashMap<>();
        for (String name : order) {
            for (String in : model.layer(name).inbound()) {
                consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(name);
            }
        }

        String inputLayer = null;
        int channels = -1;
        Map<String, Integer> slot = new HashMap<>(); // layer name -> node index or INPUT
        Set<String> foldedInto = new HashSet<>();    // convolutions that absorb the BN after them
        for (String name : order) {
            TfjsModel.Layer layer = model.layer(name);
            JsonNode c = layer.config();
            String cls = layer.className();
            layerCounts.merge(cls, 1, Integer::sum);
            int[] in = layer.inbound().stream().mapToInt(slot::get).toArray();
            switch (cls) {
                case "InputLayer" -> {
                    if (inputLayer != null) {
                        throw unsupported(layer, "the model has more than one input");
                    }
                    inputLayer = name;
                    JsonNode shape = c.path("batch_input_shape");
                    channels = shape.size() == 4 ? shape.get(3).asInt(-1) : -1;
                    slot.put(name, INPUT);
                }
                case "Conv2D" -> {
                    requireInputs(layer, 1);
                    List<String> next = consumers.getOrDefault(name, List.of());
                    boolean fold = foldBatchNorm && next.size() == 1
                            && model.layer(next.get(0)).className().equals("BatchNormalization")
                            && c.path("activation").asText("linear").equals("linear");
                    if (fold) {
                        foldedInto.add(name);
                    }
                    countParameters(model, name, "kernel", "bias");
                    GraphOp conv = ConvLayers.conv(model, layer, fold ? model.layer(next.get(0)) : null, manager);
                    Node pool = reorderPooling ? soleOwnInput(layer, in, consumers) : null;
                    if (pool != null && PoolReordering.poolCommutesWithConv(pool.op(), pool.inputs().length, conv)) {
                        // avg pool -> 1x1 conv becomes 1x1 conv -> avg pool; the pool node is left for
                        // anyone who asks for its own output, and is not run otherwise
                        int moved = add(name, conv, pool.inputs());
                        slot.put(name, add(pool.layer() + " (after " + name + ")", pool.op(), new int[]{moved}));
                    } else {
                        slot.put(name, add(name, conv, in));
                    }
                }
                case "BatchNormalization" -> {
                    requireInputs(layer, 1);
                    countParameters(model, name, "gamma", "beta", "moving_mean", "moving_variance");
                    if (foldedInto.contains(layer.inbound().get(0))) {
                        slot.put(name, in[0]); // already applied by the convolution
                    } else {
                        slot.put(name, add(name, ConvLayers.batchNorm(model, layer, manager), in));
                    }
                }
                case "Activation" -> {
                    requireInputs(layer, 1);
                    String activation = c.path("activation").asText();
                    switch (activation) {
                        case "relu" -> slot.put(name, add(name, new GraphOps.Relu(), in));
                        case "linear" -> slot.put(name, in[0]);
                        default -> throw unsupported(layer, "activation `" + activation + "` (supported: relu, linear)");
                    }
                }
                case "MaxPooling2D", "AveragePooling2D" -> {
                    requireInputs(layer, 1);
                    requireChannelsLast(layer);
                    int[] k = pair(layer, "pool_size");
                    int[] s = c.path("strides").isNull() || c.path("strides").isMissingNode() ? k : pair(layer, "strides");
                    int[] p = padding(layer, k, s);
                    GraphOps.PoolOp pool = new GraphOps.PoolOp(cls.equals("MaxPooling2D"), k, s, p);
                    Node relu = reorderPooling ? soleOwnInput(layer, in, consumers) : null;
                    if (relu != null && PoolReordering.reluCommutesWithPool(relu.op(), relu.inputs().length, pool)) {
                        // relu -> max pool becomes max pool -> relu; the relu node is left for anyone who
                        // asks for its own output, and is not run otherwise
                        int pooled = add(name + " (before " + relu.layer() + ")", pool, relu.inputs());
                        slot.put(name, add(name, new GraphOps.Relu(), new int[]{pooled}));
                    } else {
                        slot.put(name, add(name, pool, in));
                    }
                }
                case "Concatenate" -> {
                    int axis = c.path("axis").asInt(-1);
                    if (axis != -1 && axis != 3) {
                        throw unsupported(layer, "concatenation along axis " + axis + " (only the channel axis, -1 or 3)");
                    }
                    if (in.length < 1) {
                        throw unsupported(layer, "a concatenation without inputs");
                    }
                    slot.put(name, add(name, new GraphOps.Concat(), in));
                }
                case "Flatten" -> {
                    requireInputs(layer, 1);
                    slot.put(name, add(name, new HeadOps.Flatten(), in));
                }
                case "Dense" -> {
                    requireInputs(layer, 1);
                    countParameters(model, name, "kernel", "bias");
                    slot.put(name, add(name, HeadOps.dense(model, layer, manager), in));
                }
                case "Dropout" -> {
                    requireInputs(layer, 1);
                    slot.put(name, in[0]); // inference: dropout passes its input on
                }
                default -> throw unsupported(layer, "layer class `" + cls + "`");
            }
        }
        if (inputLayer == null) {
            throw new ModelLoadException("The requested layers " + outputs + " do not depend on an InputLayer");
        }
        this.inputChannels = channels;
        for (String name : order) {
            indexByLayer.put(name, slot.get(name));
        }
    }

    /**
     * The node that computes {@code layer}'s single input, when it is that input layer's own node (not
     * one it passes through, such as a folded batch norm) and feeds nothing but {@code layer}: a node
     * {@link PoolReordering} may move. Null otherwise.
     */
    private Node soleOwnInput(TfjsModel.Layer layer, int[] in, Map<String, List<String>> consumers) {
        if (in.length != 1 || in[0] == INPUT) {
            return null;
        }
        Node node = nodes.get(in[0]);
        String inbound = layer.inbound().get(0);
        List<String> feeds = consumers.get(inbound);
        return node.layer().equals(inbound) && feeds != null && feeds.size() == 1 ? node : null;
    }

    private int add(String layer, GraphOp op, int[] inputs) {
        nodes.add(new Node(layer, op, inputs));
        return nodes.size() - 1;
    }

    // ---------------------------------------------------------------- layers

    private void countParameters(TfjsModel model, String layer, String... weights) {
        for (String w : weights) {
            String key = layer + "/" + w;
            if (model.hasWeight(key)) {
                parameterCount += model.weights().get(key).count();
            }
        }
    }

    // ---------------------------------------------------------------- running

    private GraphPlan plan(List<String> layers) {
        return plans.computeIfAbsent(layers, this::makePlan);
    }

    private GraphPlan makePlan(List<String> layers) {
        int[] outputs = new int[layers.size()];
        for (int i = 0; i < outputs.length; i++) {
            Integer idx = indexByLayer.get(layers.get(i));
            if (idx == null) {
                throw new IllegalArgumentException("Layer `" + layers.get(i) + "` is not part of this network");
            }
            outputs[i] = idx;
        }
        return GraphPlan.of(nodes.stream().map(Node::inputs).toList(), outputs);
    }

    /**
     * Runs the graph on an NCHW input as far as needed for {@code layers} and returns their outputs
     * in the order asked. Intermediate results are released as soon as no later operation needs them
     * (autograd keeps its own references to what the backward pass needs).
     */
    Map<String, NDArray> run(NDArray input, List<String> layers) {
        GraphPlan plan = plan(layers);
        NDArray[] values = new NDArray[nodes.size()];
        try {
            for (int n : plan.order()) {
                Node node = nodes.get(n);
                int[] ins = node.inputs();
                NDArray[] args = new NDArray[ins.length];
                for (int i = 0; i < ins.length; i++) {
                    args[i] = ins[i] == INPUT ? input : values[ins[i]];
                }
                values[n] = node.op().apply(args);
                for (int in : ins) {
                    if (in != INPUT && plan.lastUse()[in] == n && !plan.keep()[in] && values[in] != null) {
                        values[in].close();
                        values[in] = null;
                    }
                }
            }
        } catch (RuntimeException e) {
            for (int n = 0; n < values.length; n++) {
                if (values[n] != null) {
                    values[n].close();
                }
            }
            throw e;
        }
        Map<String, NDArray> result = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            int idx = plan.outputs()[i];
            result.put(layers.get(i), idx == INPUT ? input : values[idx]);
        }
        return result;
    }

    /**
     * Output shapes [C, H, W] of {@code layers} for an input of {@code height x width}, or null when
     * some layer on the way would have no pixels left.
     */
    Map<String, long[]> shapes(List<String> layers, int height, int width) {
        GraphPlan plan = plan(layers);
        long[][] shapes = nodeShapes(plan, height, width);
        if (shapes == null) {
            return null;
        }
        long[] in = {inputChannels, height, width};
        Map<String, long[]> result = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            int idx = plan.outputs()[i];
            result.put(layers.get(i), idx == INPUT ? in : shapes[idx]);
        }
        return result;
    }

    /**
     * Multiply-adds of the convolutions that a forward pass to {@code layers} runs on one image of
     * {@code height x width}, or -1 when the image is too small.
     */
    long convolutionMultiplyAdds(List<String> layers, int height, int width) {
        GraphPlan plan = plan(layers);
        long[][] shapes = nodeShapes(plan, height, width);
        if (shapes == null) {
            return -1;
        }
        long total = 0;
        for (int n : plan.order()) {
            long[] s = shapes[n];
            if (nodes.get(n).op() instanceof GraphOps.ConvOp conv) {
                total += s[0] * s[1] * s[2] * conv.inChannels * conv.k[0] * conv.k[1];
            }
        }
        return total;
    }

    /** Output shape of every node the plan runs (null for the others), or null when one has no pixels. */
    private long[][] nodeShapes(GraphPlan plan, int height, int width) {
        long[][] shapes = new long[nodes.size()][];
        long[] in = {inputChannels, height, width};
        for (int n : plan.order()) {
            Node node = nodes.get(n);
            long[][] args = new long[node.inputs().length][];
            for (int i = 0; i < args.length; i++) {
                args[i] = node.inputs()[i] == INPUT ? in : shapes[node.inputs()[i]];
            }
            long[] s = node.op().outShape(args);
            if (s[1] < 1 || s[2] < 1) {
                return null;
            }
            shapes[n] = s;
        }
        return shapes;
    }

    /**
     * What a forward pass to {@code layers} runs, in order: each operation's layer name, a moved
     * pooling named after the operation it now runs before or after (what the tests check the rewrites by).
     */
    List<String> operations(List<String> layers) {
        GraphPlan plan = plan(layers);
        List<String> result = new ArrayList<>();
        for (int n : plan.order()) {
            result.add(nodes.get(n).layer());
        }
        return result;
    }

    /** The smallest square input side for which every one of {@code layers} keeps at least 1x1. */
    int minimumInputSide(List<String> layers) {
        for (int side = 1; side <= 100_000; side++) {
            if (shapes(layers, side, side) != null) {
                return side;
            }
        }
        throw new IllegalStateException("no input size up to 100000 reaches " + layers);
    }

    int inputChannels() {
        return inputChannels;
    }

    boolean foldedBatchNorm() {
        return foldedBatchNorm;
    }

    boolean hasLayer(String layer) {
        return indexByLayer.containsKey(layer);
    }

    /** Keras parameters (kernels, biases, batch-norm vectors) of the layers built, before folding. */
    long parameterCount() {
        return parameterCount;
    }

    /** How many layers of each Keras class were built. */
    Map<String, Integer> layerCounts() {
        return Map.copyOf(layerCounts);
    }

    /** The convolution weight (OIHW) and bias (or null) of a Conv2D layer, as used in the forward pass. */
    NDArray[] convolution(String layer) {
        for (Node n : nodes) {
            if (n.layer().equals(layer) && n.op() instanceof GraphOps.ConvOp op) {
                return new NDArray[]{op.weight, op.bias};
            }
        }
        throw new IllegalArgumentException("`" + layer + "` is not a built Conv2D layer");
    }

    @Override
    public void close() {
        manager.close();
    }
}
