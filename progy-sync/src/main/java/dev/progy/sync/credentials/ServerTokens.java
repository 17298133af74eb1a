package dev.progy.sync.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.progy.spi.support.scratch.AtomicFiles;
import dev.progy.error.ProgyException;
import dev.progy.spi.support.json.JsonTrees;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The tokens a person saved for Progy servers, one per server URL, in {@code credentials.json} in their config folder
 * ({@code $XDG_CONFIG_HOME/progy}, else {@code ~/.config/progy}): readable only by them (file mode 0600, folder
 * 0700), never inside a workspace (a workspace is shared, backed up, zipped and sent), and never printed.
 * {@code progy sync --token} saves one; {@code progy login} saves the token it gets the same way, with the account's
 * name, and {@code progy logout} removes it.
 *
 * <p>Writes replace the file atomically (a temp file made with mode 0600 from the start, then renamed), so a crash
 * leaves the old or the new file and no moment exists when another user could read a token.
 */
public final class ServerTokens {

    /** The file's name in the config folder. */
    public static final String FILE_NAME = "credentials.json";
    private static final int FORMAT_VERSION = 1;

    private final Path file;

    private ServerTokens(Path file) {
        this.file = file;
    }

    /** The tokens saved in {@code configDir} (normally {@link #userConfigDir}). */
    public static ServerTokens in(Path configDir) {
        return new ServerTokens(configDir.resolve(FILE_NAME));
    }

    /**
     * The person's Progy config folder: {@code $XDG_CONFIG_HOME/progy} when that is an absolute path (the XDG base
     * directory rule), else {@code $HOME/.config/progy}.
     *
     * @throws ProgyException when neither variable says where the person's home is
     */
    public static Path userConfigDir(Map<String, String> env) {
        String xdg = env.get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "progy");
        }
        String home = env.get("HOME");
        if (home == null || home.isBlank()) {
            home = env.get("USERPROFILE"); // Windows
        }
        if (home == null || home.isBlank()) {
            throw new ProgyException("Cannot tell where your config folder is: neither XDG_CONFIG_HOME nor HOME is set.",
                    "Set HOME (or XDG_CONFIG_HOME) to a folder of yours.");
        }
        return Path.of(home, ".config", "progy");
    }

    /**
     * The key a server's token is saved under: its URL with the scheme and host in lower case and no trailing
     * slash, so {@code https://Progy.example.org/} and {@code https://progy.example.org} are one server.
     */
    public static String key(String serverUrl) {
        String url = serverUrl.strip();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        try {
            URI uri = URI.create(url);
            if (uri.getScheme() != null && uri.getRawAuthority() != null) {
                return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getRawAuthority().toLowerCase(Locale.ROOT)
                        + (uri.getRawPath() == null ? "" : uri.getRawPath());
            }
        } catch (IllegalArgumentException e) {
            // not a URL: kept as typed, and the server's own check reports it
        }
        return url;
    }

    /** Where the tokens are kept. */
    public Path file() {
        return file;
    }

    /** The token saved for {@code server}, if any. */
    public Optional<String> token(String server) {
        JsonNode token = read().path("servers").path(key(server)).path("token");
        return token.isTextual() && !token.asText().isBlank() ? Optional.of(token.asText()) : Optional.empty();
    }

    /** Saves {@code token} for {@code server}, replacing the one saved before. */
    public void save(String server, String token, Instant at) {
        save(server, token, Optional.empty(), at);
    }

    /**
     * Saves {@code token} for {@code server}, replacing the one saved before, with the name of the account it signs in
     * as ({@code progy login} knows it; a token given to {@code progy sync --token} does not say).
     */
    public void save(String server, String token, Optional<String> account, Instant at) {
        ObjectNode root = read();
        ObjectNode servers = root.path("servers").isObject() ? (ObjectNode) root.get("servers") : root.putObject("servers");
        ObjectNode entry = servers.putObject(key(server));
        entry.put("token", token);
        account.ifPresent(a -> entry.put("account", a));
        entry.put("savedAt", at.toString());
        write(root);
    }

    /** The account the token saved for {@code server} signs in as, when it was saved by a login. */
    public Optional<String> account(String server) {
        JsonNode account = read().path("servers").path(key(server)).path("account");
        return account.isTextual() ? Optional.of(account.asText()) : Optional.empty();
    }

    /** The servers a token is saved for, as their keys ({@link #key}), in the order they were first saved. */
    public java.util.List<String> servers() {
        if (!Files.exists(file)) {
            return java.util.List.of(); // asked after every run (where telemetry goes): no JSON set up for nothing
        }
        java.util.List<String> all = new java.util.ArrayList<>();
        read().path("servers").fieldNames().forEachRemaining(all::add);
        return all;
    }

    /** Removes the token saved for {@code server}; whether there was one. */
    public boolean forget(String server) {
        ObjectNode root = read();
        if (!root.path("servers").isObject() || ((ObjectNode) root.get("servers")).remove(key(server)) == null) {
            return false;
        }
        write(root);
        return true;
    }

    private ObjectNode read() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            ObjectNode fresh = JsonTrees.object();
            fresh.put("formatVersion", FORMAT_VERSION);
            return fresh;
        } catch (IOException e) {
            throw new ProgyException("Cannot read your saved sync tokens in " + file + ".",
                    "Check that it is a file readable by you (ls -l " + file + ").", e);
        }
        JsonNode n;
        try {
            n = JsonTrees.parse(new String(bytes, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            n = null;
        }
        if (n == null || !n.isObject()) {
            throw new ProgyException("Your saved sync tokens in " + file + " are damaged: the file is not the JSON "
                    + "Progy writes.", "Delete it (rm " + file + ") and save your token again with "
                    + "`progy sync --server <url> --token <token>`.");
        }
        return (ObjectNode) n;
    }

    private void write(ObjectNode root) {
        byte[] content = JsonTrees.print(root).getBytes(StandardCharsets.UTF_8);
        Path dir = file.toAbsolutePath().getParent();
        try {
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            AtomicFiles.write(file, content, AtomicFiles.Durability.CONSISTENT); // owner-only, as AtomicFiles makes files
        } catch (IOException e) {
            throw new ProgyException("Could not save your sync token in " + file + ": its folder is not writable or the "
                    + "disk is full.", "Make " + dir + " writable by you, or set XDG_CONFIG_HOME to a folder that is.", e);
        }
    }
}
