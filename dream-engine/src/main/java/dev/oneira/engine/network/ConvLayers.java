package dev.oneira.engine.network;

import static dev.oneira.engine.network.KerasLayerConfig.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Arrays;

/**
 * Keras Conv2D and BatchNormalization layers as {@link GraphOp}s: kernels from HWIO to OIHW, a
 * batch norm that follows a convolution folded into its weights and bias when asked.
 */
final class ConvLayers {
    private ConvLayers() {
    }

    /**
     * Convolution weights in PyTorch's channels-last memory format (default); the system property
     * {@code oneira.engine.channels-last=false} keeps the plain NCHW layout, for benchmarks side by side.
     */
    static final boolean CHANNELS_LAST = !"false".equals(System.getProperty("oneira.engine.channels-last"));

    static GraphOp conv(TfjsModel model, TfjsModel.Layer layer, TfjsModel.Layer foldedBn, NDManager manager) {
        JsonNode c = layer.config();
        requireChannelsLast(layer);
        int[] dilation = c.has("dilation_rate") ? pair(layer, "dilation_rate") : new int[]{1, 1};
        if (dilation[0] != 1 || dilation[1] != 1) {
            throw unsupported(layer, "dilation " + Arrays.toString(dilation));
        }
        if (c.path("groups").asInt(1) != 1) {
            throw unsupported(layer, "grouped convolution");
        }
        String name = layer.name();
        int[] shape = model.shape(name + "/kernel");
        if (shape.length != 4) {
            throw new ModelLoadException("Kernel of `" + name + "` has shape " + Arrays.toString(shape) + ", expected HWIO");
        }
        int kh = shape[0], kw = shape[1], ci = shape[2], co = shape[3];
        int[] k = pair(layer, "kernel_size");
        if (k[0] != kh || k[1] != kw || c.path("filters").asInt(co) != co) {
            throw new ModelLoadException("Kernel of `" + name + "` has shape " + Arrays.toString(shape)
                    + ", which does not match its config (kernel_size " + Arrays.toString(k) + ", filters "
                    + c.path("filters") + ")");
        }
        int[] s = pair(layer, "strides");
        int[] p = padding(layer, k, s);
        String activation = c.path("activation").asText("linear");
        if (!activation.equals("linear") && !activation.equals("relu")) {
            throw unsupported(layer, "activation `" + activation + "`");
        }

        float[] hwio = model.weight(name + "/kernel");
        boolean useBias = c.path("use_bias").asBoolean(false);
        float[] bias = useBias ? model.weight(name + "/bias") : null;

        double[] scale = null;
        double[] shift = null;
        if (foldedBn != null) {
            Bn bn = readBn(model, foldedBn, co);
            scale = new double[co];
            shift = new double[co];
            for (int o = 0; o < co; o++) {
                double inv = 1.0 / Math.sqrt(bn.variance()[o] + bn.epsilon());
                scale[o] = bn.gamma()[o] * inv;
                double b0 = bias != null ? bias[o] : 0.0;
                shift[o] = bn.beta()[o] + (b0 - bn.mean()[o]) * scale[o];
            }
        }
        // HWIO -> OIHW, scaled per output channel when folding
        float[] oihw = new float[hwio.length];
        for (int h = 0; h < kh; h++) {
            for (int w = 0; w < kw; w++) {
                for (int i = 0; i < ci; i++) {
                    int src = ((h * kw + w) * ci + i) * co;
                    for (int o = 0; o < co; o++) {
                        float v = hwio[src + o];
                        oihw[((o * ci + i) * kh + h) * kw + w] = scale == null ? v : (float) (v * scale[o]);
                    }
                }
            }
        }
        NDArray weight = manager.create(oihw, new Shape(co, ci, kh, kw));
        if (CHANNELS_LAST) {
            // The same values laid out O,H,W,I and viewed as O,I,H,W: PyTorch reads the strides as its
            // channels-last format and oneDNN then runs every convolution on NHWC data without
            // reordering to and from NCHW around each layer; the activations stay channels-last
            // through ReLU, pooling and concatenation. See docs/benchmarks.md for the figures.
            float[] ohwi = new float[oihw.length];
            for (int o = 0; o < co; o++) {
                for (int i = 0; i < ci; i++) {
                    for (int h = 0; h < kh; h++) {
                        for (int w = 0; w < kw; w++) {
                            ohwi[((o * kh + h) * kw + w) * ci + i] = oihw[((o * ci + i) * kh + h) * kw + w];
                        }
                    }
                }
            }
            weight = manager.create(ohwi, new Shape(co, kh, kw, ci)).transpose(0, 3, 1, 2);
        }
        weight.setName(name + "/kernel");
        NDArray b = null;
        if (shift != null) {
            float[] f = new float[co];
            for (int o = 0; o < co; o++) {
                f[o] = (float) shift[o];
            }
            b = manager.create(f, new Shape(co));
        } else if (bias != null) {
            b = manager.create(bias, new Shape(co));
        }
        if (b != null) {
            b.setName(name + "/bias");
        }
        return new GraphOps.ConvOp(weight, b, ci, k, s, p, activation.equals("relu"));
    }

    static GraphOp batchNorm(TfjsModel model, TfjsModel.Layer layer, NDManager manager) {
        String first = layer.name() + "/moving_mean";
        int channels = model.shape(first)[0];
        Bn bn = readBn(model, layer, channels);
        return new GraphOps.BatchNormOp(floats(bn.mean(), manager), floats(bn.variance(), manager), floats(bn.gamma(), manager), floats(bn.beta(), manager),
                (float) bn.epsilon(), channels);
    }

    private static NDArray floats(double[] d, NDManager manager) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return manager.create(f, new Shape(d.length));
    }
}
