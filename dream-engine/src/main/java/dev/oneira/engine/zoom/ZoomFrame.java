package dev.oneira.engine.zoom;

import dev.oneira.engine.dream.Planes;
import java.time.Duration;

/**
 * A finished frame: {@code index} of {@code total} (0-based), its pixels in [-1, 1], and the time
 * since this run of the animation started. The planes stay the animator's: copy them to keep them
 * past the sink's call.
 */
public record ZoomFrame(int index, int total, Planes image, Duration elapsed) {}
