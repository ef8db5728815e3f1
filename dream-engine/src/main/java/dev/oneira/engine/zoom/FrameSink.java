package dev.oneira.engine.zoom;

import java.io.IOException;

/** Takes each finished frame in order: an encoder, a checkpoint, a preview. */
@FunctionalInterface
public interface FrameSink {
    void accept(ZoomFrame frame) throws IOException;
}
