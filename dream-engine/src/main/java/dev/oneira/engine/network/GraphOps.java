package dev.oneira.engine.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import java.util.Arrays;

/** The operations a {@link KerasGraph} is made of, each a few DJL static calls. */
final class GraphOps {

    private GraphOps() {
    }


    static long out(long in, int k, int s, int p) {
        long span = in + 2L * p - k;
        return span < 0 ? 0 : span / s + 1;
    }

    static final class ConvOp implements GraphOp {
        final NDArray weight;
        final NDArray bias;
        final int inChannels;
        final int outChannels;
        final int[] k;
        final int[] s;
        final int[] p;
        final Shape stride;
        final Shape pad;
        final boolean relu;
        static final Shape NO_DILATION = new Shape(1, 1);

        ConvOp(NDArray weight, NDArray bias, int inChannels, int[] k, int[] s, int[] p, boolean relu) {
            this.weight = weight;
            this.bias = bias;
            this.inChannels = inChannels;
            this.outChannels = (int) weight.getShape().get(0);
            this.k = k;
            this.s = s;
            this.p = p;
            this.stride = new Shape(s[0], s[1]);
            this.pad = new Shape(p[0], p[1]);
            this.relu = relu;
        }

        @Override
        public NDArray apply(NDArray[] in) {
            NDArray y = Conv2d.conv2d(in[0], weight, bias, stride, pad, NO_DILATION, 1).singletonOrThrow();
            if (!relu) {
                return y;
            }
            NDArray r = Activation.relu(y);
            y.close();
            return r;
        }

        @Override
        public long[] outShape(long[][] in) {
            if (in[0][0] != inChannels) {
                throw new IllegalArgumentException("expected " + inChannels + " input channels, got " + in[0][0]);
            }
            return new long[]{outChannels, out(in[0][1], k[0], s[0], p[0]), out(in[0][2], k[1], s[1], p[1])};
        }
    }

    static final class BatchNormOp implements GraphOp {
        final NDArray mean;
        final NDArray variance;
        final NDArray gamma;
        final NDArray beta;
        final float epsilon;
        final int channels;

        BatchNormOp(NDArray mean, NDArray variance, NDArray gamma, NDArray beta, float epsilon, int channels) {
            this.mean = mean;
            this.variance = variance;
            this.gamma = gamma;
            this.beta = beta;
            this.epsilon = epsilon;
            this.channels = channels;
        }

        @Override
        public NDArray apply(NDArray[] in) {
            // the 9-argument form with training=false: inference, running statistics untouched
            return BatchNorm.batchNorm(in[0], mean, variance, gamma, beta, 1, 0.99f, epsilon, false)
                    .singletonOrThrow();
        }

        @Override
        public long[] outShape(long[][] in) {
            if (in[0][0] != channels) {
                throw new IllegalArgumentException("expected " + channels + " channels, got " + in[0][0]);
            }
            return in[0].clone();
        }
    }

    static final class Relu implements GraphOp {
        @Override
        public NDArray apply(NDArray[] in) {
            return Activation.relu(in[0]);
        }

        @Override
        public long[] outShape(long[][] in) {
            return in[0].clone();
        }
    }

    /**
     * Whether {@code Pool.avgPool2d(..., countIncludePad=false)} works on this engine (DJL 0.36.0's
     * PyTorch engine ignores the flag); probed once.
     */
    private static final boolean AVG_POOL_EXCLUDES_PADDING = probeAvgPool();

    private static boolean probeAvgPool() {
        try (NDManager m = ai.djl.engine.Engine.getEngine("PyTorch").newBaseManager()) {
            NDArray ones = m.ones(new Shape(1, 1, 2, 2));
            float corner = Pool.avgPool2d(ones, new Shape(3, 3), new Shape(1, 1), new Shape(1, 1), false, false)
                    .toFloatArray()[0];
            return Math.abs(corner - 1f) < 1e-6;
        }
    }

    static final class PoolOp implements GraphOp {
        final boolean max;
        final int[] k;
        final int[] s;
        final int[] p;
        final Shape kernel;
        final Shape stride;
        final Shape pad;
        /** Input size (height << 32 | width) -> edge factors; read by every step, written on a new size. */
        private final java.util.Map<Long, float[]> edgeFactors = new java.util.concurrent.ConcurrentHashMap<>();
        private static final int EDGE_FACTOR_SIZES = 64;

        PoolOp(boolean max, int[] k, int[] s, int[] p) {
            this.max = max;
            this.k = k;
            this.s = s;
            this.p = p;
            this.kernel = new Shape(k[0], k[1]);
            this.stride = new Shape(s[0], s[1]);
            this.pad = new Shape(p[0], p[1]);
        }

        @Override
        public NDArray apply(NDArray[] in) {
            if (max) {
                return Pool.maxPool2d(in[0], kernel, stride, pad, false);
            }
            // Keras averages over the window's real pixels only: padded zeros not counted
            NDArray y = Pool.avgPool2d(in[0], kernel, stride, pad, false, false);
            if (AVG_POOL_EXCLUDES_PADDING || (p[0] == 0 && p[1] == 0)) {
                return y;
            }
            // DJL's PyTorch engine (0.36.0, JNI included) ignores countIncludePad=false and divides by
            // the full window: rescale by window size / pixels inside the image (a constant, so
            // differentiable)
            Shape s = y.getShape();
            int oh = (int) s.get(2), ow = (int) s.get(3);
            int ih = (int) in[0].getShape().get(2), iw = (int) in[0].getShape().get(3);
            NDArray f = y.getManager().create(edgeFactor(ih, iw, oh, ow), new Shape(1, 1, oh, ow));
            if (!f.getDevice().equals(y.getDevice())) {
                NDArray moved = f.toDevice(y.getDevice(), false);
                f.close();
                f = moved;
            }
            NDArray z = y.mul(f);
            f.close();
            y.close();
            return z;
        }

        /**
         * The factor for an input of {@code ih x iw}, computed once per input size: a dream runs the
         * same few sizes step after step, and computing it in every forward pass made this method
         * hot enough for a long JIT compilation in the middle of the first dream (measured: 0.6 s of
         * C2 time around the tenth step, docs/benchmarks.md).
         */
        private float[] edgeFactor(int ih, int iw, int oh, int ow) {
            long key = ((long) ih << 32) | iw;
            float[] cached = edgeFactors.get(key);
            if (cached != null) {
                return cached;
            }
            float[] factor = new float[oh * ow];
            for (int r = 0; r < oh; r++) {
                int rows = inside(r, k[0], this.s[0], p[0], ih);
                for (int c = 0; c < ow; c++) {
                    factor[r * ow + c] = (float) (k[0] * k[1]) / (rows * inside(c, k[1], this.s[1], p[1], iw));
                }
            }
            if (edgeFactors.size() >= EDGE_FACTOR_SIZES) {
                edgeFactors.clear(); // a worker sees many photo sizes; keep the memory bounded
            }
            edgeFactors.put(key, factor);
            return factor;
        }

        /** Pixels of the window at output position {@code o} that lie inside an input of size {@code n}. */
        private static int inside(int o, int k, int s, int p, int n) {
            int from = o * s - p;
            return Math.min(n, from + k) - Math.max(0, from);
        }

        @Override
        public long[] outShape(long[][] in) {
            return new long[]{in[0][0], out(in[0][1], k[0], s[0], p[0]), out(in[0][2], k[1], s[1], p[1])};
        }
    }

    static final class Concat implements GraphOp {
        @Override
        public NDArray apply(NDArray[] in) {
            return NDArrays.concat(new NDList(in), 1);
        }

        @Override
        public long[] outShape(long[][] in) {
            long c = 0;
            for (long[] s : in) {
                if (s[1] != in[0][1] || s[2] != in[0][2]) {
                    throw new IllegalArgumentException("concatenated branches differ in size: "
                            + Arrays.toString(s) + " vs " + Arrays.toString(in[0]));
                }
                c += s[0];
            }
            return new long[]{c, in[0][1], in[0][2]};
        }
    }
}
