package dev.oneira.engine.network;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class InceptionV3Test {

    private static TfjsModel model;
    private static InceptionV3 folded;
    private static InceptionV3 unfolded;
    /** Pooling in the model's own order (no reordering), to compare the default with. */
    private static InceptionV3 modelOrder;
    private static NDManager manager;

    @BeforeAll
    static void load() {
        model = TfjsModel.read(ModelFiles.fromClasspath());
        folded = InceptionV3.fromModel(model, InceptionV3.Options.defaults());
        unfolded = InceptionV3.fromModel(model, InceptionV3.Options.defaults().withFoldBatchNorm(false));
        modelOrder = InceptionV3.fromModel(model, InceptionV3.Options.defaults().withReorderPooling(false));
        manager = Engine.getEngine("PyTorch").newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
        folded.close();
        unfolded.close();
        modelOrder.close();
    }

    /** A deterministic image in [-1, 1], NCHW, in the given manager. */
    private static NDArray image(NDManager m, int height, int width, long seed) {
        Random random = new Random(seed);
        float[] data = new float[3 * height * width];
        for (int i = 0; i < data.length; i++) {
            data[i] = random.nextFloat() * 2 - 1;
        }
        return m.create(data, new Shape(1, 3, height, width));
    }

    private static double maxAbs(NDArray a) {
        return a.abs().max().getFloat();
    }

    @Test
    void offersMixed0ToMixed5() {
        assertThat(folded.offeredLayers()).containsExactly("mixed0", "mixed1", "mixed2", "mixed3", "mixed4", "mixed5");
    }

    @Test
    void buildsOnly50ConvolutionsAnd50BatchNormsWith5138656ParametersUpToMixed5() {
        for (InceptionV3 net : List.of(folded, unfolded)) {
            assertThat(net.layerCounts()).containsEntry("Conv2D", 50).containsEntry("BatchNormalization", 50)
                    .containsEntry("Concatenate", 6).containsEntry("InputLayer", 1)
                    .containsEntry("Activation", 50).containsEntry("MaxPooling2D", 3)
                    .containsEntry("AveragePooling2D", 5).hasSize(7);
            assertThat(net.parameterCount()).isEqualTo(5_138_656L);
        }
        assertThat(folded.batchNormFolded()).isTrue();
        assertThat(unfolded.batchNormFolded()).isFalse();
    }

    @Test
    void convolutionKernelsAreTransposedFromHwioToOihwIncludingAsymmetricKernels() {
        for (String conv : List.of("conv2d_1", "conv2d_8", "conv2d_33", "conv2d_34")) {
            int[] hwio = model.shape(conv + "/kernel");
            float[] raw = model.weight(conv + "/kernel");
            NDArray w = unfolded.convolution(conv)[0];
            assertThat(w.getShape()).isEqualTo(new Shape(hwio[3], hwio[2], hwio[0], hwio[1]));
            assertThat(unfolded.convolution(conv)[1]).as("no bias without folding").isNull();
            float[] oihw = w.toFloatArray();
            int kh = hwio[0], kw = hwio[1], ci = hwio[2], co = hwio[3];
            Random random = new Random(7);
            for (int t = 0; t < 200; t++) {
                int h = random.nextInt(kh), x = random.nextInt(kw), i = random.nextInt(ci), o = random.nextInt(co);
                assertThat(oihw[((o * ci + i) * kh + h) * kw + x]).isEqualTo(raw[((h * kw + x) * ci + i) * co + o]);
            }
        }
    }

    @Test
    void foldedConvolutionScalesWeightsAndAddsBiasBetaMinusMeanOverStd() {
        String conv = "conv2d_8";
        float[] raw = model.weight(conv + "/kernel");
        float[] mean = model.weight("batch_normalization_8/moving_mean");
        float[] var = model.weight("batch_normalization_8/moving_variance");
        float[] beta = model.weight("batch_normalization_8/beta");
        NDArray[] wb = folded.convolution(conv);
        float[] w = wb[0].toFloatArray();
        float[] b = wb[1].toFloatArray();
        int ci = 48, co = 64;
        for (int o = 0; o < co; o++) {
            double inv = 1 / Math.sqrt(var[o] + 0.001);
            assertThat((double) b[o]).isCloseTo(beta[o] - mean[o] * inv, within(1e-5 * (1 + Math.abs(beta[o]))));
            // element h=2, w=3, i=5 of output channel o
            double expected = raw[((2 * 5 + 3) * ci + 5) * co + o] * inv;
            assertThat((double) w[((o * ci + 5) * 5 + 2) * 5 + 3]).isCloseTo(expected, within(1e-6 * (1 + Math.abs(expected))));
        }
    }

    @Test
    void activationsAt299x299HaveTheKerasShapes() {
        try (NDManager step = manager.newSubManager()) {
            Map<String, NDArray> acts = folded.activations(image(step, 299, 299, 1), folded.offeredLayers());
            assertThat(acts).containsOnlyKeys(folded.offeredLayers());
            assertThat(acts.get("mixed0").getShape()).isEqualTo(new Shape(1, 256, 35, 35));
            assertThat(acts.get("mixed1").getShape()).isEqualTo(new Shape(1, 288, 35, 35));
            assertThat(acts.get("mixed2").getShape()).isEqualTo(new Shape(1, 288, 35, 35));
            assertThat(acts.get("mixed3").getShape()).isEqualTo(new Shape(1, 768, 17, 17));
            assertThat(acts.get("mixed4").getShape()).isEqualTo(new Shape(1, 768, 17, 17));
            assertThat(acts.get("mixed5").getShape()).isEqualTo(new Shape(1, 768, 17, 17));
            acts.forEach((layer, a) -> assertThat(a.getShape())
                    .isEqualTo(folded.activationShapes(299, 299, List.of(layer)).get(layer)));
        }
    }

    @Test
    void activationsOfANonSquareImageFollowValidAndSamePaddingArithmetic() {
        // 375 high: 187, 185, 185, 92, 92, 90, 44 | mixed3: 21 ; 500 wide: 249, 247, 247, 123, 123, 121, 60 | 29
        assertThat(folded.activationShapes(375, 500, List.of("mixed0", "mixed3", "mixed5"))).containsExactly(
                Map.entry("mixed0", new Shape(1, 256, 44, 60)),
                Map.entry("mixed3", new Shape(1, 768, 21, 29)),
                Map.entry("mixed5", new Shape(1, 768, 21, 29)));
        try (NDManager step = manager.newSubManager()) {
            Map<String, NDArray> acts = folded.activations(image(step, 120, 163, 2), List.of("mixed5", "mixed2"));
            assertThat(acts.keySet()).containsExactly("mixed5", "mixed2");
            // 120: 59, 57, 57, 28, 28, 26, 12 | 5 ; 163: 81, 79, 79, 39, 39, 37, 18 | 8
            assertThat(acts.get("mixed2").getShape()).isEqualTo(new Shape(1, 288, 12, 18));
            assertThat(acts.get("mixed5").getShape()).isEqualTo(new Shape(1, 768, 5, 8));
        }
    }

    @Test
    void countsConvolutionMultiplyAddsOfTheLayersRun() {
        // 7.687 G at 500x375 to mixed5, as bench/pytorch_eager.py counts them
        assertThat(folded.convolutionMultiplyAdds(375, 500, List.of("mixed3", "mixed5")))
                .isBetween(7_686_500_000L, 7_687_500_000L);
        assertThat(folded.convolutionMultiplyAdds(375, 500, List.of("mixed3")))
                .isLessThan(folded.convolutionMultiplyAdds(375, 500, List.of("mixed5")));
        assertThat(unfolded.convolutionMultiplyAdds(299, 299, List.of("mixed5")))
                .isEqualTo(folded.convolutionMultiplyAdds(299, 299, List.of("mixed5")));
    }

    @Test
    void minimumInputSideIsTheSmallestSideWhereMixed5KeepsOnePixel() {
        assertThat(folded.minimumInputSide()).isEqualTo(43);
        try (NDManager step = manager.newSubManager()) {
            Map<String, NDArray> acts = folded.activations(image(step, 43, 43, 3), List.of("mixed5"));
            assertThat(acts.get("mixed5").getShape()).isEqualTo(new Shape(1, 768, 1, 1));
            NDArray tooSmall = image(step, 42, 60, 3);
            assertThatThrownBy(() -> folded.activations(tooSmall, List.of("mixed5")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("42x60 is too small").hasMessageContaining("at least 43");
            // mixed0..2 do not need the stride-2 reduction of mixed3
            assertThat(folded.activations(tooSmall, List.of("mixed2")).get("mixed2").getShape().get(2)).isEqualTo(2);
        }
    }

    @Test
    void foldedAndUnfoldedBatchNormAgree() {
        try (NDManager step = manager.newSubManager()) {
            NDArray x = image(step, 107, 123, 4);
            Map<String, NDArray> a = folded.activations(x, folded.offeredLayers());
            Map<String, NDArray> b = unfolded.activations(x, unfolded.offeredLayers());
            for (String layer : folded.offeredLayers()) {
                double scale = maxAbs(b.get(layer));
                double diff = maxAbs(a.get(layer).sub(b.get(layer)));
                assertThat(scale).as(layer).isGreaterThan(0.1);
                assertThat(diff).as("max |folded - unfolded| at %s (scale %s)", layer, scale).isLessThan(1e-4 * scale);
            }
        }
    }

    /**
     * The pool branches run their 1x1 convolution first and average the fewer channels it gives
     * (the same function, docs/benchmarks.md): activations and the input gradient agree with the
     * model's own order to float32 rounding.
     */
    @Test
    void poolingAfterThePoolBranchConvolutionGivesTheModelsActivationsAndGradient() {
        Engine engine = Engine.getEngine("PyTorch");
        try (NDManager step = manager.newSubManager()) {
            NDArray[] gradients = new NDArray[2];
            List<Map<String, NDArray>> activations = new java.util.ArrayList<>();
            InceptionV3[] nets = {folded, modelOrder};
            for (int n = 0; n < 2; n++) {
                NDArray x = image(step, 91, 117, 12);
                x.setRequiresGradient(true);
                try (GradientCollector gc = engine.newGradientCollector()) {
                    Map<String, NDArray> acts = nets[n].activations(x, nets[n].offeredLayers());
                    activations.add(acts);
                    gc.backward(acts.get("mixed3").mean().add(acts.get("mixed5").mean()));
                }
                gradients[n] = x.getGradient();
            }
            for (String layer : folded.offeredLayers()) {
                NDArray reordered = activations.get(0).get(layer), original = activations.get(1).get(layer);
                double scale = maxAbs(original);
                assertThat(scale).as(layer).isGreaterThan(0.1);
                assertThat(maxAbs(reordered.sub(original))).as("max |pool after conv - model order| at %s (scale %s)",
                        layer, scale).isLessThan(1e-5 * scale);
            }
            double gradientScale = maxAbs(gradients[1]);
            assertThat(gradientScale).isGreaterThan(0);
            assertThat(maxAbs(gradients[0].sub(gradients[1]))).as("input gradient").isLessThan(1e-4 * gradientScale);
        }
    }

    /**
     * The stem's two max poolings run before their relu, so the relu sees a quarter of the stem's
     * largest activations (docs/benchmarks.md); the model's relu nodes are not run.
     */
    @Test
    void theStemsMaxPoolingsRunBeforeTheirRelu() {
        try (KerasGraph reordered = new KerasGraph(model, List.of("max_pooling2d_2"), true, true, manager.newSubManager());
             KerasGraph modelOrder = new KerasGraph(model, List.of("max_pooling2d_2"), true, false, manager.newSubManager())) {
            assertThat(modelOrder.operations(List.of("max_pooling2d_2"))).containsSubsequence(
                    "conv2d_3", "activation_3", "max_pooling2d_1", "conv2d_5", "activation_5", "max_pooling2d_2");
            assertThat(reordered.operations(List.of("max_pooling2d_2")))
                    .containsSubsequence("conv2d_3", "max_pooling2d_1 (before activation_3)", "max_pooling2d_1",
                            "conv2d_5", "max_pooling2d_2 (before activation_5)", "max_pooling2d_2")
                    .doesNotContain("activation_3", "activation_5")
                    .hasSize(modelOrder.operations(List.of("max_pooling2d_2")).size());
        }
    }

    /**
     * Pooling first is the same function exactly, not to rounding: the stem's output and the input
     * gradient through it are the model's to the bit.
     */
    @Test
    void maxPoolingBeforeTheReluGivesTheModelsStemAndGradientToTheBit() {
        Engine engine = Engine.getEngine("PyTorch");
        try (NDManager step = manager.newSubManager()) {
            InceptionV3[] nets = {folded, modelOrder};
            float[][] stems = new float[2][];
            float[][] gradients = new float[2][];
            for (int n = 0; n < 2; n++) {
                NDArray x = image(step, 97, 131, 21);
                x.setRequiresGradient(true);
                try (GradientCollector gc = engine.newGradientCollector()) {
                    NDArray stem = nets[n].internalActivations(x, List.of("max_pooling2d_2")).get("max_pooling2d_2");
                    stems[n] = stem.toFloatArray();
                    gc.backward(stem.square().mean());
                }
                gradients[n] = x.getGradient().toFloatArray();
            }
            assertThat(stems[0]).containsExactly(stems[1]);
            assertThat(gradients[0]).containsExactly(gradients[1]);
            // not vacuous: the relu zeroes part of the pooled stem, and the gradient reaches the image
            long zeros = 0;
            for (float v : stems[0]) {
                zeros += v == 0f ? 1 : 0;
            }
            assertThat(zeros).isBetween(stems[0].length / 20L, stems[0].length * 19L / 20);
            assertThat(maxAbs(step.create(gradients[0]))).isGreaterThan(0);
        }
    }

    @Test
    void stemAndMixed0MatchAPlainFloat64ReferenceFromTheInput() {
        KerasReference ref = new KerasReference(model);
        try (NDManager step = manager.newSubManager()) {
            NDArray x = image(step, 75, 83, 5);
            Map<String, NDArray> acts = folded.internalActivations(x, List.of("max_pooling2d_2", "mixed0"));
            double[][][] img = KerasReference.toTensor(x.toFloatArray(), 3, 75, 83);
            double[][][] stem = ref.stem(img);
            assertClose("max_pooling2d_2", acts.get("max_pooling2d_2"), stem);
            assertClose("mixed0", acts.get("mixed0"), ref.mixed0(stem));
        }
    }

    @Test
    void mixed3AndMixed4MatchAPlainFloat64ReferenceOnTheirBlockInputs() {
        KerasReference ref = new KerasReference(model);
        try (NDManager step = manager.newSubManager()) {
            NDArray x = image(step, 107, 123, 6);
            Map<String, NDArray> acts = unfolded.internalActivations(x, List.of("mixed2", "mixed3", "mixed4"));
            assertThat(acts.get("mixed3").getShape()).isEqualTo(new Shape(1, 768, 5, 6));
            double[][][] in3 = tensor(acts.get("mixed2"));
            assertClose("mixed3", acts.get("mixed3"), ref.mixed3(in3));
            double[][][] in4 = tensor(acts.get("mixed3"));
            assertClose("mixed4", acts.get("mixed4"), ref.mixed4(in4));
            // and the folded network agrees on the same block
            assertClose("mixed4 (folded)", folded.activations(x, List.of("mixed4")).get("mixed4"), ref.mixed4(in4));
        }
    }

    private static double[][][] tensor(NDArray a) {
        Shape s = a.getShape();
        return KerasReference.toTensor(a.toFloatArray(), s.get(1), s.get(2), s.get(3));
    }

    private static void assertClose(String what, NDArray actual, double[][][] expected) {
        Shape s = actual.getShape();
        assertThat(s).as("shape of %s", what)
                .isEqualTo(new Shape(1, expected.length, expected[0].length, expected[0][0].length));
        float[] a = actual.toFloatArray();
        double scale = 0;
        double maxDiff = 0;
        int i = 0;
        for (double[][] ch : expected) {
            for (double[] row : ch) {
                for (double v : row) {
                    scale = Math.max(scale, Math.abs(v));
                    maxDiff = Math.max(maxDiff, Math.abs(a[i++] - v));
                }
            }
        }
        assertThat(scale).as("activation scale of %s", what).isGreaterThan(0.1);
        assertThat(maxDiff).as("max |network - reference| at %s (scale %s)", what, scale).isLessThan(1e-4 * scale);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mixed6", "mixed10", "conv2d_1", "predictions"})
    void askingForALayerThatIsNotOfferedNamesTheOfferedLayersAndWhy(String layer) {
        try (NDManager step = manager.newSubManager()) {
            NDArray x = image(step, 75, 75, 8);
            assertThatThrownBy(() -> folded.activations(x, List.of("mixed3", layer)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("`" + layer + "`")
                    .hasMessageContaining("mixed0, mixed1, mixed2, mixed3, mixed4, mixed5")
                    .hasMessageContaining("retrained for NSFW classification")
                    .hasMessageContaining("not offered for dreaming");
        }
    }

    @Test
    void inputGradientOfMeanMixed3IsFiniteNonZeroAndMatchesAFiniteDifference() {
        Engine engine = Engine.getEngine("PyTorch");
        try (NDManager step = manager.newSubManager()) {
            NDArray x = image(step, 75, 83, 9);
            x.setRequiresGradient(true);
            float loss;
            try (GradientCollector gc = engine.newGradientCollector()) {
                NDArray objective = folded.activations(x, List.of("mixed3")).get("mixed3").mean();
                loss = objective.getFloat();
                gc.backward(objective);
            }
            NDArray grad = x.getGradient();
            assertThat(grad.getShape()).isEqualTo(x.getShape());
            float[] g = grad.toFloatArray();
            int nonZero = 0;
            for (float v : g) {
                assertThat(Float.isFinite(v)).isTrue();
                if (v != 0) {
                    nonZero++;
                }
            }
            // every pixel of a 75x83 image reaches mixed3 (odd sizes: no row or column is cut off)
            assertThat(nonZero).as("non-zero gradient entries of %s", g.length).isGreaterThan((int) (0.99 * g.length));

            // directional derivative along the gradient: (f(x + h d) - f(x - h d)) / 2h = |g|
            NDArray d = grad.div(grad.norm());
            double h = 1e-2;
            NDArray xd = x.stopGradient();
            double plus = folded.activations(xd.add(d.mul(h)), List.of("mixed3")).get("mixed3").mean().getFloat();
            double minus = folded.activations(xd.sub(d.mul(h)), List.of("mixed3")).get("mixed3").mean().getFloat();
            double slope = (plus - minus) / (2 * h);
            double gradNorm = grad.norm().getFloat();
            assertThat(loss).isGreaterThan(0f);
            assertThat(slope).as("finite difference vs |gradient| %s", gradNorm).isCloseTo(gradNorm, within(0.05 * gradNorm));
        }
    }

    @Test
    void activationsBelongToTheInputsManagerAndAreFreedWithIt() {
        NDArray kept;
        try (NDManager step = manager.newSubManager()) {
            kept = folded.activations(image(step, 75, 75, 10), List.of("mixed1")).get("mixed1");
            assertThat(kept.getManager()).isSameAs(step);
        }
        assertThat(kept.isReleased()).isTrue();
        assertThat(folded.convolution("conv2d_1")[0].isReleased()).isFalse();
    }

    @Test
    void aSamePaddingThatKerasWouldMakeAsymmetricFailsLoudlyAtLoad() throws Exception {
        String js = new String(ModelFiles.fromClasspath().readRequired(ModelFiles.MODEL_FILE), StandardCharsets.UTF_8);
        String conv3 = "config:{name:\"conv2d_3\",trainable:!1,filters:64,kernel_size:[3,3],strides:[1,1],padding:\"same\"";
        String pool1 = "config:{name:\"average_pooling2d_1\",trainable:!1,pool_size:[3,3],padding:\"same\",strides:[1,1]";
        assertThat(js).contains(conv3, pool1);
        Map<String, String> variants = Map.of(
                "conv2d_3", js.replace(conv3, conv3.replace("strides:[1,1]", "strides:[2,2]")),
                "average_pooling2d_1", js.replace(pool1, pool1.replace("pool_size:[3,3]", "pool_size:[2,2]")));
        variants.forEach((layer, text) -> {
            TfjsModel changed = TfjsModel.parse(text, "test", path -> TfjsModel.readShard(ModelFiles.fromClasspath(), path), null);
            assertThatThrownBy(() -> InceptionV3.fromModel(changed, InceptionV3.Options.defaults()))
                    .as(layer)
                    .isInstanceOf(ModelLoadException.class)
                    .hasMessageContaining("Layer `" + layer + "`")
                    .hasMessageContaining("'same' padding")
                    .hasMessageContaining("asymmetrically");
        });
    }

    @Test
    void closingTheNetworkFreesItsWeights() {
        try (InceptionV3 net = InceptionV3.fromModel(model, InceptionV3.Options.defaults())) {
            NDArray w = net.convolution("conv2d_50")[0];
            assertThat(w.isReleased()).isFalse();
            net.close();
            assertThat(w.isReleased()).isTrue();
        }
    }
}
