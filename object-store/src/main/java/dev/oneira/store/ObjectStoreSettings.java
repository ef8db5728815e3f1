package dev.oneira.store;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The configuration keys of the object store, owned here so that every service reads the same
 * keys with the same defaults: {@code oneira.store.endpoint}, {@code .region}, {@code .bucket},
 * {@code .path-style}, {@code .access-key}, {@code .secret-key}, {@code .connect-timeout},
 * {@code .call-timeout}, {@code .max-attempts}. A service passes its configuration's typed lookup,
 * e.g. MicroProfile Config's {@code config::getOptionalValue}.
 */
public final class ObjectStoreSettings {
    public static final String PREFIX = "oneira.store.";
    public static final String ENDPOINT = PREFIX + "endpoint";
    public static final String REGION = PREFIX + "region";
    public static final String BUCKET = PREFIX + "bucket";
    public static final String PATH_STYLE = PREFIX + "path-style";
    public static final String ACCESS_KEY = PREFIX + "access-key";
    public static final String SECRET_KEY = PREFIX + "secret-key";
    public static final String CONNECT_TIMEOUT = PREFIX + "connect-timeout";
    public static final String CALL_TIMEOUT = PREFIX + "call-timeout";
    public static final String MAX_ATTEMPTS = PREFIX + "max-attempts";

    public static final String DEFAULT_BUCKET = "oneira";

    /** A typed configuration lookup; blank values count as absent. */
    public interface Lookup {
        <T> Optional<T> get(String key, Class<T> type);
    }

    private ObjectStoreSettings() {
    }

    /**
     * The store's configuration from these keys. No endpoint means AWS S3 (path-style then
     * defaults to false); no keys mean the AWS default credential chain.
     *
     * @throws IllegalArgumentException naming the key when a value is unusable
     */
    public static ObjectStoreConfig read(Lookup lookup) {
        Optional<String> endpoint = text(lookup, ENDPOINT);
        return new ObjectStoreConfig(
                endpoint.map(ObjectStoreSettings::uri).orElse(null),
                text(lookup, REGION).orElse(ObjectStoreConfig.DEFAULT_REGION),
                text(lookup, BUCKET).orElse(DEFAULT_BUCKET),
                lookup.get(PATH_STYLE, Boolean.class).orElse(endpoint.isPresent()),
                text(lookup, ACCESS_KEY).orElse(null),
                text(lookup, SECRET_KEY).orElse(null),
                lookup.get(CONNECT_TIMEOUT, Duration.class).orElse(ObjectStoreConfig.DEFAULT_CONNECT_TIMEOUT),
                lookup.get(CALL_TIMEOUT, Duration.class).orElse(ObjectStoreConfig.DEFAULT_CALL_TIMEOUT),
                lookup.get(MAX_ATTEMPTS, Integer.class).orElse(ObjectStoreConfig.DEFAULT_MAX_ATTEMPTS));
    }

    private static Optional<String> text(Lookup lookup, String key) {
        return lookup.get(key, String.class).map(String::trim).filter(s -> !s.isEmpty());
    }

    private static URI uri(String endpoint) {
        try {
            return URI.create(endpoint);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ENDPOINT + " must be a URL such as http://127.0.0.1:9000 (was "
                    + endpoint + ")");
        }
    }
}
