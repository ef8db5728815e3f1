package dev.oneira.gallery;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code oneira.store.*}: the object store, the same keys as the dream worker's. */
@ConfigMapping(prefix = "oneira.store")
public interface StoreConfig {

    /** The server's URL, e.g. http://s3proxy:9000; absent for AWS S3. */
    Optional<String> endpoint();

    @WithDefault("us-east-1")
    String region();

    @WithDefault("oneira")
    String bucket();

    @WithDefault("true")
    boolean pathStyle();

    Optional<String> accessKey();

    Optional<String> secretKey();

    @WithDefault("2s")
    Duration connectTimeout();

    @WithDefault("30s")
    Duration callTimeout();

    @WithDefault("2")
    int maxAttempts();
}
