package dev.oneira.shared.spec;

/** A named spec that is known to look good; {@code spec.preset()} is {@code name}. */
public record Preset(String name, String title, String description, DreamSpec spec) {
}
