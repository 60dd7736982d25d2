package dev.chatactions.core.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** Random unguessable tokens (session ids, CSRF tokens, sign-in links, OAuth state), their comparison and digests. */
public final class SecretTokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private SecretTokens() {}

    /** 256 random bits, base64url (43 characters). */
    public static String random256() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return BASE64URL.encodeToString(bytes);
    }

    /** Compares without leaking through timing how much of {@code presented} was right; false for null. */
    public static boolean same(String presented, String expected) {
        if (presented == null || expected == null) {
            return false;
        }
        return MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    /** SHA-256 of {@code text} (UTF-8), 32 bytes: what a store keeps instead of a token. */
    public static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** A token derived from {@code secret} for {@code purpose}: as unguessable as the secret, and not its digest. */
    static String derived(String purpose, String secret) {
        return BASE64URL.encodeToString(sha256(purpose + '\0' + secret));
    }
}
