package dev.oneira.shared.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ChannelExamplesTest {

    @Test
    void everyExampleIsAValidSingleChannelTermWithAUniqueName() {
        assertThat(ChannelExamples.ALL).isNotEmpty();
        assertThat(ChannelExamples.ALL).extracting(ChannelExamples.ChannelExample::name).doesNotHaveDuplicates();
        for (ChannelExamples.ChannelExample example : ChannelExamples.ALL) {
            DreamSpec spec = DreamSpecFields.parse(Map.of("preset", "classic", "layers", example.layers()));

            assertThat(spec.layers()).singleElement().satisfies(term -> assertThat(term.channel()).isNotNull());
            assertThat(example.title()).isNotBlank();
        }
    }
}
