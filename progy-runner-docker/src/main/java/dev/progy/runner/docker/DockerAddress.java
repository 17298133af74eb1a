package dev.progy.runner.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.progy.spi.Availability;
import dev.progy.spi.container.EngineLocation;
import dev.progy.spi.container.EngineSearch;
import dev.progy.spi.container.SocketStrategy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a Docker Engine may listen, in the order Progy looks ({@link EngineSearch}): the
 * {@value DockerRunnerConfig#HOST_KEY} setting, {@code DOCKER_HOST}, then the first of these sockets that exists —
 * the system's engine ({@value DockerRunnerConfig#DEFAULT_HOST}), rootless Docker
 * ({@code $XDG_RUNTIME_DIR/docker.sock}), Docker Desktop ({@code ~/.docker/run/docker.sock}), Colima
 * ({@code ~/.colima/default/docker.sock}) — else the system's socket; and how to connect there.
 */
final class DockerAddress {

    /** The system engine's socket. */
    static final Path SYSTEM_SOCKET = Path.of("/var/run/docker.sock");
    static final String FIX_HINT = "start Docker: sudo systemctl start docker (or run dockerd); rootless Docker:"
            + " systemctl --user start docker; Docker Desktop: open it; Colima: colima start;"
            + " or set DOCKER_HOST to an engine that runs";

    private DockerAddress() { }

    /** The address the runner uses with {@code config}, in this process's environment and home folder. */
    static EngineLocation of(DockerRunnerConfig config) {
        return search(config.find(DockerRunnerConfig.HOST_KEY), System.getenv(),
                Path.of(System.getProperty("user.home")), SYSTEM_SOCKET);
    }

    /**
     * The address to use, with every place looked at.
     *
     * @param setting      the {@value DockerRunnerConfig#HOST_KEY} setting, if set
     * @param env          the environment ({@code DOCKER_HOST}, {@code XDG_RUNTIME_DIR})
     * @param home         the user's home folder
     * @param systemSocket the system engine's socket, normally {@link #SYSTEM_SOCKET}
     */
    static EngineLocation search(Optional<String> setting, Map<String, String> env, Path home, Path systemSocket) {
        String runtimeDir = env.get("XDG_RUNTIME_DIR");
        return EngineSearch.search(List.of(
                SocketStrategy.setting(DockerRunnerConfig.HOST_KEY, setting),
                SocketStrategy.environment("DOCKER_HOST", env.get("DOCKER_HOST")),
                SocketStrategy.socket("the system's Docker Engine", systemSocket),
                runtimeDir == null || runtimeDir.isBlank()
                        ? SocketStrategy.unknown("rootless Docker ($XDG_RUNTIME_DIR/docker.sock)",
                                "XDG_RUNTIME_DIR is not set")
                        : SocketStrategy.socket("rootless Docker", Path.of(runtimeDir.strip(), "docker.sock")),
                SocketStrategy.socket("Docker Desktop", home.resolve(".docker/run/docker.sock")),
                SocketStrategy.socket("Colima", home.resolve(".colima/default/docker.sock"))),
                "unix://" + systemSocket);
    }

    /** Usable when a {@code unix://} address names a socket file; other addresses are only known by calling them. */
    static Availability availability(EngineLocation address) {
        return address.availability("Docker Engine", FIX_HINT);
    }

    /** A client of the engine at {@code address}; connects on its first call. */
    static DockerClient connect(EngineLocation address) {
        return client(address, transport(address));
    }

    /**
     * docker-java's transport to the engine at {@code address}, without its client: the calls of a run
     * ({@link LightCalls}) need no more, and the client's set-up (its {@code ObjectMapper}) is a tenth of a run.
     */
    static DockerHttpClient transport(EngineLocation address) {
        // TLS is refused by DockerRunnerConfig.validate(): the certificate library is not on the class path
        return new ZerodepDockerHttpClient.Builder()
                .dockerHost(URI.create(address.uri()))
                .connectionTimeout(Duration.ofSeconds(5))
                .sslConfig(NoTlsContext::new) // else the transport loads the JDK's default TLS context at start
                .build();
    }

    /** docker-java's client of the engine at {@code address}, over {@code transport}. */
    static DockerClient client(EngineLocation address, DockerHttpClient transport) {
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(address.uri()).withDockerTlsVerify(false).build();
        return DockerClientImpl.getInstance(config, transport);
    }
}
