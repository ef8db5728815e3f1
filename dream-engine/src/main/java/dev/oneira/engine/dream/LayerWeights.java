package dev.oneira.engine.dream;

import ai.djl.ndarray.NDArray;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The dream's objective: the sum over chosen layers of weight x mean activation. Raising it makes
 * whatever those layers see, more so.
 */
public record LayerWeights(Map<String, Double> weights) {

    public LayerWeights {
        if (weights.isEmpty()) {
            throw new IllegalArgumentException("at least one layer is needed");
        }
        weights = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(weights));
    }

    public static LayerWeights of(String layer, double weight) {
        return new LayerWeights(Map.of(layer, weight));
    }

    /** A scalar array holding the objective for the given activations. */
    public NDArray loss(Map<String, NDArray> activations) {
        NDArray total = null;
        for (Map.Entry<String, Double> e : weights.entrySet()) {
            NDArray activation = activations.get(e.getKey());
            if (activation == null) {
                throw new IllegalStateException("the network returned no activation for " + e.getKey());
            }
            NDArray term = activation.mean().mul(e.getValue().floatValue());
            total = total == null ? term : total.add(term);
        }
        return total;
    }
}
