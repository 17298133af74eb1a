package dev.progy.sync.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.progy.spi.support.scratch.AtomicFiles;
import dev.progy.error.ProgyException;
import dev.progy.spi.support.json.JsonTrees;
import dev.progy.sync.credentials.ServerTokens;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The registry signing keys this computer trusts, per server, in {@value #FILE_NAME} beside {@code credentials.json}
 * in the user's config folder (mode 0600). The first keys a server shows are pinned (at {@code progy login} or the
 * first download); later, a key the server rotated to is trusted only when a chain of endorsements leads to it from a
 * pinned key. A server that shows a different key under a pinned id changes nothing: the pinned key is what counts.
 */
final class KeyPins {

    static final String FILE_NAME = "registry-keys.json";

    private final Path file;

    KeyPins(Path configDir) {
        this.file = configDir.resolve(FILE_NAME);
    }

    Path file() {
        return file;
    }

    /** The keys pinned for {@code server}, by id. */
    Map<String, RegistryKey> pinned(String server) {
        Map<String, RegistryKey> keys = new LinkedHashMap<>();
        for (JsonNode k : read().path("servers").path(ServerTokens.key(server)).path("keys")) {
            keys.put(k.path("id").asText(), new RegistryKey(k.path("id").asText(), k.path("public_key").asText(),
                    Optional.empty(), Optional.empty()));
        }
        return keys;
    }

    /**
     * The pinned key {@code id} of {@code server}; when it is not pinned, the server's current keys are fetched and
     * the ones endorsed by a chain from a pinned key are pinned (all of them when nothing was pinned yet: trust on
     * first use). Empty when {@code id} is still not trusted.
     */
    Optional<RegistryKey> key(String server, String id, Supplier<List<RegistryKey>> fetch) {
        Map<String, RegistryKey> trusted = pinned(server);
        if (trusted.containsKey(id)) {
            return Optional.of(trusted.get(id));
        }
        trust(server, fetch.get());
        return Optional.ofNullable(pinned(server).get(id));
    }

    /**
     * Pins what {@code offered} adds to the trust of {@code server}: everything (well formed) when nothing is pinned
     * yet, else only the keys a chain of endorsements from a pinned key leads to. Returns the keys newly pinned.
     */
    List<RegistryKey> trust(String server, List<RegistryKey> offered) {
        Map<String, RegistryKey> trusted = pinned(server);
        List<RegistryKey> added = new ArrayList<>();
        if (trusted.isEmpty()) {
            offered.stream().filter(RegistryKey::wellFormed).forEach(added::add);
        } else {
            boolean grew = true;
            while (grew) {
                grew = false;
                for (RegistryKey k : offered) {
                    if (trusted.containsKey(k.id()) || !k.wellFormed()) {
                        continue;
                    }
                    Optional<RegistryKey> previous = k.endorsedBy().map(trusted::get);
                    if (previous.isPresent() && k.endorsedBy(previous.get())) {
                        trusted.put(k.id(), k);
                        added.add(k);
                        grew = true;
                    }
                }
            }
        }
        if (!added.isEmpty()) {
            save(server, added);
        }
        return added;
    }

    private void save(String server, List<RegistryKey> added) {
        ObjectNode root = read();
        ObjectNode servers = root.path("servers").isObject() ? (ObjectNode) root.get("servers") : root.putObject("servers");
        String key = ServerTokens.key(server);
        ObjectNode entry = servers.path(key).isObject() ? (ObjectNode) servers.get(key) : servers.putObject(key);
        ArrayNode keys = entry.path("keys").isArray() ? (ArrayNode) entry.get("keys") : entry.putArray("keys");
        for (RegistryKey k : added) {
            keys.addObject().put("id", k.id()).put("algorithm", "Ed25519").put("public_key", k.publicKey());
        }
        write(root);
    }

    private ObjectNode read() {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            ObjectNode fresh = JsonTrees.object();
            fresh.put("formatVersion", 1);
            return fresh;
        } catch (IOException e) {
            throw new ProgyException("Cannot read the registry keys this computer trusts, in " + file + ".",
                    "Check that it is a file readable by you (ls -l " + file + ").", e);
        }
        JsonNode n;
        try {
            n = JsonTrees.parse(text);
        } catch (RuntimeException e) {
            n = null;
        }
        if (n == null || !n.isObject()) {
            throw new ProgyException("The registry keys this computer trusts, in " + file + ", are damaged.",
                    "Delete the file (rm " + file + "): the next download pins the server's keys again.");
        }
        return (ObjectNode) n;
    }

    private void write(ObjectNode root) {
        Path dir = file.toAbsolutePath().getParent();
        try {
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            AtomicFiles.write(file, JsonTrees.print(root), AtomicFiles.Durability.CONSISTENT); // owner-only, as AtomicFiles makes files
        } catch (IOException e) {
            throw new ProgyException("Could not save the registry's keys in " + file + ".",
                    "Make " + dir + " writable by you, or set XDG_CONFIG_HOME to a folder that is.", e);
        }
    }
}
