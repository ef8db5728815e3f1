package dev.oneira.gallery.web;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 of a form's CSRF token, kept in its own cookie: a token counts only if this gallery
 * made it and signed it, so a cookie and form field that someone made up (or planted from a sibling
 * domain) are refused. The signature is only ever given to a token the gallery has just generated.
 * Plain Java; thread-safe.
 */
public final class CsrfSignature {

    public static final String COOKIE = "oneira-csrf-sig";

    private final SecretKeySpec key;

    public CsrfSignature(String key) {
        if (key == null || key.length() < 32) {
            throw new IllegalArgumentException("oneira.gallery.csrf-key (env GALLERY_CSRF_KEY) must be at least 32"
                    + " characters long");
        }
        this.key = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public String sign(String token) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(token.getBytes(
                    StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** True when {@code signature} is this key's signature of {@code token} (constant time). */
    public boolean verify(String token, String signature) {
        if (token == null || signature == null) {
            return false;
        }
        return MessageDigest.isEqual(sign(token).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }
}
