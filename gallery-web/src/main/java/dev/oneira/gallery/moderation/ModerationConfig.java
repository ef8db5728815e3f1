package dev.oneira.gallery.moderation;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code oneira.moderation.*}: when reports hide a dream, how often a client may report. */
@ConfigMapping(prefix = "oneira.moderation")
public interface ModerationConfig {

    /** Distinct clients' open reports that hide a dream until a moderator reviews it (env MODERATION_REPORT_THRESHOLD). */
    @WithDefault("3")
    int reportThreshold();

    /** Reports one client may send per {@link #reportWindow()}, all dreams together. */
    @WithDefault("10")
    int reportsPerWindow();

    @WithDefault("1h")
    Duration reportWindow();
}
