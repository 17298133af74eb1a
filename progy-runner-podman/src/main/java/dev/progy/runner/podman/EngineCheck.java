package dev.progy.runner.podman;

import dev.progy.spi.container.EngineLocation;
import dev.progy.error.RunnerUnavailableException;

import java.util.List;
import java.util.Optional;

/**
 * What the runner checks once before its first run: that a Podman service answers, that it speaks the libpod API
 * 4.0 or later, and whether it is rootless (then containers map the user's uid onto itself, {@code keep-id}) and on
 * cgroups v1 (where Podman cannot tell an out-of-memory kill, see {@link ContainerRun}). The service's {@code info}
 * takes ≈ 200 ms to answer, every time: what it said is kept per socket ({@link EngineFacts}), and asked again when
 * the socket is another (the service was started anew) or speaks another version.
 */
record EngineCheck(String version, String apiVersion, boolean rootless, boolean cgroupsV1) {

    /** The oldest libpod API the runner speaks. */
    static final String MIN_API = "4.0.0";

    /** Asks the service at the client's address. */
    static EngineCheck of(LibpodClient client) {
        try {
            return check(client);
        } catch (LibpodException e) {
            throw PodmanEngineCalls.failure(e, client.address(), "say what it is");
        }
    }

    private static EngineCheck check(LibpodClient client) {
        EngineLocation address = client.address();
        LibpodClient.Ping ping;
        try {
            ping = client.ping();
        } catch (RunnerUnavailableException unreachable) {
            // not running, or not ours to use: say too where else a service was looked for
            throw PodmanEngineCalls.FAILURES.looked(unreachable, address);
        }
        if (ping.libpodApiVersion().isEmpty()) {
            throw new RunnerUnavailableException("the service at " + address.uri() + " is not Podman (it answers"
                    + " without a Libpod-Api-Version; server: " + (ping.server().isEmpty() ? "unknown" : ping.server())
                    + "), perhaps a Docker Engine", "point " + PodmanRunnerConfig.HOST_KEY + " (or CONTAINER_HOST) at a"
                    + " Podman socket, or use the docker runner for a Docker Engine",
                    List.of("podman: " + address.uri() + " is not a Podman service"));
        }
        if (!supported(ping.libpodApiVersion())) {
            throw new RunnerUnavailableException("the Podman service at " + address.uri() + " is too old: it speaks"
                    + " the libpod API " + ping.libpodApiVersion() + ", and Progy needs " + MIN_API + " or later",
                    "upgrade Podman to 4.0 or later", List.of("podman: libpod API " + ping.libpodApiVersion()
                    + " is older than " + MIN_API));
        }
        Optional<String> key = address.socket().flatMap(socket -> EngineFacts.key(socket, ping));
        Optional<java.nio.file.Path> file = EngineFacts.file(address);
        if (key.isPresent() && file.isPresent()) {
            Optional<EngineCheck> known = EngineFacts.read(file.get(), key.get());
            if (known.isPresent()) {
                return known.get();
            }
        }
        LibpodClient.Info info = client.info();
        EngineCheck check = new EngineCheck(info.version(), ping.libpodApiVersion(), info.rootless(),
                info.cgroupVersion().equalsIgnoreCase("v1"));
        if (key.isPresent() && file.isPresent()) {
            EngineFacts.write(file.get(), key.get(), check);
        }
        return check;
    }

    /** Whether a libpod API version (e.g. {@code 4.3.1}) is {@value #MIN_API} or later. */
    static boolean supported(String apiVersion) {
        String[] parts = apiVersion.trim().split("[.-]");
        try {
            return Integer.parseInt(parts[0]) >= 4;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
