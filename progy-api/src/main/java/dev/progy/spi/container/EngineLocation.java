package dev.progy.spi.container;

import dev.progy.spi.Availability;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where an engine listens, and every place looked at to choose it ({@link EngineSearch}), said when no engine
 * answers there.
 *
 * @param uri    the engine's address, e.g. {@code unix:///var/run/docker.sock}
 * @param looked every place looked at, in order, each with what was found there
 */
public record EngineLocation(String uri, List<String> looked) {

    /** What {@link #found} says of a socket file. */
    public static final String A_SOCKET = "a socket";
    private static final int SOCKET_TYPE = 0140000, TYPE_MASK = 0170000;

    public EngineLocation {
        looked = List.copyOf(looked);
    }

    /** An address given as it is, with nothing else looked at. */
    public EngineLocation(String uri) {
        this(uri, List.of());
    }

    /** The socket file, for a {@code unix://} address. */
    public Optional<Path> socket() {
        if (!uri.toLowerCase(Locale.ROOT).startsWith("unix://")) {
            return Optional.empty();
        }
        return Optional.of(Path.of(URI.create(uri).getPath()));
    }

    /**
     * Usable when a {@code unix://} address names a socket file; other addresses are known only by calling them.
     *
     * @param engine  the engine as the reason names it, e.g. {@code Docker Engine}
     * @param fixHint how to start it
     */
    public Availability availability(String engine, String fixHint) {
        Optional<Path> socket = socket();
        if (socket.isEmpty()) {
            return Availability.yes();
        }
        Path path = socket.get();
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS) && !Files.exists(path)) {
            return Availability.no("no " + engine + " socket at " + path, fixHint, looked);
        }
        if (!isSocket(path)) {
            return Availability.no(path + " is not a socket, so no " + engine + " listens there", fixHint, looked);
        }
        return Availability.yes();
    }

    /** What is at {@code socket}: {@value #A_SOCKET}, nothing, a link to nothing, or a file that is not a socket. */
    public static String found(Path socket) {
        if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            return "nothing there";
        }
        if (!Files.exists(socket)) {
            return "a link to nothing";
        }
        return isSocket(socket) ? A_SOCKET : "a file, not a socket";
    }

    /** Whether {@code path} is a Unix socket (following a link to it). */
    public static boolean isSocket(Path path) {
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
