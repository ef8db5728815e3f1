package dev.oneira.shared.manifest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secret that lets whoever uploaded a dream delete or hide it. Only its hash is stored, so a
 * leaked manifest does not leak the power to delete; the "sha256:" prefix leaves room to change
 * the algorithm.
 */
public final class OwnerTokens {

    private static final String PREFIX = "sha256:";
    private static final SecureRandom RANDOM = new SecureRandom();

    private OwnerTokens() {
    }

    /** 256 random bits, URL-safe base64 without padding (43 characters). */
    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String hash(String token) {
        if (token == null || token.isEmpty()) {
            throw new IllegalArgumentException("owner token is missing");
        }
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(token));
    }

    /** Constant-time, so response timing does not reveal how much of a guess was right. */
    public static boolean matches(String token, String storedHash) {
        if (token == null || token.isEmpty() || storedHash == null) {
            return false;
        }
        return MessageDigest.isEqual(hash(token).getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
