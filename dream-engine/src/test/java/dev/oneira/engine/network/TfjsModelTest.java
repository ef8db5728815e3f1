package dev.oneira.engine.network;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TfjsModelTest {

    private static final List<String> FILES = List.of("model.min.js", "group1-shard1of6.min.js",
            "group1-shard2of6.min.js", "group1-shard3of6.min.js", "group1-shard4of6.min.js",
            "group1-shard5of6.min.js", "group1-shard6of6.min.js");

    private static TfjsModel model;
    private static Path classpathFolder;

    @BeforeAll
    static void read() throws URISyntaxException {
        model = TfjsModel.read(ModelFiles.fromClasspath());
        classpathFolder = Path.of(TfjsModelTest.class.getResource("/models/inception_v3/model.min.js").toURI()).getParent();
    }

    @Test
    void readsAllLayersOfTheKerasModelAndItsWeightsManifest() {
        assertThat(model.kerasVersion()).isEqualTo("2.2.4");
        assertThat(model.layers()).hasSize(318).containsKeys("input_1", "mixed0", "mixed5", "mixed10", "dense_3");
        assertThat(model.weights()).hasSize(382);
        assertThat(model.weightValueCount()).isEqualTo(22_360_869L);
        assertThat(model.shape("conv2d_1/kernel")).containsExactly(3, 3, 3, 32);
        assertThat(model.shape("conv2d_33/kernel")).containsExactly(1, 7, 128, 128);
        assertThat(model.shape("dense_3/kernel")).containsExactly(128, 5);
    }

    @Test
    void readsConfigsWithMinifiedBooleansAndLeadingDecimalPoints() {
        var bn = model.layer("batch_normalization_1").config();
        assertThat(bn.get("scale").isBoolean()).isTrue();
        assertThat(bn.get("scale").asBoolean()).isFalse();       // !1
        assertThat(bn.get("center").asBoolean()).isTrue();       // !0
        assertThat(bn.get("epsilon").asDouble()).isEqualTo(0.001);
        assertThat(bn.get("momentum").asDouble()).isEqualTo(0.99); // written as .99
        assertThat(model.layer("conv2d_1").config().get("use_bias").asBoolean()).isFalse();
        assertThat(model.weights().get("conv2d_91/kernel").min()).isEqualTo(-0.31073258086746813); // -.31...
    }

    @Test
    void wiresLayersByInboundNodesInCallOrderNotByListOrder() {
        assertThat(model.layer("mixed0").inbound())
                .containsExactly("activation_6", "activation_8", "activation_11", "activation_12");
        assertThat(model.layer("mixed3").inbound()).containsExactly("activation_27", "activation_30", "max_pooling2d_3");
        assertThat(model.layer("conv2d_1").inbound()).containsExactly("input_1");
        assertThat(model.layer("input_1").inbound()).isEmpty();
        // the file lists conv2d_9 before conv2d_6: not creation order
        List<String> names = List.copyOf(model.layers().keySet());
        assertThat(names.indexOf("conv2d_9")).isLessThan(names.indexOf("conv2d_6"));
    }

    @Test
    void dequantisesUint8AsMinPlusScaleTimesQInManifestByteOrder() throws IOException {
        // the manifest starts with batch_normalization_1/beta, whose bytes open shard 1
        assertThat(model.weights().keySet().iterator().next()).isEqualTo("batch_normalization_1/beta");
        String js = Files.readString(classpathFolder.resolve("group1-shard1of6.min.js"), StandardCharsets.ISO_8859_1);
        byte[] bytes = Base64.getDecoder().decode(JsLiteral.exportedString(js));
        TfjsModel.WeightSpec beta = model.weights().get("batch_normalization_1/beta");
        assertThat(beta.quantization()).isEqualTo("uint8");
        float[] values = model.weight("batch_normalization_1/beta");
        assertThat(values).hasSize(32);
        for (int i = 0; i < 32; i++) {
            assertThat((double) values[i]).isCloseTo(beta.min() + beta.scale() * (bytes[i] & 0xff), within(1e-6));
        }
        // the second tensor follows directly
        assertThat(model.weights().get("batch_normalization_1/moving_mean").byteOffset()).isEqualTo(32);
    }

    @Test
    void allMovingVariancesArePositive() {
        model.weights().keySet().stream().filter(n -> n.endsWith("/moving_variance")).forEach(n -> {
            for (float v : model.weight(n)) {
                assertThat(v).as(n).isPositive();
            }
        });
    }

    @Test
    void minifiedLiteralsBecomeJsonOnlyOutsideStrings() {
        String js = "x.exports={a:!0,b:!1,s:\"!0 and '!1'\",t:'!1}',n:[.5,-.25,1e-3],o:{}};";
        String literal = JsLiteral.exportedObject(js);
        assertThat(literal).isEqualTo("{a:!0,b:!1,s:\"!0 and '!1'\",t:'!1}',n:[.5,-.25,1e-3],o:{}}");
        assertThat(JsLiteral.minifiedToJson(literal))
                .isEqualTo("{a:true,b:false,s:\"!0 and '!1'\",t:'!1}',n:[.5,-.25,1e-3],o:{}}");
        assertThat(JsLiteral.exportedString("!function(){}({1:[function(d,h,Z){h.exports=\"QUJD\"},{}]})"))
                .isEqualTo("QUJD");
    }

    @Test
    void readsTheSameModelFromADirectory(@TempDir Path dir) throws IOException {
        linkAll(dir, FILES);
        TfjsModel fromDir = TfjsModel.read(ModelFiles.fromDirectory(dir));
        assertThat(fromDir.weights().keySet()).containsExactlyElementsOf(model.weights().keySet());
        assertThat(fromDir.weight("conv2d_94/kernel")).isEqualTo(model.weight("conv2d_94/kernel"));
    }

    @Test
    void aMissingShardIsNamedWithItsDirectoryAndWhereToGetIt(@TempDir Path dir) throws IOException {
        linkAll(dir, FILES.stream().filter(f -> !f.equals("group1-shard3of6.min.js")).toList());
        assertThatThrownBy(() -> TfjsModel.read(ModelFiles.fromDirectory(dir)))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("group1-shard3of6.min.js not found in the directory " + dir.toAbsolutePath())
                .hasMessageContaining("nsfwjs@4.4.0");
    }

    @Test
    void aMissingModelFileSaysWhatToDo(@TempDir Path dir) {
        assertThatThrownBy(() -> TfjsModel.read(ModelFiles.fromDirectory(dir)))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("model.min.js not found")
                .hasMessageContaining("npm pack nsfwjs@4.4.0");
        assertThatThrownBy(() -> TfjsModel.read(ModelFiles.fromClasspath("/no/such/folder")))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("the classpath folder /no/such/folder/")
                .hasMessageContaining("ModelFiles.fromDirectory");
    }

    @Test
    void aTruncatedShardIsReportedAsASizeMismatch(@TempDir Path dir) throws IOException {
        linkAll(dir, FILES.stream().filter(f -> !f.equals("group1-shard6of6.min.js")).toList());
        String js = Files.readString(classpathFolder.resolve("group1-shard6of6.min.js"), StandardCharsets.ISO_8859_1);
        String b64 = JsLiteral.exportedString(js);
        assertThat(b64).endsWith("==");
        String cut = b64.substring(0, b64.length() - 4);   // drops the last group: one byte short
        Files.writeString(dir.resolve("group1-shard6of6.min.js"), js.replace(b64, cut), StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> TfjsModel.read(ModelFiles.fromDirectory(dir)))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("hold 22360868 bytes but the manifest")
                .hasMessageContaining("describes 22360869 bytes (382 tensors)");
    }

    @Test
    void aDamagedShardFailsTheChecksumUnlessTheCheckIsSkipped(@TempDir Path dir) throws IOException {
        linkAll(dir, FILES.stream().filter(f -> !f.equals("group1-shard6of6.min.js")).toList());
        String js = Files.readString(classpathFolder.resolve("group1-shard6of6.min.js"), StandardCharsets.ISO_8859_1);
        String b64 = JsLiteral.exportedString(js);
        char c = b64.charAt(1000);
        String damaged = b64.substring(0, 1000) + (c == 'A' ? 'B' : 'A') + b64.substring(1001);
        Files.writeString(dir.resolve("group1-shard6of6.min.js"), js.replace(b64, damaged), StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> TfjsModel.read(ModelFiles.fromDirectory(dir)))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("SHA-256")
                .hasMessageContaining("expected " + TfjsModel.NSFWJS_4_4_0_WEIGHTS_SHA256)
                .hasMessageContaining("damaged");
        assertThat(TfjsModel.read(ModelFiles.fromDirectory(dir), null).weights()).hasSize(382);
    }

    @Test
    void aShardThatIsNotBase64SaysSo(@TempDir Path dir) throws IOException {
        linkAll(dir, FILES.stream().filter(f -> !f.equals("group1-shard2of6.min.js")).toList());
        Files.writeString(dir.resolve("group1-shard2of6.min.js"), "h.exports=\"not*base64\"");
        assertThatThrownBy(() -> TfjsModel.read(ModelFiles.fromDirectory(dir)))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("group1-shard2of6.min.js")
                .hasMessageContaining("base64");
    }

    @Test
    void aMalformedTopologySaysWhatIsWrong() throws IOException {
        String js = Files.readString(classpathFolder.resolve("model.min.js"));
        Map<String, String> broken = Map.of(
                "truncated", js.substring(0, js.length() / 2),
                "no layers", "n.exports={modelTopology:{model_config:{class_name:\"Model\",config:{layers:[]}}},weightsManifest:[]}",
                "dangling input", js.replace("[[[\"conv2d_1\",0,0,{}]]]", "[[[\"conv2d_999\",0,0,{}]]]"),
                "sequential", js.replace("class_name:\"Model\"", "class_name:\"Sequential\""));
        broken.forEach((what, text) -> assertThatThrownBy(() -> TfjsModel.parse(text, "test " + what, p -> new byte[0], null))
                .as(what)
                .isInstanceOf(ModelLoadException.class)
                .hasMessageStartingWith("Malformed model topology in test " + what));
        assertThatThrownBy(() -> TfjsModel.parse(broken.get("dangling input"), "x", p -> new byte[0], null))
                .hasMessageContaining("`conv2d_999`, which is not a layer of the model");
    }

    private static void linkAll(Path dir, List<String> names) throws IOException {
        for (String name : names) {
            try {
                Files.createLink(dir.resolve(name), classpathFolder.resolve(name));
            } catch (IOException | UnsupportedOperationException e) {
                Files.copy(classpathFolder.resolve(name), dir.resolve(name));
            }
        }
    }
}
