package dev.oneira.store;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the objects live and how to reach them. The same code talks to S3Proxy (local runs,
 * tests), MinIO or AWS S3; only these values change:
 * <ul>
 * <li>S3Proxy / MinIO: {@code endpoint} = the server's URL, {@code pathStyle} = true, access and
 *     secret key as configured on the server, any {@code region} (us-east-1).</li>
 * <li>AWS S3: no {@code endpoint}, the bucket's {@code region}, {@code pathStyle} = false, and
 *     either keys here or none (then the SDK's default chain: environment, profile, IAM role).</li>
 * </ul>
 *
 * @param endpoint        the server's base URL, or null for AWS S3's own endpoints
 * @param region          signing region, e.g. us-east-1
 * @param bucket          the one bucket everything lives in
 * @param pathStyle       address buckets as {@code endpoint/bucket/key} (S3Proxy, MinIO) instead of
 *                        {@code bucket.endpoint/key}
 * @param accessKey       null together with secretKey: use the SDK's default credential chain
 * @param secretKey       see accessKey
 * @param connectTimeout  how long to wait for a TCP connection
 * @param callTimeout     the longest one call may take, retries included
 * @param maxAttempts     attempts per call made by the SDK itself (1 = no SDK retries; callers may
 *                        retry on {@link ObjectStoreUnavailableException} with their own backoff)
 */
public record ObjectStoreConfig(URI endpoint, String region, String bucket, boolean pathStyle,
                                String accessKey, String secretKey,
                                Duration connectTimeout, Duration callTimeout, int maxAttempts) {

    public static final String DEFAULT_REGION = "us-east-1";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(60);
    public static final int DEFAULT_MAX_ATTEMPTS = 3;

    public ObjectStoreConfig {
        region = region == null || region.isBlank() ? DEFAULT_REGION : region;
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("object store: bucket is missing");
        }
        if ((accessKey == null) != (secretKey == null)) {
            throw new IllegalArgumentException("object store: give both access key and secret key, or neither"
                    + " (then the AWS default credential chain is used)");
        }
        if (endpoint != null && (endpoint.getScheme() == null || endpoint.getHost() == null)) {
            throw new IllegalArgumentException("object store: endpoint must be a URL such as http://127.0.0.1:9000 (was "
                    + endpoint + ")");
        }
        connectTimeout = Objects.requireNonNullElse(connectTimeout, DEFAULT_CONNECT_TIMEOUT);
        callTimeout = Objects.requireNonNullElse(callTimeout, DEFAULT_CALL_TIMEOUT);
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("object store: max attempts must be at least 1 (was " + maxAttempts + ")");
        }
    }

    /** An S3-compatible server (S3Proxy, MinIO) at {@code endpoint}, path-style, with static keys. */
    public static ObjectStoreConfig compatible(String endpoint, String bucket, String accessKey, String secretKey) {
        return new ObjectStoreConfig(URI.create(endpoint), DEFAULT_REGION, bucket, true, accessKey, secretKey,
                null, null, DEFAULT_MAX_ATTEMPTS);
    }

    /** AWS S3 in {@code region}, credentials from the SDK's default chain. */
    public static ObjectStoreConfig aws(String region, String bucket) {
        return new ObjectStoreConfig(null, region, bucket, false, null, null, null, null, DEFAULT_MAX_ATTEMPTS);
    }

    public ObjectStoreConfig withMaxAttempts(int attempts) {
        return new ObjectStoreConfig(endpoint, region, bucket, pathStyle, accessKey, secretKey, connectTimeout,
                callTimeout, attempts);
    }

    public ObjectStoreConfig withTimeouts(Duration connect, Duration call) {
        return new ObjectStoreConfig(endpoint, region, bucket, pathStyle, accessKey, secretKey, connect, call,
                maxAttempts);
    }

    /** For logs: never shows the secret. */
    @Override
    public String toString() {
        return "ObjectStoreConfig[endpoint=" + (endpoint == null ? "AWS S3" : endpoint) + ", region=" + region
                + ", bucket=" + bucket + ", pathStyle=" + pathStyle + ", credentials="
                + (accessKey == null ? "default chain" : "access key " + accessKey) + "]";
    }
}
