package dev.progy.server.tutor;

import dev.progy.error.ProgyException;
import dev.progy.sync.hub.HubTutor.Sealed;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * Envelope encryption of the AI keys accounts bring: each record gets a random AES-256 data key that encrypts the
 * secret (AES-GCM, 12-byte random nonce, the account id as associated data, so a sealed key copied to another
 * account's row does not open there); the data key is itself encrypted by the current master key (AES-GCM, the
 * master key's id and the account id as associated data). Re-wrapping replaces only the wrapped data key.
 */
public final class KeyVault {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;

    private final MasterKeys masters;

    public KeyVault(MasterKeys masters) {
        this.masters = masters;
    }

    public MasterKeys masters() {
        return masters;
    }

    /** {@code secret} sealed for {@code account} under a new data key wrapped by the current master key. */
    public Sealed seal(long account, String secret) {
        byte[] dataKey = new byte[32];
        RANDOM.nextBytes(dataKey);
        try {
            byte[] ciphertext = encrypt(dataKey, secret.getBytes(StandardCharsets.UTF_8), aad("secret", account, ""));
            String id = masters.currentId();
            byte[] wrapped = encrypt(masters.current(), dataKey, aad("data-key", account, id));
            return new Sealed(id, Base64.getEncoder().encodeToString(wrapped),
                    Base64.getEncoder().encodeToString(ciphertext));
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /**
     * The secret of {@code sealed}, which was sealed for {@code account}.
     *
     * @throws ProgyException when the master key it names is not in the key file, or the record was changed
     */
    public String open(long account, Sealed sealed) {
        byte[] dataKey = dataKey(account, sealed);
        try {
            return new String(decrypt(dataKey, Base64.getDecoder().decode(sealed.ciphertext()),
                    aad("secret", account, "")), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw tampered();
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /** {@code sealed} with its data key wrapped by the current master key instead (the secret is not decrypted). */
    public Sealed rewrap(long account, Sealed sealed) {
        byte[] dataKey = dataKey(account, sealed);
        try {
            String id = masters.currentId();
            byte[] wrapped = encrypt(masters.current(), dataKey, aad("data-key", account, id));
            return new Sealed(id, Base64.getEncoder().encodeToString(wrapped), sealed.ciphertext());
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    private byte[] dataKey(long account, Sealed sealed) {
        byte[] master = masters.byId(sealed.keyId()).orElseThrow(() -> new ProgyException("The stored AI key was "
                + "sealed with master key " + sealed.keyId() + ", which is not in the key file "
                + masters.file() + ".", "Put the old key back as a later line of the key file (or give this "
                + "instance the same file as the others), or ask the account to set its key again."));
        try {
            return decrypt(master, Base64.getDecoder().decode(sealed.wrappedKey()),
                    aad("data-key", account, sealed.keyId()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw tampered();
        }
    }

    private static ProgyException tampered() {
        return new ProgyException("The stored AI key could not be decrypted: its record was changed in the database, "
                + "or copied from another account.", "Ask the account to set its key again with `progy ai key set`.");
    }

    private static byte[] aad(String what, long account, String keyId) {
        return (what + "|" + account + "|" + keyId).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] encrypt(byte[] key, byte[] plain, byte[] aad) {
        try {
            byte[] nonce = new byte[NONCE];
            RANDOM.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(aad);
            byte[] out = c.doFinal(plain);
            return ByteBuffer.allocate(NONCE + out.length).put(nonce).put(out).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has AES-GCM", e);
        }
    }

    private static byte[] decrypt(byte[] key, byte[] sealed, byte[] aad) throws GeneralSecurityException {
        if (sealed.length < NONCE + TAG_BITS / 8) {
            throw new GeneralSecurityException("too short");
        }
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE));
        c.updateAAD(aad);
        return c.doFinal(sealed, NONCE, sealed.length - NONCE);
    }
}
