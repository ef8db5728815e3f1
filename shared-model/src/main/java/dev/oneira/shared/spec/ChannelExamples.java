package dev.oneira.shared.spec;

import java.util.List;

/**
 * Single channels that grow something people recognise, found by dreaming with each candidate and
 * looking at the result (docs/images/channels.png). Forms offer them next to the free layers field.
 */
public final class ChannelExamples {

    /** One named channel: {@code layers} is the text of its layer term, e.g. {@code mixed4/97:1}. */
    public record ChannelExample(String name, String title, String layers) {
    }

    // Picked from a sheet of 15 channels of mixed3..mixed5 dreamt on samples/chelsea.png (classic
    // octaves, strength 6, seed 1): these five grew something one can name; the others gave
    // unspecific colour noise. docs/images/channels.jpg shows all 15.
    public static final List<ChannelExample> ALL = List.of(
            new ChannelExample("fur", "Flowing fur", "mixed3/14:1"),
            new ChannelExample("bubbles", "Puffy bubbles", "mixed3/400:1"),
            new ChannelExample("web", "Glowing web", "mixed4/97:1"),
            new ChannelExample("whorls", "Whorls and ripples", "mixed4/300:1"),
            new ChannelExample("eyes", "Ringed eyes", "mixed5/600:1"));

    private ChannelExamples() {
    }
}
