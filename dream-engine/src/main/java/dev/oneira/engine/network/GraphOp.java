package dev.oneira.engine.network;

import ai.djl.ndarray.NDArray;

/** One operation of a {@link KerasGraph}: differentiable, with its output shape known ahead. */
interface GraphOp {
    NDArray apply(NDArray[] in);

    /** Output [C, H, W] for inputs [C, H, W]; a spatial size below 1 means "too small". */
    long[] outShape(long[][] in);
}
