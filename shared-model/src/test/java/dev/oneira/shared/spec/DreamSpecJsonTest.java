package dev.oneira.shared.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oneira.shared.json.OneiraJson;
import org.junit.jupiter.api.Test;

class DreamSpecJsonTest {

    private final ObjectMapper mapper = OneiraJson.newMapper();

    @Test
    void writesFieldsByNameLayersAsObjectsAndInitLowercase() throws Exception {
        JsonNode json = mapper.valueToTree(Presets.NOISE.spec().withSeed(42));

        assertThat(json.get("model").asText()).isEqualTo("inception-v3");
        assertThat(json.get("layers").toString()).isEqualTo("[{\"layer\":\"mixed3\",\"weight\":1.0},{\"layer\":\"mixed4\",\"weight\":1.0}]");
        assertThat(json.get("octaveFrom").asInt()).isEqualTo(-4);
        assertThat(json.get("seed").asLong()).isEqualTo(42);
        assertThat(json.get("init").asText()).isEqualTo("noise");
        assertThat(json.get("preset").asText()).isEqualTo("noise");
        assertThat(json.fieldNames()).toIterable().containsExactly("model", "layers", "octaveFrom", "octaveTo",
                "octaveScale", "stepsPerOctave", "stepSize", "tileSize", "jitter", "seed", "maxSide", "init", "preset", "detail", "colors", "gradient", "strength", "guide", "mask");
    }

    @Test
    void readsBackWhatItWrites() throws Exception {
        DreamSpec spec = Presets.STROKES.spec().withSeed(9007199254740991L).withJitter(3).withStepSize(0.0001);

        assertThat(mapper.readValue(mapper.writeValueAsString(spec), DreamSpec.class)).isEqualTo(spec);
    }

    @Test
    void missingFieldsTakeTheDefaultsAndUnknownOnesAreIgnored() throws Exception {
        DreamSpec spec = mapper.readValue("{\"stepsPerOctave\":3,\"tileSize\":256,\"sparkle\":true}", DreamSpec.class);

        assertThat(spec).isEqualTo(DreamSpec.defaults().withStepsPerOctave(3).withTileSize(256));
        assertThat(spec.jitter()).isEqualTo(256);
    }

    @Test
    void aPlainMapperWithoutOurSettingsReadsItToo() throws Exception {
        // The gallery's framework mapper may be configured differently; the annotations must be enough.
        DreamSpec spec = new ObjectMapper().readValue("{\"init\":\"noise\",\"x\":1}", DreamSpec.class);

        assertThat(spec.init()).isEqualTo(InitMode.NOISE);
    }

    @Test
    void anUnknownInitIsRejectedNamingTheField() {
        assertThatThrownBy(() -> mapper.readValue("{\"init\":\"video\"}", DreamSpec.class))
                .hasMessageContaining("init must be one of image, noise (was video)");
    }

    @Test
    void channelsAndTheNewChoicesGoThroughJson() throws Exception {
        DreamSpec spec = DreamSpec.defaults().withLayers(java.util.List.of(LayerWeight.of("mixed4", 97, 1),
                        LayerWeight.of("mixed3", 1)))
                .withColors(ColorMode.ORIGINAL).withGradient(GradientMode.LAPLACIAN).withStrength(8).withMask(true);
        JsonNode json = mapper.valueToTree(spec);

        assertThat(json.get("layers").toString())
                .isEqualTo("[{\"layer\":\"mixed4\",\"channel\":97,\"weight\":1.0},{\"layer\":\"mixed3\",\"weight\":1.0}]");
        assertThat(json.get("detail").asText()).isEqualTo("preserve");
        assertThat(json.get("colors").asText()).isEqualTo("original");
        assertThat(json.get("gradient").asText()).isEqualTo("laplacian");
        assertThat(mapper.readValue(mapper.writeValueAsString(spec), DreamSpec.class)).isEqualTo(spec);
    }

    @Test
    void manifestsWrittenBeforeTheNewFieldsReadWithTheirDefaults() throws Exception {
        DreamSpec spec = mapper.readValue("{\"layers\":[{\"layer\":\"mixed3\",\"weight\":1.0}],\"init\":\"image\"}",
                DreamSpec.class);

        assertThat(spec.detail()).isEqualTo(OctaveDetail.PRESERVE);
        assertThat(spec.colors()).isEqualTo(ColorMode.DREAM);
        assertThat(spec.gradient()).isEqualTo(GradientMode.STD);
        assertThat(spec.strength()).isNull();
        assertThat(spec.guide()).isFalse();
        assertThat(spec.mask()).isFalse();
        assertThat(spec.layers().get(0).channel()).isNull();
    }

    @Test
    void anUnknownColorsIsRejectedNamingTheField() {
        assertThatThrownBy(() -> mapper.readValue("{\"colors\":\"sepia\"}", DreamSpec.class))
                .hasMessageContaining("colors must be one of dream, original (was sepia)");
    }
}
