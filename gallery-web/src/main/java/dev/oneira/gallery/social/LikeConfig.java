package dev.oneira.gallery.social;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code oneira.likes.*}: how often one client (address) may like or unlike, as uploads are limited. */
@ConfigMapping(prefix = "oneira.likes")
public interface LikeConfig {

    /** Likes and unlikes one client address may make per {@link #window()}; far above a person's clicking. */
    @WithDefault("60")
    int perWindow();

    @WithDefault("10m")
    Duration window();
}
