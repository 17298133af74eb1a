package dev.progy.sync.registry;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The registry keys a computer pins")
class KeyPinsTest {

    private static final String SERVER = "https://progy.example.org";

    @TempDir
    Path config;

    /** A server's signing key made here, as the server would list it. */
    private record ServerKey(KeyPair pair, RegistryKey listed) {
        static ServerKey fresh(String id) {
            KeyPair pair = newPair();
            return new ServerKey(pair, new RegistryKey(id, encoded(pair), Optional.empty(), Optional.empty()));
        }

        /** A new key endorsed by this one, as a server rotating its key lists it. */
        ServerKey endorse(String id) {
            KeyPair next = newPair();
            String key = encoded(next);
            return new ServerKey(next, new RegistryKey(id, key, Optional.of(listed.id()),
                    Optional.of(sign(RegistryKey.endorsementStatement(id, key)))));
        }

        String sign(String statement) {
            try {
                Signature s = Signature.getInstance("Ed25519");
                s.initSign(pair.getPrivate());
                s.update(statement.getBytes(StandardCharsets.UTF_8));
                return Base64.getEncoder().encodeToString(s.sign());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        private static KeyPair newPair() {
            try {
                return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        private static String encoded(KeyPair pair) {
            return Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
        }
    }

    @Test
    @DisplayName("the first keys a server shows are pinned, in a file only its owner can read, and not fetched again")
    void trustOnFirstUse() throws Exception {
        ServerKey first = ServerKey.fresh("k1");
        KeyPins pins = new KeyPins(config);
        AtomicInteger fetched = new AtomicInteger();

        assertThat(pins.key(SERVER, "k1", () -> {
            fetched.incrementAndGet();
            return List.of(first.listed());
        })).map(RegistryKey::publicKey).contains(first.listed().publicKey());
        assertThat(pins.key(SERVER, "k1", () -> {
            fetched.incrementAndGet();
            return List.of();
        })).isPresent();

        assertThat(fetched).hasValue(1);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pins.file()))).isEqualTo("rw-------");
    }

    @Test
    @DisplayName("a signature made with the pinned key verifies, and one over another checksum or by another key does not")
    void verifiesSignatures() {
        ServerKey key = ServerKey.fresh("k1");
        String statement = RegistryKey.versionStatement("@school/algebra", "1.0.0", "ab".repeat(32));
        String signature = key.sign(statement);

        assertThat(key.listed().verifies(statement, signature)).isTrue();
        assertThat(key.listed().verifies(RegistryKey.versionStatement("@school/algebra", "1.0.0", "cd".repeat(32)),
                signature)).isFalse();
        assertThat(ServerKey.fresh("k1").listed().verifies(statement, signature)).isFalse();
        assertThat(key.listed().verifies(statement, "not base64!")).isFalse();
    }

    @Test
    @DisplayName("a rotated key is trusted through a chain of endorsements from the pinned key")
    void rotationWithEndorsement() {
        ServerKey first = ServerKey.fresh("k1");
        ServerKey second = first.endorse("k2");
        ServerKey third = second.endorse("k3");
        KeyPins pins = new KeyPins(config);
        pins.trust(SERVER, List.of(first.listed()));

        Optional<RegistryKey> found = pins.key(SERVER, "k3", () -> List.of(third.listed(), first.listed(), second.listed()));

        assertThat(found).map(RegistryKey::publicKey).contains(third.listed().publicKey());
        assertThat(pins.pinned(SERVER)).containsOnlyKeys("k1", "k2", "k3");
    }

    @Test
    @DisplayName("a new key without an endorsement, or endorsed by a key that is not pinned, is not trusted")
    void rotationWithoutEndorsement() {
        ServerKey first = ServerKey.fresh("k1");
        KeyPins pins = new KeyPins(config);
        pins.trust(SERVER, List.of(first.listed()));
        ServerKey stranger = ServerKey.fresh("k9");
        ServerKey strangersChild = stranger.endorse("k10");
        // claims the pinned key endorsed it, but the signature is the impostor's own
        ServerKey forged = stranger.endorse("k11");
        RegistryKey forgedClaim = new RegistryKey("k11", forged.listed().publicKey(), Optional.of("k1"),
                forged.listed().endorsement());

        assertThat(pins.key(SERVER, "k9", () -> List.of(stranger.listed()))).isEmpty();
        assertThat(pins.key(SERVER, "k10", () -> List.of(strangersChild.listed()))).isEmpty();
        assertThat(pins.key(SERVER, "k11", () -> List.of(forgedClaim))).isEmpty();
        assertThat(pins.pinned(SERVER)).containsOnlyKeys("k1");
    }

    @Test
    @DisplayName("a server showing another key under a pinned id changes nothing: the pinned key is what verifies")
    void pinnedKeyWins() {
        ServerKey real = ServerKey.fresh("k1");
        ServerKey impostor = ServerKey.fresh("k1");
        KeyPins pins = new KeyPins(config);
        pins.trust(SERVER, List.of(real.listed()));

        pins.trust(SERVER, List.of(impostor.listed()));
        RegistryKey used = pins.key(SERVER, "k1", () -> List.of(impostor.listed())).orElseThrow();

        String statement = RegistryKey.versionStatement("@s/x", "1.0.0", "00".repeat(32));
        assertThat(used.verifies(statement, impostor.sign(statement))).isFalse();
        assertThat(used.verifies(statement, real.sign(statement))).isTrue();
    }

    @Test
    @DisplayName("each server has its own pins, whatever the case or trailing slash of its address")
    void perServer() {
        KeyPins pins = new KeyPins(config);
        pins.trust(SERVER, List.of(ServerKey.fresh("k1").listed()));

        assertThat(pins.pinned("HTTPS://Progy.Example.org/")).containsOnlyKeys("k1");
        assertThat(pins.pinned("https://other.example.org")).isEmpty();
    }
}
