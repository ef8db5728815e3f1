package dev.oneira.engine.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;

import static dev.oneira.engine.network.KerasLayerConfig.unsupported;

/**
 * The classifier head's operations (Flatten, Dense), for the layers after the last pooling. Every
 * tensor of a {@link KerasGraph} stays NCHW, so a flat vector of F values is [N, F, 1, 1].
 */
final class HeadOps {
    private HeadOps() {
    }

    /** Keras flattens channels-last (index (h * W + w) * C + c): transposed to NHWC first. */
    static final class Flatten implements GraphOp {
        @Override
        public NDArray apply(NDArray[] in) {
            NDArray x = in[0];
            long n = x.getShape().get(0);
            return x.transpose(0, 2, 3, 1).reshape(new Shape(n, -1, 1, 1));
        }

        @Override
        public long[] outShape(long[][] in) {
            return new long[] {in[0][0] * in[0][1] * in[0][2], 1, 1};
        }
    }

    /** y = activation(x W + b) with Keras's kernel [in, out]; relu, softmax or linear. */
    static final class Dense implements GraphOp {
        enum Activation { LINEAR, RELU, SOFTMAX }

        private final NDArray kernel;
        private final NDArray bias;
        private final int inputs;
        private final int units;
        private final Activation activation;

        Dense(NDArray kernel, NDArray bias, Activation activation) {
            this.kernel = kernel;
            this.bias = bias;
            this.inputs = (int) kernel.getShape().get(0);
            this.units = (int) kernel.getShape().get(1);
            this.activation = activation;
        }

        @Override
        public NDArray apply(NDArray[] in) {
            NDArray x = in[0];
            long n = x.getShape().get(0);
            NDArray y = x.reshape(n, inputs).matMul(kernel);
            if (bias != null) {
                y = y.add(bias);
            }
            y = switch (activation) {
                case LINEAR -> y;
                case RELU -> ai.djl.nn.Activation.relu(y);
                case SOFTMAX -> y.softmax(1);
            };
            return y.reshape(n, units, 1, 1);
        }

        @Override
        public long[] outShape(long[][] in) {
            long flat = in[0][0] * in[0][1] * in[0][2];
            if (flat != inputs) {
                throw new IllegalArgumentException("a dense layer of " + inputs + " inputs got " + flat + " values ("
                        + Arrays.toString(in[0]) + ")");
            }
            return new long[] {units, 1, 1};
        }
    }

    static Dense dense(TfjsModel model, TfjsModel.Layer layer, NDManager manager) {
        JsonNode c = layer.config();
        String name = layer.name();
        int[] shape = model.shape(name + "/kernel");
        if (shape.length != 2 || c.path("units").asInt(shape.length == 2 ? shape[1] : -1) != shape[1]) {
            throw new ModelLoadException("Kernel of `" + name + "` has shape " + Arrays.toString(shape)
                    + ", expected [inputs, units] with units " + c.path("units"));
        }
        Dense.Activation activation = switch (c.path("activation").asText("linear")) {
            case "linear" -> Dense.Activation.LINEAR;
            case "relu" -> Dense.Activation.RELU;
            case "softmax" -> Dense.Activation.SOFTMAX;
            default -> throw unsupported(layer, "activation `" + c.path("activation").asText() + "` (supported: "
                    + "linear, relu, softmax)");
        };
        NDArray kernel = manager.create(model.weight(name + "/kernel"), new Shape(shape[0], shape[1]));
        kernel.setName(name + "/kernel");
        NDArray bias = null;
        if (c.path("use_bias").asBoolean(true)) {
            bias = manager.create(model.weight(name + "/bias"), new Shape(shape[1]));
            bias.setName(name + "/bias");
        }
        return new Dense(kernel, bias, activation);
    }
}
