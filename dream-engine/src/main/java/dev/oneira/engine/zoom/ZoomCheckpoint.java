package dev.oneira.engine.zoom;

import dev.oneira.engine.dream.Planes;

/**
 * Where a resumed animation picks up: the last finished frame's index and pixels. The run goes on
 * with frame {@code frameIndex + 1}.
 */
public record ZoomCheckpoint(int frameIndex, Planes frame) {
    public ZoomCheckpoint {
        if (frameIndex < 0 || frame == null) {
            throw new IllegalArgumentException("a checkpoint needs a frame index >= 0 and the frame (was "
                    + frameIndex + ", " + (frame == null ? "no frame" : "a frame") + ")");
        }
    }
}
