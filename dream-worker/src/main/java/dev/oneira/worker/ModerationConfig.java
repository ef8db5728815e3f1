package dev.oneira.worker;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

/** {@code oneira.moderation.*}: the worker's screening before it dreams (issue 12). */
@ConfigMapping(prefix = "oneira.moderation")
public interface ModerationConfig {

    /** The key, for messages about it. */
    String HOLD_THRESHOLD_KEY = "oneira.moderation.hold-threshold";
    /** The environment variable deployments set it with (application.properties reads it). */
    String HOLD_THRESHOLD_ENV = "MODERATION_HOLD_THRESHOLD";

    /**
     * A dream is held for review, not dreamt, when porn + hentai + sexy of its original (or of its
     * guide image) reach this, 0..1; 0 holds every dream. 0.5: held when the classifier finds the
     * picture more likely explicit than not. The repository's harmless photos score at most 0.084
     * (docs/architecture.md, "Screening"). A value outside 0..1 stops the worker at start
     * ({@link HoldThresholdConverter}).
     */
    @WithDefault("0.5")
    @WithConverter(HoldThresholdConverter.class)
    double holdThreshold();
}
