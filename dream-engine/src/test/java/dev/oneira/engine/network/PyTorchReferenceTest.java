package dev.oneira.engine.network;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Compares the network with an independent PyTorch float64 implementation
 * ({@code bench/reference_activations.py}, output copied to
 * {@code src/test/resources/network/reference_activations.json}).
 */
class PyTorchReferenceTest {

    @Test
    void activationsAndInputGradientMatchTheFloat64PyTorchReference() throws IOException {
        JsonNode ref;
        try (InputStream in = getClass().getResourceAsStream("/network/reference_activations.json")) {
            assertThat(in).as("reference_activations.json on the test classpath").isNotNull();
            ref = JsonMapper.builder().build().readTree(in);
        }
        assertThat(ref.path("input").path("formula").asText())
                .isEqualTo("p[c,y,x] = (x*7 + y*13 + c*29) % 256; in = p/127.5 - 1");
        JsonNode shape = ref.path("input").path("shape");
        int height = shape.get(2).asInt();
        int width = shape.get(3).asInt();
        float[] data = new float[3 * height * width];
        int i = 0;
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    data[i++] = (float) (((x * 7 + y * 13 + c * 29) % 256) / 127.5 - 1);
                }
            }
        }
        Engine engine = Engine.getEngine("PyTorch");
        try (InceptionV3 net = InceptionV3.load(); NDManager manager = engine.newBaseManager()) {
            assertThat(net.parameterCount()).isEqualTo(ref.path("parameters_to_mixed5").asLong());
            assertThat(net.layerCounts()).containsEntry("Conv2D", ref.path("conv_layers").asInt())
                    .containsEntry("BatchNormalization", ref.path("bn_layers").asInt());
            NDArray x = manager.create(data, new Shape(1, 3, height, width));
            x.setRequiresGradient(true);
            Map<String, NDArray> acts;
            try (GradientCollector gc = engine.newGradientCollector()) {
                acts = net.activations(x, net.offeredLayers());
                NDArray loss = acts.get("mixed3").mean().add(acts.get("mixed5").mean());
                assertThat((double) loss.getFloat()).as("loss")
                        .isCloseTo(ref.path("loss").path("value").asDouble(), within(1e-4));
                gc.backward(loss);
            }
            for (String layer : net.offeredLayers()) {
                compare(layer, acts.get(layer), ref.path("layers").path(layer));
            }
            compare("input gradient", x.getGradient(), ref.path("input_gradient"));
            assertThat((double) x.getGradient().abs().mean().getFloat()).as("mean |gradient|")
                    .isCloseTo(ref.path("input_gradient").path("mean_abs").asDouble(),
                            within(1e-3 * ref.path("input_gradient").path("mean_abs").asDouble()));
        }
    }

    private static void compare(String what, NDArray actual, JsonNode ref) {
        List<Long> expectedShape = JsonMapper.builder().build().convertValue(ref.path("shape"),
                new com.fasterxml.jackson.core.type.TypeReference<List<Long>>() { });
        assertThat(actual.getShape()).as("%s shape", what)
                .isEqualTo(new Shape(expectedShape.stream().mapToLong(Long::longValue).toArray()));
        double scale = Math.max(Math.abs(ref.path("max").asDouble()), Math.abs(ref.path("min").asDouble()));
        double tolerance = 2e-5 * scale;
        assertThat((double) actual.max().getFloat()).as("%s max", what).isCloseTo(ref.path("max").asDouble(), within(tolerance));
        assertThat((double) actual.min().getFloat()).as("%s min", what).isCloseTo(ref.path("min").asDouble(), within(tolerance));
        assertThat((double) actual.mean().getFloat()).as("%s mean", what).isCloseTo(ref.path("mean").asDouble(), within(tolerance));
        JsonNode positions = ref.path("positions");
        for (int p = 0; p < positions.size(); p++) {
            JsonNode pos = positions.get(p);
            double value = actual.get(pos.get(0).asLong(), pos.get(1).asLong(), pos.get(2).asLong(), pos.get(3).asLong())
                    .getFloat();
            assertThat(value).as("%s at %s", what, pos).isCloseTo(ref.path("values").get(p).asDouble(), within(tolerance));
        }
        JsonNode channels = ref.path("channel_mean_channels");
        for (int c = 0; c < channels.size(); c++) {
            double mean = actual.get(":, " + channels.get(c).asInt()).mean().getFloat();
            assertThat(mean).as("%s channel %s mean", what, channels.get(c))
                    .isCloseTo(ref.path("channel_mean").get(c).asDouble(), within(tolerance));
        }
    }
}
