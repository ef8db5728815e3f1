package dev.oneira.gallery.social;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Pattern;

import jakarta.ws.rs.core.NewCookie;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;

/**
 * A browser's long-lived random client id (cookie {@value #COOKIE}): who liked what, so each browser
 * likes a dream once. Not an account and not the owner token: it proves nothing but "the same browser
 * as before", so it is HttpOnly (scripts never see it), SameSite=Lax, Secure on https, and the database
 * keeps only its hash. Hand-written beside {@code OwnerTokens} on purpose: a different secret with a
 * different meaning, which must never be mistaken for the power to delete.
 */
public final class ClientIds {

    public static final String COOKIE = "oneira-client";
    /** As long as browsers keep a cookie (Chrome caps at 400 days). */
    private static final Duration MAX_AGE = Duration.ofDays(400);

    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private ClientIds() {
    }

    /** 256 random bits, URL-safe base64 without padding. */
    public static String newId() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether {@code value} is an id we hand out (a cookie someone wrote by hand is replaced). */
    public static boolean isValid(String value) {
        return value != null && FORMAT.matcher(value).matches();
    }

    /** What the database keeps of a client id. */
    public static String hash(String id) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.US_ASCII));
            return "sha256:" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The cookie that keeps {@code id} in the browser (for JAX-RS answers: the page form). */
    public static NewCookie cookie(String id, boolean https) {
        return new NewCookie.Builder(COOKIE).value(id).path("/").httpOnly(true).secure(https)
                .sameSite(NewCookie.SameSite.LAX).maxAge((int) MAX_AGE.toSeconds()).build();
    }

    /** The same cookie for Vert.x answers (the API routes). */
    public static Cookie vertxCookie(String id, boolean https) {
        return Cookie.cookie(COOKIE, id).setPath("/").setHttpOnly(true).setSecure(https)
                .setSameSite(CookieSameSite.LAX).setMaxAge(MAX_AGE.toSeconds());
    }
}
