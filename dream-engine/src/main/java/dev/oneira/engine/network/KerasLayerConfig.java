package dev.oneira.engine.network;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Arrays;

/**
 * Reading one Keras layer's configuration and batch-norm weights for {@link KerasGraph}: padding,
 * strides and windows, data format, inputs, and the moving statistics, each checked with a message
 * that names the layer. Kept apart from the graph's wiring and running.
 */
final class KerasLayerConfig {

    private KerasLayerConfig() {
    }

    record Bn(double[] gamma, double[] beta, double[] mean, double[] variance, double epsilon) {
    }

    static Bn readBn(TfjsModel model, TfjsModel.Layer layer, int channels) {
        JsonNode c = layer.config();
        int axis = c.path("axis").asInt(-1);
        if (axis != -1 && axis != 3) {
            throw unsupported(layer, "batch normalization over axis " + axis + " (only the channel axis, -1 or 3)");
        }
        String n = layer.name();
        double eps = c.path("epsilon").asDouble(1e-3);
        double[] mean = toDouble(model.weight(n + "/moving_mean"), channels, n + "/moving_mean");
        double[] var = toDouble(model.weight(n + "/moving_variance"), channels, n + "/moving_variance");
        double[] gamma = c.path("scale").asBoolean(true)
                ? toDouble(model.weight(n + "/gamma"), channels, n + "/gamma") : filled(channels, 1.0);
        double[] beta = c.path("center").asBoolean(true)
                ? toDouble(model.weight(n + "/beta"), channels, n + "/beta") : filled(channels, 0.0);
        for (int i = 0; i < channels; i++) {
            if (!(var[i] + eps > 0)) {
                throw new ModelLoadException("Batch normalization `" + n + "` has moving variance " + var[i]
                        + " in channel " + i + ": the weights are damaged");
            }
        }
        return new Bn(gamma, beta, mean, var, eps);
    }

    static double[] toDouble(float[] f, int channels, String name) {
        if (f.length != channels) {
            throw new ModelLoadException("Weight `" + name + "` has " + f.length + " values, expected " + channels);
        }
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    static double[] filled(int n, double v) {
        double[] d = new double[n];
        Arrays.fill(d, v);
        return d;
    }

    /**
     * Explicit symmetric padding equal to Keras' for this layer; fails when Keras would pad
     * asymmetrically ('same' with stride above 1 or an even window).
     */
    static int[] padding(TfjsModel.Layer layer, int[] k, int[] s) {
        String padding = layer.config().path("padding").asText();
        switch (padding) {
            case "valid":
                return new int[]{0, 0};
            case "same":
                if (s[0] != 1 || s[1] != 1 || k[0] % 2 == 0 || k[1] % 2 == 0) {
                    throw unsupported(layer, "'same' padding with window " + Arrays.toString(k) + " and strides "
                            + Arrays.toString(s) + ": Keras pads that asymmetrically depending on the input size,"
                            + " while this loader handles 'same' only for stride 1 and odd windows (symmetric padding)");
                }
                return new int[]{(k[0] - 1) / 2, (k[1] - 1) / 2};
            default:
                throw unsupported(layer, "padding `" + padding + "`");
        }
    }

    static int[] pair(TfjsModel.Layer layer, String key) {
        JsonNode n = layer.config().path(key);
        if (n.isInt()) {
            return new int[]{n.asInt(), n.asInt()};
        }
        if (!n.isArray() || n.size() != 2 || !n.get(0).isInt() || !n.get(1).isInt()) {
            throw new ModelLoadException("Layer `" + layer.name() + "` has an unreadable `" + key + "`: " + n);
        }
        return new int[]{n.get(0).asInt(), n.get(1).asInt()};
    }

    static void requireChannelsLast(TfjsModel.Layer layer) {
        String format = layer.config().path("data_format").asText("channels_last");
        if (!format.equals("channels_last")) {
            throw unsupported(layer, "data_format `" + format + "`");
        }
    }

    static void requireInputs(TfjsModel.Layer layer, int n) {
        if (layer.inbound().size() != n) {
            throw new ModelLoadException("Layer `" + layer.name() + "` (" + layer.className() + ") has "
                    + layer.inbound().size() + " inputs, expected " + n);
        }
    }

    static ModelLoadException unsupported(TfjsModel.Layer layer, String what) {
        return new ModelLoadException("Layer `" + layer.name() + "` (" + layer.className() + ") uses " + what
                + ", which this network loader does not support.");
    }
}
