package dev.progy.spi.container;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One way to find an engine, in the list {@link EngineSearch} tries in order: a setting, an environment variable,
 * a socket at a known place, or the sockets matching a pattern. Each says what it saw, so that a search reports
 * every place it looked, even past the one chosen.
 */
public interface SocketStrategy {

    /** What this strategy sees now: none, one or several places, each with what is there. */
    List<Sighting> look();

    /**
     * A place looked at.
     *
     * @param place    the place as a report shows it, e.g. {@code /var/run/docker.sock (the system's Docker Engine)}
     * @param found    what is there, e.g. {@code a socket}, {@code nothing there}, {@code not set}
     * @param address  the address to use when this place is chosen; empty when it cannot be
     * @param outright whether the place is used whatever is found there (a setting, an environment variable), or
     *                 only when it holds a socket
     * @param why      how a report says that it was used
     */
    record Sighting(String place, String found, Optional<String> address, boolean outright, String why) {

        boolean usable() {
            return address.isPresent() && (outright || found.equals(EngineLocation.A_SOCKET));
        }
    }

    /** The adapter's setting {@code key}, used outright when set. */
    static SocketStrategy setting(String key, Optional<String> value) {
        return () -> List.of(value.map(v -> new Sighting(key + " = " + v, given(v), Optional.of(v), true,
                        "used: set explicitly"))
                .orElseGet(() -> new Sighting(key, "not set", Optional.empty(), false, "")));
    }

    /** The environment variable {@code name} with its value (null when unset), used outright when set. */
    static SocketStrategy environment(String name, String value) {
        String v = value == null || value.isBlank() ? null : value.strip();
        return () -> List.of(v == null ? new Sighting(name, "not set", Optional.empty(), false, "")
                : new Sighting(name + " = " + v, given(v), Optional.of(v), true, "used"));
    }

    /** The socket at {@code socket}, used when it is one; {@code what} says whose it would be. */
    static SocketStrategy socket(String what, Path socket) {
        return () -> List.of(at(what, socket));
    }

    /** A place that cannot be looked at here, e.g. under a folder named by an unset variable. */
    static SocketStrategy unknown(String place, String why) {
        return () -> List.of(new Sighting(place, why, Optional.empty(), false, ""));
    }

    /**
     * The sockets matching {@code pattern} in {@code folder} or, with {@code file}, the {@code file} in each
     * sub-folder matching {@code pattern}; sorted by path.
     */
    static SocketStrategy matching(String what, Path folder, String pattern, String file) {
        return () -> {
            List<Path> found = new ArrayList<>();
            if (Files.isDirectory(folder)) {
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, pattern)) {
                    for (Path entry : entries) {
                        Path socket = file == null ? entry : entry.resolve(file);
                        if (file == null || Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
                            found.add(socket);
                        }
                    }
                } catch (IOException ignored) {
                    // unreadable: nothing found there
                }
            }
            if (found.isEmpty()) {
                String shown = folder.resolve(file == null ? pattern : pattern + "/" + file) + " (" + what + ")";
                return List.of(new Sighting(shown, "none there", Optional.empty(), false, ""));
            }
            found.sort(Path::compareTo);
            return found.stream().map(s -> at(what, s)).toList();
        };
    }

    private static Sighting at(String what, Path socket) {
        return new Sighting(socket + " (" + what + ")", EngineLocation.found(socket), Optional.of("unix://" + socket),
                false, "used");
    }

    /** What is at an address given as a setting: a socket's state, or that a TCP address is known only by calling. */
    private static String given(String address) {
        try {
            return new EngineLocation(address).socket().map(EngineLocation::found).orElseGet(() ->
                    address.toLowerCase(Locale.ROOT).startsWith("unix://") ? "not a socket path"
                            : "a network address, checked only by calling it");
        } catch (IllegalArgumentException notAnAddress) {
            return "not an address";
        }
    }
}
