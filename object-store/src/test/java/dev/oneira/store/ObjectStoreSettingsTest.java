package dev.oneira.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ObjectStoreSettingsTest {

    /** Values as a configuration holds them, converted the way MicroProfile Config would. */
    private static ObjectStoreSettings.Lookup of(Map<String, Object> values) {
        return new ObjectStoreSettings.Lookup() {
            @Override
            public <T> Optional<T> get(String key, Class<T> type) {
                return Optional.ofNullable(values.get(key)).map(type::cast);
            }
        };
    }

    @Test
    void anS3CompatibleServerIsAnEndpointWithKeysAndPathStyleByDefault() {
        ObjectStoreConfig c = ObjectStoreSettings.read(of(Map.of(
                "oneira.store.endpoint", "http://127.0.0.1:9000",
                "oneira.store.access-key", "a", "oneira.store.secret-key", "b")));
        assertThat(c.endpoint()).isEqualTo(URI.create("http://127.0.0.1:9000"));
        assertThat(c.pathStyle()).isTrue();
        assertThat(c.bucket()).isEqualTo("oneira");
        assertThat(c.region()).isEqualTo("us-east-1");
        assertThat(c.callTimeout()).isEqualTo(ObjectStoreConfig.DEFAULT_CALL_TIMEOUT);
    }

    @Test
    void noEndpointMeansAwsS3WithVirtualHostsAndTheDefaultCredentialChain() {
        ObjectStoreConfig c = ObjectStoreSettings.read(of(Map.of("oneira.store.endpoint", "  ",
                "oneira.store.region", "eu-west-1", "oneira.store.bucket", "dreams")));
        assertThat(c.endpoint()).isNull();
        assertThat(c.pathStyle()).isFalse();
        assertThat(c.accessKey()).isNull();
        assertThat(c.region()).isEqualTo("eu-west-1");
        assertThat(c.bucket()).isEqualTo("dreams");
    }

    @Test
    void explicitValuesWin() {
        ObjectStoreConfig c = ObjectStoreSettings.read(of(Map.of("oneira.store.endpoint", "http://minio:9000",
                "oneira.store.path-style", false, "oneira.store.access-key", "a", "oneira.store.secret-key", "b",
                "oneira.store.call-timeout", Duration.ofSeconds(5), "oneira.store.max-attempts", 1)));
        assertThat(c.pathStyle()).isFalse();
        assertThat(c.callTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.maxAttempts()).isEqualTo(1);
    }

    @Test
    void anUnusableEndpointNamesTheKey() {
        assertThatThrownBy(() -> ObjectStoreSettings.read(of(Map.of("oneira.store.endpoint", "not a url"))))
                .hasMessageContaining("oneira.store.endpoint");
    }
}
