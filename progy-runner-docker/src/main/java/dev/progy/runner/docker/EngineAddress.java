package dev.progy.runner.docker;

import dev.progy.spi.Availability;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.Optional;

/** Where the Docker Engine listens, and whether something could be listening there, checked without a call. */
record EngineAddress(String uri) {

    static final String FIX_HINT = "start Docker (dockerd) or set DOCKER_HOST";
    private static final int SOCKET_TYPE = 0140000, TYPE_MASK = 0170000;

    /** The socket file, for a {@code unix://} address. */
    Optional<Path> socket() {
        if (!uri.toLowerCase(Locale.ROOT).startsWith("unix://")) {
            return Optional.empty();
        }
        return Optional.of(Path.of(URI.create(uri).getPath()));
    }

    /** Usable when a {@code unix://} address names a socket file; other addresses are only known by calling them. */
    Availability availability() {
        Optional<Path> socket = socket();
        if (socket.isEmpty()) {
            return Availability.yes();
        }
        Path path = socket.get();
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS) && !Files.exists(path)) {
            return Availability.no("no Docker Engine socket at " + path, FIX_HINT);
        }
        if (!isSocket(path)) {
            return Availability.no(path + " is not a socket, so no Docker Engine listens there", FIX_HINT);
        }
        return Availability.yes();
    }

    private static boolean isSocket(Path path) {
        try {
            Object mode = Files.getAttribute(path, "unix:mode");
            return ((Integer) mode & TYPE_MASK) == SOCKET_TYPE;
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException e) {
            try {
                return Files.readAttributes(path, BasicFileAttributes.class).isOther();
            } catch (IOException notReadable) {
                return false;
            }
        }
    }
}
