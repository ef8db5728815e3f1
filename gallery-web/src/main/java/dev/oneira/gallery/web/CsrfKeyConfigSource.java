package dev.oneira.gallery.web;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The key that signs the forms' CSRF tokens ({@code quarkus.rest-csrf.token-signature-key}), so a
 * token is only good if this gallery made it: a cookie and form field that someone made up are
 * refused. From env {@code GALLERY_CSRF_KEY} (at least 32 characters; set the same value on every
 * replica behind one address), else a random key per process: forms then keep working as long as
 * the process lives. Ordinal 150: below application.properties and the environment's own
 * {@code QUARKUS_REST_CSRF_TOKEN_SIGNATURE_KEY}.
 */
public final class CsrfKeyConfigSource implements ConfigSource {

    public static final String KEY = "quarkus.rest-csrf.token-signature-key";
    private static final String VALUE = chooseKey();

    private static String chooseKey() {
        String configured = System.getenv("GALLERY_CSRF_KEY");
        if (configured != null && !configured.isBlank()) {
            if (configured.length() < 32) {
                throw new IllegalStateException("GALLERY_CSRF_KEY must be at least 32 characters long");
            }
            return configured;
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of(KEY, VALUE);
    }

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(KEY);
    }

    @Override
    public String getValue(String propertyName) {
        return KEY.equals(propertyName) ? VALUE : null;
    }

    @Override
    public String getName() {
        return "oneira-csrf-key";
    }

    @Override
    public int getOrdinal() {
        return 150;
    }
}
