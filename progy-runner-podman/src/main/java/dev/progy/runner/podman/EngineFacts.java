package dev.progy.runner.podman;

import dev.progy.spi.container.EngineLocation;
import dev.progy.spi.support.CacheFolders;
import dev.progy.spi.support.scratch.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;

/**
 * What a Podman service said of itself ({@link EngineCheck}: version, rootless, cgroups v1), kept in the user's cache
 * folder ({@code $XDG_CACHE_HOME/progy}, else {@code ~/.cache/progy}) per socket, so that a one-shot command does not
 * wait ≈ 200 ms for the service's {@code info} each time. The key is the socket's path, its file identity and time
 * (a service started anew makes a new socket) and what {@code _ping} answered (version and server): any change asks
 * again. A file that cannot be read or written is ignored: the service is then asked, as without it.
 */
final class EngineFacts {
    private static final String PREFIX = "podman-engine-";

    private EngineFacts() { }

    /** The key of the service behind {@code socket} now, or empty when the socket cannot be looked at. */
    static Optional<String> key(Path socket, LibpodClient.Ping ping) {
        try {
            BasicFileAttributes a = Files.readAttributes(socket, BasicFileAttributes.class);
            return Optional.of(socket.toAbsolutePath() + "|" + a.fileKey() + "|" + a.lastModifiedTime().toMillis()
                    + "|" + a.creationTime().toMillis() + "|" + ping.libpodApiVersion() + "|" + ping.server());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** What the service said when its key was {@code key}; empty when unknown or the key differs. */
    static Optional<EngineCheck> read(Path file, String key) {
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.size() != 5 || !lines.get(0).equals(key)
                    || !List.of("true", "false").containsAll(lines.subList(3, 5))) {
                return Optional.empty();
            }
            return Optional.of(new EngineCheck(lines.get(1), lines.get(2), Boolean.parseBoolean(lines.get(3)),
                    Boolean.parseBoolean(lines.get(4))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Keeps what the service said, replacing the file whole (never a torn one). */
    static void write(Path file, String key, EngineCheck check) {
        try {
            if (key.contains("\n") || check.version().contains("\n") || check.apiVersion().contains("\n")) {
                return;
            }
            AtomicFiles.write(file, key + "\n" + check.version() + "\n" + check.apiVersion() + "\n"
                    + check.rootless() + "\n" + check.cgroupsV1() + "\n", AtomicFiles.Durability.CACHE);
        } catch (IOException | RuntimeException e) {
            // not kept: the next command asks the service again
        }
    }

    /** The file for the service at {@code address}: one per socket path, in Progy's cache folder. */
    static Optional<Path> file(EngineLocation address) {
        Optional<Path> socket = address.socket();
        if (socket.isEmpty()) {
            return Optional.empty();
        }
        return CacheFolders.progy().map(dir -> dir.resolve(PREFIX + fileName(socket.get().toAbsolutePath().toString())));
    }

    /** The path as a file name (no hash: a digest would load the JDK's security providers, ≈ 10 ms). */
    private static String fileName(String text) {
        String name = text.replaceAll("[^A-Za-z0-9.-]", "_");
        return name.length() <= 200 ? name : name.substring(name.length() - 200);
    }
}
