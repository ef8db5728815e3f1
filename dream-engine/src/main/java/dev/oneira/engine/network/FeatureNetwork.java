package dev.oneira.engine.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A differentiable feature extractor: an image goes in, the activations of named layers come out.
 *
 * <p>The dream engine only needs this much of a network, which keeps it testable with a tiny
 * hand-made network and lets a different classifier be plugged in later.
 */
public interface FeatureNetwork extends AutoCloseable {

    /** Layers that may be asked for, shallowest first. */
    List<String> offeredLayers();

    /**
     * Runs the network on {@code input} (NCHW float32, values in [-1, 1]) as far as the deepest
     * requested layer and returns those layers' activations (NCHW), keyed by layer name.
     * Only differentiable operations are used, so a caller inside a GradientCollector can take
     * the gradient of any function of the result with respect to the input. Intermediate arrays
     * are attached to the input's manager, so a per-step sub-manager frees them.
     *
     * @throws IllegalArgumentException naming the layer when a layer is not offered
     */
    Map<String, NDArray> activations(NDArray input, Collection<String> layers);

    /**
     * The precision the network computes in; inputs are made in it. (A cast inside the forward
     * pass would cut the input off from the gradient in DJL, so the input is created this way.)
     */
    default DataType inputType() {
        return DataType.FLOAT32;
    }

    /** The smallest height/width for which every offered layer still has at least 1x1 output. */
    int minimumInputSide();

    @Override
    void close();
}
