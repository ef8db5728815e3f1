package dev.oneira.engine.dream;

import java.time.Duration;
import java.util.List;

/**
 * A finished dream: the image (values in [-1, 1], same size as the input), the seed that was
 * used (so it can be reproduced), the final objective, notices such as clamped octaves.
 */
public record DreamResult(Planes image, long seed, double finalLoss, int steps, Duration elapsed, List<String> notices) {}
