package dev.oneira.worker;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code oneira.store.*}: the object store (S3Proxy, MinIO or AWS S3). */
@ConfigMapping(prefix = "oneira.store")
public interface StoreConfig {

    /** The server's URL, e.g. http://s3proxy:9000; absent for AWS S3. */
    Optional<String> endpoint();

    @WithDefault("us-east-1")
    String region();

    @WithDefault("oneira")
    String bucket();

    /** true for S3Proxy and MinIO, false for AWS S3. */
    @WithDefault("true")
    boolean pathStyle();

    /** Absent (with secret-key): the AWS default credential chain. */
    Optional<String> accessKey();

    Optional<String> secretKey();

    @WithDefault("2s")
    Duration connectTimeout();

    @WithDefault("60s")
    Duration callTimeout();

    /** Attempts per call inside the SDK; the worker retries on top of this with its own backoff. */
    @WithDefault("2")
    int maxAttempts();
}
