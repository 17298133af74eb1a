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
 * the rootful one ({@value #ROOTFUL_SOCKET}), and those a Podman machine forwards on macOS; when none exists, the
 * rootful one, reported as missing with everywhere looked.
 *
 * @param uri    the address used, e.g. {@code unix:///run/podman/podman.sock}
 * @param looked every place looked, in order, each with what was found there
 */
record EngineAddress(String uri, List<String> looked) {

    static final String ROOTFUL_SOCKET = "/run/podman/podman.sock";
    static final String FIX_HINT = "start the Podman service (rootless: systemctl --user start podman.socket; rootful:"
            + " sudo systemctl start podman.socket; or podman system service --time=0 unix:///path/podman.sock),"
            + " or set CONTAINER_HOST to its socket";
    private static final int SOCKET_TYPE = 0140000, TYPE_MASK = 0170000;

    EngineAddress {
        looked = List.copyOf(looked);
    }

    /** The address at {@code uri}, given outright. */
    static EngineAddress of(String uri) {
        return new EngineAddress(uri, List.of(uri + " (given)"));
    }

    /**
     * The address to use: {@code configured} when set, else the first place found through {@code env}
     * (environment variables by name).
     */
    static EngineAddress locate(Optional<String> configured, Function<String, String> env) {
        List<String> looked = new ArrayList<>();
        if (configured.isPresent()) {
            looked.add(PodmanRunnerConfig.HOST_KEY + " = " + configured.get());
            return new EngineAddress(configured.get(), looked);
        }
        looked.add(PodmanRunnerConfig.HOST_KEY + ": not set");
        String containerHost = blankToNull(env.apply("CONTAINER_HOST"));
        if (containerHost != null) {
            looked.add("CONTAINER_HOST = " + containerHost);
            return new EngineAddress(containerHost, looked);
        }
        looked.add("CONTAINER_HOST: not set");
        List<Path> sockets = new ArrayList<>();
        String runtimeDir = blankToNull(env.apply("XDG_RUNTIME_DIR"));
        if (runtimeDir == null) {
            looked.add("rootless socket: XDG_RUNTIME_DIR not set");
        } else {
            sockets.add(Path.of(runtimeDir, "podman", "podman.sock"));
        }
        sockets.add(Path.of(ROOTFUL_SOCKET));
        String home = blankToNull(env.apply("HOME"));
        if (home != null) {
            Path machine = Path.of(home, ".local", "share", "containers", "podman", "machine");
            sockets.add(machine.resolve("podman.sock"));
            sockets.add(machine.resolve("qemu").resolve("podman.sock"));
        }
        String tmp = blankToNull(env.apply("TMPDIR"));
        if (tmp != null) {
            sockets.addAll(machineApiSockets(Path.of(tmp, "podman")));
        }
        for (Path socket : sockets) {
            String found = describe(socket);
            looked.add(socket + ": " + found);
            if (found.equals("a socket")) {
                return new EngineAddress("unix://" + socket, looked);
            }
        }
        return new EngineAddress("unix://" + ROOTFUL_SOCKET, looked);
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
            return Availability.no("the Podman address " + uri + " is not a unix:// socket; looked at: "
                    + String.join("; ", looked), FIX_HINT);
        }
        String found = describe(socket.get());
        if (!found.equals("a socket")) {
            return Availability.no("no Podman socket at " + socket.get() + " (" + found + "); looked at: "
                    + String.join("; ", looked), FIX_HINT);
        }
        return Availability.yes();
    }

    private static List<Path> machineApiSockets(Path folder) {
        List<Path> found = new ArrayList<>();
        if (Files.isDirectory(folder)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*-api.sock")) {
                files.forEach(found::add);
            } catch (IOException ignored) {
                // unreadable: nothing found there
            }
        }
        found.sort(Path::compareTo);
        return found;
    }

    /** What is at {@code path}: "a socket", "missing", or what else it is. */
    private static String describe(Path path) {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS) && !Files.exists(path)) {
            return "missing";
        }
        try {
            Object mode = Files.getAttribute(path, "unix:mode");
            return ((Integer) mode & TYPE_MASK) == SOCKET_TYPE ? "a socket" : "not a socket";
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException e) {
            try {
                return Files.readAttributes(path, BasicFileAttributes.class).isOther() ? "a socket" : "not a socket";
            } catch (IOException notReadable) {
                return "not readable";
            }
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
