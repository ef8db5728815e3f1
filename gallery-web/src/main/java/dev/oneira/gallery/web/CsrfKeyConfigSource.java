package dev.oneira.gallery.web;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * A random key for signing the forms' CSRF tokens, made once per process, as the property
 * {@code oneira.csrf.generated-key}: the default of {@code oneira.gallery.csrf-key} when env
 * {@code GALLERY_CSRF_KEY} is not set. It keeps forms working as long as the process lives;
 * replicas behind one address need the same GALLERY_CSRF_KEY.
 */
public final class CsrfKeyConfigSource implements ConfigSource {

    public static final String KEY = "oneira.csrf.generated-key";
    private static final String VALUE = randomKey();

    private static String randomKey() {
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
        return 100;
    }
}
