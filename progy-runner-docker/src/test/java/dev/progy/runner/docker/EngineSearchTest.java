package dev.progy.runner.docker;

import dev.progy.spi.container.EngineLocation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class EngineSearchTest {

    @TempDir
    Path root;
    private final List<ServerSocketChannel> sockets = new ArrayList<>();

    @AfterEach
    void closeSockets() throws IOException {
        for (ServerSocketChannel s : sockets) {
            s.close();
        }
    }

    /** A real Unix socket at {@code path}, as an engine makes it. */
    private Path socketAt(Path path) throws IOException {
        Files.createDirectories(path.getParent());
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        channel.bind(UnixDomainSocketAddress.of(path));
        sockets.add(channel);
        return path;
    }

    @Test
    @DisplayName("with nothing set, the first usual socket that exists is used: here Docker Desktop's, after the system's and rootless ones")
    void firstSocketThatExists() throws IOException {
        Path home = Files.createDirectories(root.resolve("home"));
        Path desktop = socketAt(home.resolve(".docker/run/docker.sock"));
        socketAt(home.resolve(".colima/default/docker.sock"));
        Path runtime = Files.createDirectories(root.resolve("run-user"));
        Files.writeString(runtime.resolve("docker.sock"), "not a socket");
        EngineLocation found = DockerAddress.search(Optional.empty(), Map.of("XDG_RUNTIME_DIR", runtime.toString()), home,
                root.resolve("var-run/docker.sock"));
        assertThat(found.uri()).isEqualTo("unix://" + desktop);
        assertThat(found.looked()).containsExactly(
                "docker.host: not set",
                "DOCKER_HOST: not set",
                root.resolve("var-run/docker.sock") + " (the system's Docker Engine): nothing there",
                runtime.resolve("docker.sock") + " (rootless Docker): a file, not a socket",
                desktop + " (Docker Desktop): a socket (used)",
                home.resolve(".colima/default/docker.sock") + " (Colima): a socket");
    }

    @Test
    @DisplayName("the setting wins over DOCKER_HOST, which wins over the sockets; each place still says what is there")
    void explicitFirst() throws IOException {
        Path home = Files.createDirectories(root.resolve("home"));
        Path system = socketAt(root.resolve("var-run/docker.sock"));
        EngineLocation byEnv = DockerAddress.search(Optional.empty(), Map.of("DOCKER_HOST", "tcp://127.0.0.1:2375"), home,
                system);
        assertThat(byEnv.uri()).isEqualTo("tcp://127.0.0.1:2375");
        assertThat(byEnv.looked()).contains("DOCKER_HOST = tcp://127.0.0.1:2375: a network address, checked only by calling it (used)",
                system + " (the system's Docker Engine): a socket",
                "rootless Docker ($XDG_RUNTIME_DIR/docker.sock): XDG_RUNTIME_DIR is not set");
        String nowhere = "unix://" + root.resolve("nowhere.sock");
        EngineLocation bySetting = DockerAddress.search(Optional.of(nowhere), Map.of("DOCKER_HOST", "tcp://127.0.0.1:2375"),
                home, system);
        assertThat(bySetting.uri()).isEqualTo(nowhere);
        assertThat(bySetting.looked()).startsWith("docker.host = " + nowhere + ": nothing there (used: set explicitly)",
                "DOCKER_HOST = tcp://127.0.0.1:2375: a network address, checked only by calling it");
    }

    @Test
    @DisplayName("with no socket anywhere, the system's socket is the answer, and its absence is what availability reports, with every place looked")
    void noneFound() throws IOException {
        Path home = Files.createDirectories(root.resolve("home"));
        EngineLocation none = DockerAddress.search(Optional.empty(), Map.of(), home, root.resolve("var-run/docker.sock"));
        assertThat(none.uri()).isEqualTo("unix://" + root.resolve("var-run/docker.sock"));
        var availability = DockerAddress.availability(none);
        assertThat(availability.usable()).isFalse();
        assertThat(availability.reason()).startsWith("no Docker Engine socket at " + root.resolve("var-run/docker.sock"));
        assertThat(availability.looked()).anySatisfy(l -> assertThat(l).contains("(Docker Desktop): nothing there"))
                .anySatisfy(l -> assertThat(l).contains("(Colima): nothing there"));
        assertThat(availability.fixHint()).contains("systemctl start docker", "colima start", "Docker Desktop");
    }
}
