package dev.oneira.engine.dream;

import ai.djl.ndarray.NDArray;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The dream's objective: the sum of its terms, each weight x the mean activation of a layer, or of
 * one channel of a layer. Raising it makes whatever those layers (channels) see, more so.
 *
 * <p>With guide features (the activations of a guide image), a whole-layer term becomes the guided
 * objective of the original DeepDream notebook: each position's feature vector is pulled towards
 * the guide's feature vector it matches best by dot product. Written as mean over positions p of
 * max over guide positions q of (x_p . y_q), whose gradient with respect to x_p is exactly the
 * best-matching y_q the notebook sets as the layer's gradient.
 */
public record LayerWeights(List<Term> terms, Map<String, NDArray> guideFeatures) {

    /** One term; {@code channel} null for the whole layer. */
    public record Term(String layer, Integer channel, double weight) {
    }

    public LayerWeights {
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("at least one layer is needed");
        }
        terms = List.copyOf(terms);
        guideFeatures = guideFeatures == null ? Map.of() : Collections.unmodifiableMap(guideFeatures);
    }

    /** Whole layers with weights, in the map's order. */
    public LayerWeights(Map<String, Double> weights) {
        this(weights.entrySet().stream().map(e -> new Term(e.getKey(), null, e.getValue())).toList(), null);
    }

    public static LayerWeights of(String layer, double weight) {
        return new LayerWeights(List.of(new Term(layer, null, weight)), null);
    }

    /**
     * This objective guided by the given features: per layer, the guide's activations as a matrix of
     * channels x positions (see {@link #guideMatrix}).
     */
    public LayerWeights guidedBy(Map<String, NDArray> features) {
        return new LayerWeights(terms, features);
    }

    /** The layers the network must compute, in term order without repeats. */
    public Set<String> layers() {
        Set<String> layers = new LinkedHashSet<>();
        terms.forEach(t -> layers.add(t.layer()));
        return layers;
    }

    /** Layers whose whole-layer terms a guide applies to. */
    public List<String> guidableLayers() {
        List<String> out = new ArrayList<>();
        terms.stream().filter(t -> t.channel() == null).map(Term::layer).distinct().forEach(out::add);
        return out;
    }

    /** An activation (1, C, H, W) as the C x (H*W) matrix the guided objective compares against. */
    public static NDArray guideMatrix(NDArray activation) {
        long channels = activation.getShape().get(1);
        return activation.reshape(channels, -1);
    }

    /** A scalar array holding the objective for the given activations. */
    public NDArray loss(Map<String, NDArray> activations) {
        NDArray total = null;
        for (Term t : terms) {
            NDArray activation = activations.get(t.layer());
            if (activation == null) {
                throw new IllegalStateException("the network returned no activation for " + t.layer());
            }
            NDArray value;
            if (t.channel() != null) {
                value = activation.get(":," + t.channel()).mean();
            } else if (guideFeatures.containsKey(t.layer())) {
                NDArray x = guideMatrix(activation).transpose(); // positions x channels
                value = x.matMul(guideFeatures.get(t.layer())).max(new int[] {1}).mean();
            } else {
                value = activation.mean();
            }
            NDArray term = value.mul(t.weight());
            total = total == null ? term : total.add(term);
        }
        return total;
    }
}
