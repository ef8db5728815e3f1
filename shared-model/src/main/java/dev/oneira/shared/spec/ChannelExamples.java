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

    // Filled in by the lead after looking at the engine's channel contact sheet.
    public static final List<ChannelExample> ALL = List.of();

    private ChannelExamples() {
    }
}
