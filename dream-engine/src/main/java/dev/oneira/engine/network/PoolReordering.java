package dev.oneira.engine.network;

/**
 * Where a pooling may change places with its neighbour in a {@link KerasGraph} without changing
 * the function: the graph runs the cheaper order. Each test takes the neighbour's operation as
 * built and the number of inputs of the node being moved; the graph has already checked that
 * node feeds nothing else.
 */
final class PoolReordering {

    private PoolReordering() {
    }

    /**
     * Average pooling then a 1x1 convolution is the same function as the convolution then the pooling
     * (both are linear per pixel, the convolution's bias included, since the pooling's weights sum to
     * 1 with padded pixels not counted), and the second order pools the convolution's fewer output
     * channels: InceptionV3's pool branches pool 192 to 768 channels to feed 32 to 192. Exact in real
     * arithmetic; in float32 the results differ in their last bits. Only when the pooling has stride 1
     * (else the convolution would run on more pixels) and the convolution has no activation of its own.
     */
    static boolean poolCommutesWithConv(GraphOp pool, int poolInputs, GraphOp conv) {
        return pool instanceof GraphOps.PoolOp p && !p.max && p.s[0] == 1 && p.s[1] == 1
                && poolInputs == 1
                && conv instanceof GraphOps.ConvOp c && !c.relu
                && c.k[0] == 1 && c.k[1] == 1 && c.s[0] == 1 && c.s[1] == 1 && c.p[0] == 0 && c.p[1] == 0
                && c.outChannels < c.inChannels;
    }

    /**
     * A relu then a max pooling is the same function as the pooling then the relu (relu never
     * reorders values: the largest of a window stays the largest, and the window's maximum is
     * below zero exactly when all of it is), exactly, in float32 too, and so is the input gradient
     * (the same position wins each window; where the maximum is not positive both give it zero).
     * Pooling first runs the relu forward and backward on the pooled pixels only: InceptionV3's
     * stem pools 3x3 with stride 2 after its third and fifth convolutions, the largest activations
     * of the network, so the relu sees about a quarter of them.
     */
    static boolean reluCommutesWithPool(GraphOp relu, int reluInputs, GraphOps.PoolOp pool) {
        return pool.max && relu instanceof GraphOps.Relu && reluInputs == 1;
    }
}
