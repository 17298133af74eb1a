package dev.progy.server.registry;

import dev.progy.sync.hub.HubRegistry;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The registry's Ed25519 signing keys, kept in the database ({@code hub_registry_key}) so every instance signs with
 * the same one: made on first start, rotated by an administrator ({@code progy-server rotate-registry-key}). Each
 * new key is endorsed by the key before it, which signs {@code progy-registry-key-v1\n<id>\n<public key>\n}: a
 * client that pinned an old key follows the chain to the new one. Versions signed before a rotation keep their
 * signature and the id of the key that made it; old keys stay listed.
 *
 * <p>A key's id is the first 16 hex digits of the SHA-256 of its raw 32-byte public key. The private keys are
 * stored as PKCS#8 in base64: whoever can read the database can sign, so the database is kept as a secret.
 */
public final class RegistryKeys {

    private static final String ALGORITHM = "Ed25519";

    private final HubRegistry store;
    private final Clock clock;

    public RegistryKeys(HubRegistry store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Makes the first key when there is none (on first start). */
    public void ensure() {
        while (current().isEmpty()) {
            store.addKey(make(Optional.empty()), Optional.empty());
        }
    }

    /** Makes a new current key endorsed by the current one; returns its id. */
    public String rotate() {
        ensure();
        while (true) {
            HubRegistry.Key old = current().orElseThrow();
            HubRegistry.Key next = make(Optional.of(old));
            if (store.addKey(next, Optional.of(old.id()))) {
                return next.id();
            }
        }
    }

    /** Every key, oldest first. */
    public List<HubRegistry.Key> all() {
        return store.keys();
    }

    public Optional<HubRegistry.Key> current() {
        return store.keys().stream().filter(HubRegistry.Key::current).findFirst();
    }

    /** The text a version's signature is over. */
    public static String statement(String name, String version, String sha256) {
        return "progy-registry-v1\n" + name + "\n" + version + "\n" + sha256 + "\n";
    }

    /** The text a key's endorsement is over. */
    public static String endorsementOf(String keyId, String publicKey) {
        return "progy-registry-key-v1\n" + keyId + "\n" + publicKey + "\n";
    }

    /** A signature by the current key: its id and the base64 signature of {@code text}. */
    public Signed sign(String text) {
        ensure();
        HubRegistry.Key key = current().orElseThrow();
        return new Signed(key.id(), sign(key, text));
    }

    /** A signature and the id of the key that made it. */
    public record Signed(String keyId, String signature) { }

    /** Whether {@code signature} (base64) is {@code publicKey}'s (base64 X.509) over {@code text}. */
    public static boolean verify(String publicKey, String text, String signature) {
        try {
            PublicKey key = KeyFactory.getInstance(ALGORITHM).generatePublic(
                    new X509EncodedKeySpec(Base64.getDecoder().decode(publicKey)));
            Signature s = Signature.getInstance(ALGORITHM);
            s.initVerify(key);
            s.update(text.getBytes(StandardCharsets.UTF_8));
            return s.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private HubRegistry.Key make(Optional<HubRegistry.Key> endorser) {
        try {
            KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
            byte[] x509 = pair.getPublic().getEncoded();
            String publicKey = Base64.getEncoder().encodeToString(x509);
            String id = idOf(x509);
            String privateKey = Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded());
            Optional<String> endorsement = endorser.map(e -> sign(e, endorsementOf(id, publicKey)));
            return new HubRegistry.Key(id, publicKey, privateKey, clock.millis(), endorser.map(HubRegistry.Key::id),
                    endorsement, true);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java 17 runtime has Ed25519", e);
        }
    }

    /** The id of a public key: SHA-256 of its raw 32 bytes (the end of its X.509 encoding), first 16 hex digits. */
    static String idOf(byte[] x509) {
        byte[] raw = java.util.Arrays.copyOfRange(x509, x509.length - 32, x509.length);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw)).substring(0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String sign(HubRegistry.Key key, String text) {
        try {
            PrivateKey k = KeyFactory.getInstance(ALGORITHM).generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(key.privateKey())));
            Signature s = Signature.getInstance(ALGORITHM);
            s.initSign(k);
            s.update(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the registry key " + key.id() + " cannot sign", e);
        }
    }
}
