package dev.progy.runner.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.progy.spi.Availability;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the Docker Engine listens, and whether something could be listening there, checked without a call.
 *
 * @param uri    the engine's address, e.g. {@code unix:///var/run/docker.sock}
 * @param looked every place looked at to choose it, each with what was found ({@link EngineSearch}); said when
 *               no engine answers there
 */
record EngineAddress(String uri, List<String> looked) {

    static final String FIX_HINT = "start Docker: sudo systemctl start docker (or run dockerd); rootless Docker:"
            + " systemctl --user start docker; Docker Desktop: open it; Colima: colima start;"
            + " or set DOCKER_HOST to an engine that runs";
    private static final int SOCKET_TYPE = 0140000, TYPE_MASK = 0170000;

    EngineAddress {
        looked = List.copyOf(looked);
    }

    /** An address given as it is, with nothing else looked at. */
    EngineAddress(String uri) {
        this(uri, List.of());
    }

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
            return Availability.no("no Docker Engine socket at " + path, FIX_HINT, looked);
        }
        if (!isSocket(path)) {
            return Availability.no(path + " is not a socket, so no Docker Engine listens there", FIX_HINT, looked);
        }
        return Availability.yes();
    }

    /** A client of the engine at this address; connects on its first call. */
    DockerClient connect() {
        // TLS is refused by DockerRunnerConfig.validate(): the certificate library is not on the class path
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(uri).withDockerTlsVerify(false).build();
        ZerodepDockerHttpClient http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .connectionTimeout(Duration.ofSeconds(5))
                .sslConfig(NoTlsContext::new) // else the transport loads the JDK's default TLS context at start
                .build();
        return DockerClientImpl.getInstance(config, http);
    }

    /** Whether {@code path} is a Unix socket (following a link to it). */
    static boolean isSocket(Path path) {
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
