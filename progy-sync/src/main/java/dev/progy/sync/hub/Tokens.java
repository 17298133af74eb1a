package dev.progy.sync.hub;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Bearer tokens: {@value #PREFIX} and 32 random bytes (base64url), shown once when an account is made. The hub
 * keeps only their SHA-256. A fast hash is right here: a password needs a slow one (bcrypt, Argon2) because it is
 * guessable, but a token is 256 random bits, so a stolen hash cannot be brute-forced whatever the hash's speed, and
 * each request's check stays in microseconds.
 */
final class Tokens {

    static final String PREFIX = "progy_";

    private static final SecureRandom RANDOM = new SecureRandom();

    private Tokens() { }

    static String make() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The hex SHA-256 of {@code token}, as stored. */
    static String hash(String token) {
        return HexFormat.of().formatHex(sha256(token.getBytes(StandardCharsets.UTF_8)));
    }

    /** Compares two stored hashes in time independent of where they differ. */
    static boolean same(String hash, String stored) {
        return MessageDigest.isEqual(hash.getBytes(StandardCharsets.US_ASCII), stored.getBytes(StandardCharsets.US_ASCII));
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
