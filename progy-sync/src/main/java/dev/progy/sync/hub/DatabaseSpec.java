package dev.progy.sync.hub;

import dev.progy.error.ProgyException;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Where the hub's database is, as a person writes it: {@code sqlite:/path/server.db} (or a bare path, or
 * {@code jdbc:sqlite:…}), {@code postgresql://user:password@host:port/db} (or {@code postgres://…}, or
 * {@code jdbc:postgresql:…}); and what JDBC needs to connect to it. A server hands this to its connection pool.
 *
 * @param postgres   PostgreSQL, not SQLite
 * @param jdbcUrl    the JDBC URL, without credentials
 * @param properties the connection properties: credentials on PostgreSQL, pragmas on SQLite
 * @param shown      the database as it may be shown to its operator: never a password
 * @param file       the SQLite file; empty on PostgreSQL
 */
public record DatabaseSpec(boolean postgres, String jdbcUrl, Properties properties, String shown, Optional<Path> file) {

    /** Owner read and write only: the file holds token hashes. */
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    /** Reads {@code spec}; refuses anything else than the forms above. */
    public static DatabaseSpec parse(String spec) {
        String s = spec.trim();
        if (s.startsWith("postgresql://") || s.startsWith("postgres://") || s.startsWith("jdbc:postgresql:")) {
            return postgres(s);
        }
        String path = s.startsWith("jdbc:sqlite:") ? s.substring("jdbc:sqlite:".length())
                : s.startsWith("sqlite:") ? s.substring("sqlite:".length()) : s;
        if (path.isBlank() || s.contains("://")) {
            throw new ProgyException("The database " + spec + " is not one the server knows.",
                    "Use sqlite:/path/to/server.db or postgresql://user:password@host:5432/database.");
        }
        Path file = Path.of(path).toAbsolutePath();
        Properties props = new Properties();
        props.setProperty("journal_mode", "WAL");
        props.setProperty("synchronous", "NORMAL");
        props.setProperty("busy_timeout", "10000");
        props.setProperty("foreign_keys", "true");
        // up to 64 MiB of pages cached (2 MiB by default): a roll-up's batch then rewrites each page it touches once
        props.setProperty("cache_size", "-65536");
        return new DatabaseSpec(false, "jdbc:sqlite:" + file, props, "sqlite:" + file, Optional.of(file));
    }

    /**
     * For SQLite: makes the file's folder, and the file readable and writable by its owner only (it holds token
     * hashes), before SQLite opens it; an existing file, and its WAL and shared-memory files, are narrowed to that
     * too. SQLite gives the files it makes beside the database the database file's permissions.
     */
    public void prepareFile() {
        if (file.isEmpty()) {
            return;
        }
        Path f = file.get();
        try {
            Files.createDirectories(f.getParent());
            try {
                Files.createFile(f, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } catch (FileAlreadyExistsException e) {
                for (String suffix : new String[] {"", "-wal", "-shm"}) {
                    Path p = Path.of(f + suffix);
                    if (Files.exists(p)) {
                        Files.setPosixFilePermissions(p, OWNER_ONLY);
                    }
                }
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: its own access rules apply
                if (!Files.exists(f)) {
                    Files.createFile(f);
                }
            }
        } catch (IOException e) {
            throw new ProgyException("Could not create the database file " + f + ".",
                    "Check that its folder exists or can be made, and is writable by the server's user.", e);
        }
    }

    private static DatabaseSpec postgres(String spec) {
        Properties props = new Properties();
        if (spec.startsWith("jdbc:")) {
            return new DatabaseSpec(true, spec, props, spec.replaceAll("password=[^&]*", "password=***"),
                    Optional.empty());
        }
        URI uri = URI.create(spec);
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            props.setProperty("user", decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
            if (colon >= 0) {
                props.setProperty("password", decode(userInfo.substring(colon + 1)));
            }
        }
        String host = uri.getHost() == null ? "localhost" : uri.getHost();
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        String url = "jdbc:postgresql://" + host + port + uri.getRawPath() + query;
        return new DatabaseSpec(true, url, props, "postgresql://"
                + (props.containsKey("user") ? props.getProperty("user") + "@" : "") + host + port + uri.getRawPath(),
                Optional.empty());
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
