package dev.oneira.shared.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One term of the dream's objective: a layer whose activations the dream amplifies, and how
 * strongly. With a {@code channel}, only that one feature map of the layer counts, so the dream
 * grows that one thing (eyes, fur, arches...). A negative weight suppresses what it sees.
 * JSON: {@code {"layer":"mixed4","channel":97,"weight":1.0}}, {@code channel} left out for the whole
 * layer.
 */
public record LayerWeight(String layer, @JsonInclude(JsonInclude.Include.NON_NULL) Integer channel, double weight) {

    @JsonCreator
    public LayerWeight(@JsonProperty("layer") String layer, @JsonProperty("channel") Integer channel,
                       @JsonProperty("weight") double weight) {
        this.layer = layer;
        this.channel = channel;
        this.weight = weight;
    }

    /** The whole layer. */
    public LayerWeight(String layer, double weight) {
        this(layer, null, weight);
    }

    public static LayerWeight of(String layer, double weight) {
        return new LayerWeight(layer, null, weight);
    }

    /** One channel of the layer. */
    public static LayerWeight of(String layer, int channel, double weight) {
        return new LayerWeight(layer, channel, weight);
    }

    /** {@code mixed3} or {@code mixed4/97}: what a layer term is called in texts and messages. */
    public String target() {
        return channel == null ? layer : layer + "/" + channel;
    }

    /**
     * The compact text form used by form fields and the CLI: {@code mixed3:1}, {@code mixed5:0.5},
     * {@code mixed4/97:1}.
     */
    @Override
    public String toString() {
        return target() + ":" + Numbers.format(weight);
    }
}
