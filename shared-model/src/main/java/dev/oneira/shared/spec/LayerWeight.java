package dev.oneira.shared.spec;

/**
 * One layer whose activations the dream amplifies, and how strongly. A negative weight suppresses
 * what that layer sees. JSON: {@code {"layer":"mixed3","weight":1.0}}.
 */
public record LayerWeight(String layer, double weight) {

    public static LayerWeight of(String layer, double weight) {
        return new LayerWeight(layer, weight);
    }

    /** The compact text form used by form fields and the CLI: {@code mixed3:1} or {@code mixed5:0.5}. */
    @Override
    public String toString() {
        return layer + ":" + Numbers.format(weight);
    }
}
