package dev.oneira.worker;

import org.eclipse.microprofile.config.spi.Converter;

import dev.oneira.worker.core.Screener;

/**
 * Reads {@code oneira.moderation.hold-threshold} and refuses a value outside 0..1. A converter, not a
 * check in a bean: it runs as the configuration is read, so a bad value stops the worker before
 * anything starts (no Kafka consumer takes a request first); hand-written because the worker has no
 * Bean Validation for one bound.
 */
public final class HoldThresholdConverter implements Converter<Double> {

    private static final String WHERE = ModerationConfig.HOLD_THRESHOLD_KEY + " (env "
            + ModerationConfig.HOLD_THRESHOLD_ENV + "): ";

    @Override
    public Double convert(String value) {
        if (value == null || value.isBlank()) {
            return null; // not set: the mapping's default
        }
        double threshold;
        try {
            threshold = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(WHERE + "the hold threshold must be a number from 0 to 1, not \""
                    + value + "\"", e);
        }
        try {
            return Screener.checkThreshold(threshold);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(WHERE + e.getMessage(), e);
        }
    }
}
