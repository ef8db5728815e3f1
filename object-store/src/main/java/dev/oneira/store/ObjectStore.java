package dev.oneira.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The one bucket that holds originals, dreams, thumbnails, previews and manifests.
 *
 * <p>Every write is a whole-object PUT, so a reader sees the old object or the new one, never half
 * of an image. Missing objects are not errors ({@link #get} is empty, {@link #exists} false);
 * failures are an {@link ObjectStoreUnavailableException} when the store cannot be reached or is
 * overloaded (worth retrying) and an {@link ObjectStoreException} otherwise. Thread-safe; share one.
 */
public final class ObjectStore implements AutoCloseable {

    private final S3Client s3;
    private final String bucket;
    private final String where;
    /** Per-call settings of a {@link #withCallTimeout} view; null: the client's own. */
    private final AwsRequestOverrideConfiguration override;
    /** Only the store that created the client closes it; views share it. */
    private final boolean ownsClient;

    public ObjectStore(S3Client s3, String bucket, String where) {
        this(s3, bucket, where, null, true);
    }

    private ObjectStore(S3Client s3, String bucket, String where, AwsRequestOverrideConfiguration override,
                        boolean ownsClient) {
        this.s3 = s3;
        this.bucket = bucket;
        this.where = where;
        this.override = override;
        this.ownsClient = ownsClient;
    }

    /**
     * The same store (same client and connections) whose calls give up after {@code timeout}, retries
     * included, instead of the configured call timeout: for callers that must answer a person quickly
     * and would rather fail than wait for a store that hangs. Closing the view does not close the client.
     */
    public ObjectStore withCallTimeout(Duration timeout) {
        return new ObjectStore(s3, bucket, where, AwsRequestOverrideConfiguration.builder().apiCallTimeout(timeout)
                .apiCallAttemptTimeout(timeout).build(), false);
    }

    /** A client for {@code config}; nothing is contacted until the first call. */
    public static ObjectStore open(ObjectStoreConfig config) {
        var builder = S3Client.builder()
                .region(Region.of(config.region()))
                .credentialsProvider(credentials(config))
                .forcePathStyle(config.pathStyle())
                // S3-compatible servers (S3Proxy, MinIO) reject the SDK's default trailing checksums;
                // AWS S3 accepts both, so WHEN_REQUIRED works everywhere.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(config.connectTimeout())
                        .socketTimeout(config.callTimeout()))
                .overrideConfiguration(o -> o
                        .apiCallTimeout(config.callTimeout())
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(config.maxAttempts()).build()));
        if (config.endpoint() != null) {
            builder.endpointOverride(config.endpoint());
        }
        String where = "bucket " + config.bucket() + " at " + (config.endpoint() == null
                ? "AWS S3 (" + config.region() + ")" : config.endpoint());
        return new ObjectStore(builder.build(), config.bucket(), where);
    }

    private static AwsCredentialsProvider credentials(ObjectStoreConfig config) {
        return config.accessKey() == null
                ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create(config.accessKey(), config.secretKey()));
    }

    public String bucket() {
        return bucket;
    }

    /** E.g. "bucket oneira at http://127.0.0.1:9000", for logs and messages. */
    public String describe() {
        return where;
    }

    /** Creates the bucket when it does not exist yet; safe to call from several processes at once. */
    public void ensureBucket() {
        call("check " + where, () -> {
            try {
                s3.headBucket(b -> b.bucket(bucket).overrideConfiguration(override));
                return null;
            } catch (AwsServiceException e) {
                if (e.statusCode() != 404) {
                    throw e;
                }
            }
            try {
                s3.createBucket(b -> b.bucket(bucket).overrideConfiguration(override));
            } catch (BucketAlreadyOwnedByYouException e) {
                // another process created it in between: fine
            } catch (AwsServiceException e) {
                if (e.statusCode() != 409) {
                    throw e;
                }
            }
            return null;
        });
    }

    /** Throws when the bucket cannot be reached; for health checks. */
    public void checkReachable() {
        call("reach " + where, () -> s3.headBucket(b -> b.bucket(bucket).overrideConfiguration(override)));
    }

    /** Stores {@code bytes} under {@code key} in one PUT, replacing any object there. */
    public void put(String key, byte[] bytes, String contentType) {
        call("store " + key + " in " + where, () -> s3.putObject(
                b -> b.bucket(bucket).key(key).contentType(contentType).contentLength((long) bytes.length)
                        .overrideConfiguration(override),
                RequestBody.fromBytes(bytes)));
    }

    /**
     * Stores the file under {@code key} in one PUT, read from disk as it is sent: for objects too large
     * to hold in memory comfortably (videos).
     */
    public void put(String key, Path file, String contentType) {
        long length = size(file);
        call("store " + key + " in " + where, () -> s3.putObject(
                b -> b.bucket(bucket).key(key).contentType(contentType).contentLength(length)
                        .overrideConfiguration(override),
                RequestBody.fromFile(file)));
    }

    /**
     * Writes the object under {@code key} to {@code file} (replacing it), streamed to disk; false when
     * there is no such object (the file is then left untouched).
     */
    public boolean download(String key, Path file) {
        return call("read " + key + " from " + where, () -> {
            Path partial = file.resolveSibling(file.getFileName() + ".part");
            try {
                Files.deleteIfExists(partial);
                s3.getObject(b -> b.bucket(bucket).key(key).overrideConfiguration(override),
                        ResponseTransformer.toFile(partial));
                Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                return true;
            } catch (NoSuchKeyException e) {
                return false;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                try {
                    Files.deleteIfExists(partial);
                } catch (IOException e) {
                    // a leftover partial file in a temporary folder: harmless
                }
            }
        });
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The object's bytes, or empty when there is no object under {@code key}. */
    public Optional<byte[]> get(String key) {
        return call("read " + key + " from " + where, () -> {
            try {
                ResponseBytes<GetObjectResponse> bytes = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)
                        .overrideConfiguration(override));
                return Optional.of(bytes.asByteArray());
            } catch (NoSuchKeyException e) {
                return Optional.<byte[]>empty();
            }
        });
    }

    /**
     * The object's size in bytes, or empty when there is no object under {@code key}: for answering
     * HTTP range requests (a video is read in pieces, not whole).
     */
    public OptionalLong size(String key) {
        return call("look up " + key + " in " + where, () -> {
            try {
                return OptionalLong.of(s3.headObject(b -> b.bucket(bucket).key(key).overrideConfiguration(override))
                        .contentLength());
            } catch (NoSuchKeyException e) {
                return OptionalLong.empty();
            } catch (AwsServiceException e) {
                if (e.statusCode() == 404) {
                    return OptionalLong.empty();
                }
                throw e;
            }
        });
    }

    /**
     * Bytes {@code first} to {@code last} (inclusive, {@code 0 <= first <= last}) of the object as a
     * stream the caller closes, or empty when there is no object under {@code key}. Streamed, not
     * buffered: a video of tens of megabytes is passed on in pieces. A range past the object's end
     * is cut at the end (S3's rule); {@link #size} first to answer "not satisfiable" yourself.
     */
    public Optional<InputStream> openRange(String key, long first, long last) {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("range must satisfy 0 <= first <= last (was " + first + "-" + last + ")");
        }
        return call("read " + key + " (bytes " + first + "-" + last + ") from " + where, () -> {
            try {
                return Optional.<InputStream>of(s3.getObject(b -> b.bucket(bucket).key(key)
                        .range("bytes=" + first + "-" + last).overrideConfiguration(override)));
            } catch (NoSuchKeyException e) {
                return Optional.<InputStream>empty();
            }
        });
    }

    public boolean exists(String key) {
        return call("look up " + key + " in " + where, () -> {
            try {
                s3.headObject(b -> b.bucket(bucket).key(key).overrideConfiguration(override));
                return true;
            } catch (NoSuchKeyException e) {
                return false;
            } catch (AwsServiceException e) {
                // HEAD answers have no body: a missing key is a bare 404.
                if (e.statusCode() == 404) {
                    return false;
                }
                throw e;
            }
        });
    }

    /** Every key that starts with {@code prefix}, in the store's (lexicographic) order; all pages. */
    public List<String> list(String prefix) {
        return call("list " + prefix + " in " + where, () -> {
            List<String> keys = new ArrayList<>();
            ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix)
                    .overrideConfiguration(override).build();
            for (var page : s3.listObjectsV2Paginator(request)) {
                for (S3Object o : page.contents()) {
                    keys.add(o.key());
                }
            }
            return keys;
        });
    }

    /** Removes the object; removing a missing object is not an error. */
    public void delete(String key) {
        call("delete " + key + " from " + where, () -> s3.deleteObject(b -> b.bucket(bucket).key(key)
                .overrideConfiguration(override)));
    }

    /** Removes every object whose key starts with {@code prefix}; answers how many. */
    public int deletePrefix(String prefix) {
        List<String> keys = list(prefix);
        keys.forEach(this::delete);
        return keys.size();
    }

    private <T> T call(String what, Supplier<T> action) {
        try {
            return action.get();
        } catch (SdkClientException e) {
            // No answer from the server: refused, reset, timed out.
            throw new ObjectStoreUnavailableException("object store unavailable: cannot " + what + ": "
                    + rootMessage(e), e);
        } catch (AwsServiceException e) {
            int status = e.statusCode();
            String detail = e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
                    ? e.awsErrorDetails().errorMessage() : e.getMessage();
            if (status >= 500 || status == 429 || e.isThrottlingException()) {
                throw new ObjectStoreUnavailableException("object store unavailable: cannot " + what
                        + ": HTTP " + status + " " + detail, e);
            }
            throw new ObjectStoreException("object store: cannot " + what + ": HTTP " + status + " " + detail, e);
        } catch (SdkException e) {
            throw new ObjectStoreException("object store: cannot " + what + ": " + rootMessage(e), e);
        } catch (UncheckedIOException e) {
            throw new ObjectStoreUnavailableException("object store unavailable: cannot " + what + ": "
                    + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String own = e.getMessage();
        if (t == e || t.getMessage() == null) {
            return own;
        }
        return t instanceof IOException || own == null ? t.getClass().getSimpleName() + ": " + t.getMessage() : own;
    }

    @Override
    public void close() {
        if (ownsClient) {
            s3.close();
        }
    }
}
