package dev.progy.runner.podman;

import dev.progy.spi.Availability;

import java.io.IOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the Podman service listens, and every place looked on the way there. The order: the setting
 * {@value PodmanRunnerConfig#HOST_KEY}, then {@code $CONTAINER_HOST} (as the {@code podman --remote} command reads
 * it), then the first of these sockets that exists: the rootless one ({@code $XDG_RUNTIME_DIR/podman/podman.sock}),
 * the rootful one ({@value #ROOTFUL_SOCKET}), and those a Podman machine forwards
 * ({@code ~/.local/share/containers/podman/machine/*}{@code /podman.sock} for Podman 4,
 * {@code $XDG_RUNTIME_DIR/podman/*-api.sock} on Linux and {@code $TMPDIR/podman/*-api.sock} on macOS for Podman 5);
 * when none exists, the rootful one, reported as missing with everywhere looked. Every place is looked at, even
 * past the one chosen (marked "used"), so that {@code progy doctor} and a service that does not answer can say what
 * else is there.
 *
 * @param uri    the address used, e.g. {@code unix:///run/podman/podman.sock}
 * @param looked every place looked, in order, each with what was found there
 */
record EngineAddress(String uri, List<String> looked) {

    static final String ROOTFUL_SOCKET = "/run/podman/podman.sock";
    static final String FIX_HINT = "start the Podman service (rootless: systemctl --user start podman.socket; rootful:"
            + " sudo systemctl start podman.socket; or podman system service --time=0 unix:///path/podman.sock;"
            + " a Podman machine: podman machine start), or set CONTAINER_HOST to its socket";
    private static final int SOCKET_TYPE = 0140000, TYPE_MASK = 0170000;
    private static final String A_SOCKET = "a socket";

    EngineAddress {
        looked = List.copyOf(looked);
    }

    /** The address at {@code uri}, given outright. */
    static EngineAddress of(String uri) {
        return new EngineAddress(uri, List.of(uri + " (given)"));
    }

    /**
     * The address to use: {@code configured} when set, else the first place found through {@code env}
     * (environment variables by name: {@code CONTAINER_HOST}, {@code XDG_RUNTIME_DIR}, {@code HOME}, {@code TMPDIR}).
     */
    static EngineAddress locate(Optional<String> configured, Function<String, String> env) {
        List<String> looked = new ArrayList<>();
        String chosen = null;
        if (configured.isPresent()) {
            chosen = configured.get();
            looked.add(PodmanRunnerConfig.HOST_KEY + " = " + chosen + ": " + what(chosen) + " (used: set explicitly)");
        } else {
            looked.add(PodmanRunnerConfig.HOST_KEY + ": not set");
        }
        String containerHost = blankToNull(env.apply("CONTAINER_HOST"));
        if (containerHost == null) {
            looked.add("CONTAINER_HOST: not set");
        } else {
            boolean use = chosen == null;
            chosen = use ? containerHost : chosen;
            looked.add("CONTAINER_HOST = " + containerHost + ": " + what(containerHost) + (use ? " (used)" : ""));
        }
        String runtimeDir = blankToNull(env.apply("XDG_RUNTIME_DIR"));
        String home = blankToNull(env.apply("HOME"));
        String tmp = blankToNull(env.apply("TMPDIR"));
        List<Place> places = new ArrayList<>();
        places.add(runtimeDir == null ? Place.none("rootless Podman ($XDG_RUNTIME_DIR/podman/podman.sock)",
                "XDG_RUNTIME_DIR not set") : Place.at("rootless Podman", Path.of(runtimeDir, "podman", "podman.sock")));
        places.add(Place.at("rootful Podman", Path.of(ROOTFUL_SOCKET)));
        places.add(home == null ? Place.none("Podman machine (~/.local/share/containers/podman/machine/*/podman.sock)",
                "HOME not set") : Place.glob("Podman machine", Path.of(home, ".local", "share", "containers",
                "podman", "machine"), "*", "podman.sock"));
        if (runtimeDir != null) {
            places.add(Place.glob("Podman machine", Path.of(runtimeDir, "podman"), "*-api.sock", null));
        }
        places.add(tmp == null ? Place.none("Podman machine on macOS ($TMPDIR/podman/*-api.sock)", "TMPDIR not set")
                : Place.glob("Podman machine", Path.of(tmp, "podman"), "*-api.sock", null));
        for (Place place : places) {
            if (place.sockets().isEmpty()) {
                looked.add(place.shown() + ": " + place.why());
                continue;
            }
            for (Path socket : place.sockets()) {
                String found = describe(socket);
                boolean use = chosen == null && found.equals(A_SOCKET);
                if (use) {
                    chosen = "unix://" + socket;
                }
                looked.add(socket + ": " + found + " (" + place.what() + (use ? ", used" : "") + ")");
            }
        }
        return new EngineAddress(chosen == null ? "unix://" + ROOTFUL_SOCKET : chosen, looked);
    }

    /**
     * A place a socket may be: the sockets it names (none when it cannot be looked at, or a pattern matched
     * nothing), and how it is shown then.
     */
    private record Place(String what, String shown, List<Path> sockets, String why) {
        static Place at(String what, Path socket) {
            return new Place(what, socket.toString(), List.of(socket), "");
        }

        static Place none(String shown, String why) {
            return new Place(shown, shown, List.of(), why);
        }

        /** The files matching {@code pattern} in {@code folder}, or {@code <subfolder matching pattern>/file}. */
        static Place glob(String what, Path folder, String pattern, String file) {
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
            found.sort(Path::compareTo);
            String shown = folder.resolve(file == null ? pattern : pattern + "/" + file) + " (" + what + ")";
            return new Place(what, shown, found, "none there");
        }
    }

    /** The socket file, for a {@code unix://} address. */
    Optional<Path> socket() {
        if (!uri.toLowerCase(Locale.ROOT).startsWith("unix://")) {
            return Optional.empty();
        }
        return Optional.of(Path.of(URI.create(uri).getPath()));
    }

    /** Usable when the address names a socket file; checked without a call to the service. */
    Availability availability() {
        Optional<Path> socket = socket();
        if (socket.isEmpty()) {
            return Availability.no("the Podman address " + uri + " is not a unix:// socket", FIX_HINT, looked);
        }
        String found = describe(socket.get());
        if (!found.equals(A_SOCKET)) {
            return Availability.no("no Podman socket at " + socket.get() + " (" + found + ")", FIX_HINT, looked);
        }
        return Availability.yes();
    }

    /** What is at an address given as a setting or in CONTAINER_HOST. */
    private static String what(String uri) {
        try {
            return new EngineAddress(uri, List.of()).socket().map(EngineAddress::describe)
                    .orElse("not a unix:// socket");
        } catch (IllegalArgumentException notAnAddress) {
            return "not an address";
        }
    }

    /** What is at {@code path}: "a socket", "missing", or what else it is. */
    private static String describe(Path path) {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS) && !Files.exists(path)) {
            return "missing";
        }
        try {
            Object mode = Files.getAttribute(path, "unix:mode");
            return ((Integer) mode & TYPE_MASK) == SOCKET_TYPE ? A_SOCKET : "not a socket";
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException e) {
            try {
                return Files.readAttributes(path, BasicFileAttributes.class).isOther() ? A_SOCKET : "not a socket";
            } catch (IOException notReadable) {
                return "not readable";
            }
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
