package dev.progy.sync.registry;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * One of a registry server's Ed25519 signing keys, as {@code GET /api/v1/registry/keys} lists it: its id, the key
 * (base64 X.509 SubjectPublicKeyInfo), and, for a key that replaced another, the previous key's signature over it.
 */
record RegistryKey(String id, String publicKey, Optional<String> endorsedBy, Optional<String> endorsement) {

    /** What a server signs per version: the checksum of that version's archive, bound to its name and version. */
    static String versionStatement(String name, String version, String sha256) {
        return "progy-registry-v1\n" + name + "\n" + version + "\n" + sha256 + "\n";
    }

    /** What a previous key signs to endorse its successor. */
    static String endorsementStatement(String id, String publicKey) {
        return "progy-registry-key-v1\n" + id + "\n" + publicKey + "\n";
    }

    /** The keys of a {@code /api/v1/registry/keys} answer; keys that are not Ed25519 are left out. */
    static List<RegistryKey> fromJson(JsonNode answer) {
        List<RegistryKey> keys = new ArrayList<>();
        for (JsonNode k : answer.path("keys")) {
            String id = k.path("id").asText("");
            String key = k.path("public_key").asText("");
            if (id.isEmpty() || key.isEmpty() || !"Ed25519".equalsIgnoreCase(k.path("algorithm").asText("Ed25519"))) {
                continue;
            }
            keys.add(new RegistryKey(id, key, text(k.path("endorsed_by")), text(k.path("endorsement"))));
        }
        return keys;
    }

    private static Optional<String> text(JsonNode n) {
        return n.isTextual() && !n.asText().isBlank() ? Optional.of(n.asText()) : Optional.empty();
    }

    /** Whether {@code signatureBase64} is this key's signature of {@code statement}; false for anything malformed. */
    boolean verifies(String statement, String signatureBase64) {
        try {
            PublicKey key = KeyFactory.getInstance("Ed25519")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKey)));
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            s.update(statement.getBytes(StandardCharsets.UTF_8));
            return s.verify(Base64.getDecoder().decode(signatureBase64));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether {@link #publicKey} is an Ed25519 key at all. */
    boolean wellFormed() {
        try {
            KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKey)));
            return true;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether this key is endorsed by {@code previous}: named by it, and signed by it. */
    boolean endorsedBy(RegistryKey previous) {
        return endorsedBy.filter(previous.id::equals).isPresent()
                && endorsement.filter(sig -> previous.verifies(endorsementStatement(id, publicKey), sig)).isPresent();
    }
}
