package dev.progy.runner.podman;

import dev.progy.spi.Availability;
import dev.progy.spi.container.EngineLocation;
import dev.progy.spi.container.EngineSearch;
import dev.progy.spi.container.SocketStrategy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the Podman service may listen, in the order Progy looks ({@link EngineSearch}): the setting
 * {@value PodmanRunnerConfig#HOST_KEY}, then {@code $CONTAINER_HOST} (as the {@code podman --remote} command reads
 * it), then the first of these sockets that exists: the rootless one ({@code $XDG_RUNTIME_DIR/podman/podman.sock}),
 * the rootful one ({@value #ROOTFUL_SOCKET}), and those a Podman machine forwards
 * ({@code ~/.local/share/containers/podman/machine/*}{@code /podman.sock} for Podman 4,
 * {@code $XDG_RUNTIME_DIR/podman/*-api.sock} on Linux and {@code $TMPDIR/podman/*-api.sock} on macOS for Podman 5);
 * when none exists, the rootful one, reported as missing with everywhere looked.
 */
final class PodmanAddress {

    static final String ROOTFUL_SOCKET = "/run/podman/podman.sock";
    static final String FIX_HINT = "start the Podman service (rootless: systemctl --user start podman.socket; rootful:"
            + " sudo systemctl start podman.socket; or podman system service --time=0 unix:///path/podman.sock;"
            + " a Podman machine: podman machine start), or set CONTAINER_HOST to its socket";

    private PodmanAddress() { }

    /** The address at {@code uri}, given outright. */
    static EngineLocation of(String uri) {
        return new EngineLocation(uri, List.of(uri + " (given)"));
    }

    /**
     * The address to use: {@code configured} when set, else the first place found through {@code env}
     * (environment variables by name: {@code CONTAINER_HOST}, {@code XDG_RUNTIME_DIR}, {@code HOME}, {@code TMPDIR}).
     */
    static EngineLocation locate(Optional<String> configured, Function<String, String> env) {
        String runtimeDir = blankToNull(env.apply("XDG_RUNTIME_DIR"));
        String home = blankToNull(env.apply("HOME"));
        String tmp = blankToNull(env.apply("TMPDIR"));
        List<SocketStrategy> strategies = new ArrayList<>();
        strategies.add(SocketStrategy.setting(PodmanRunnerConfig.HOST_KEY, configured));
        strategies.add(SocketStrategy.environment("CONTAINER_HOST", env.apply("CONTAINER_HOST")));
        strategies.add(runtimeDir == null
                ? SocketStrategy.unknown("rootless Podman ($XDG_RUNTIME_DIR/podman/podman.sock)", "XDG_RUNTIME_DIR not set")
                : SocketStrategy.socket("rootless Podman", Path.of(runtimeDir, "podman", "podman.sock")));
        strategies.add(SocketStrategy.socket("rootful Podman", Path.of(ROOTFUL_SOCKET)));
        strategies.add(home == null
                ? SocketStrategy.unknown("Podman machine (~/.local/share/containers/podman/machine/*/podman.sock)",
                        "HOME not set")
                : SocketStrategy.matching("Podman machine", Path.of(home, ".local", "share", "containers", "podman",
                        "machine"), "*", "podman.sock"));
        if (runtimeDir != null) {
            strategies.add(SocketStrategy.matching("Podman machine", Path.of(runtimeDir, "podman"), "*-api.sock", null));
        }
        strategies.add(tmp == null
                ? SocketStrategy.unknown("Podman machine on macOS ($TMPDIR/podman/*-api.sock)", "TMPDIR not set")
                : SocketStrategy.matching("Podman machine", Path.of(tmp, "podman"), "*-api.sock", null));
        return EngineSearch.search(strategies, "unix://" + ROOTFUL_SOCKET);
    }

    /** Usable when the address names a socket file; checked without a call to the service. */
    static Availability availability(EngineLocation address) {
        if (address.socket().isEmpty()) {
            return Availability.no("the Podman address " + address.uri() + " is not a unix:// socket", FIX_HINT,
                    address.looked());
        }
        return address.availability("Podman", FIX_HINT);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
