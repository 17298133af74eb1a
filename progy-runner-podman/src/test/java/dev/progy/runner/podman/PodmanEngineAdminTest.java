package dev.progy.runner.podman;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.progy.error.RunnerUnavailableException;
import dev.progy.spi.EngineReport;
import dev.progy.spi.Leftover;
import dev.progy.spi.ProviderConfig;
import dev.progy.spi.Runner;
import dev.progy.spi.RunnerProvider;
import dev.progy.spi.container.ContainerEngine;
import dev.progy.spi.container.EngineLocation;
import dev.progy.testkit.EngineAdminContract;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** progy doctor and progy gc on the Podman service: what it reports, what crashed runs left, and removing it. */
class PodmanEngineAdminTest extends EngineAdminContract {

    private static final PodmanRunnerProvider PROVIDER = new PodmanRunnerProvider();

    @BeforeAll
    static void serviceRuns() {
        PodmanEngine.requireOrSkip();
    }

    @Override
    protected RunnerProvider provider() {
        return PROVIDER;
    }

    @Override
    protected <T> T onEngine(Function<ContainerEngine, T> call) {
        try (LibpodClient podman = new LibpodClient(PodmanEngine.address())) {
            return call.apply(new PodmanEngineCalls(podman));
        }
    }

    @Override
    protected String hostKey() {
        return PodmanRunnerConfig.HOST_KEY;
    }

    @Override
    protected String hostVariable() {
        return "CONTAINER_HOST";
    }

    @Override
    protected String engineName() {
        return "Podman";
    }

    @Override
    protected List<String> startWords() {
        return List.of("systemctl --user start podman.socket", "podman system service --time=0");
    }

    @Override
    protected List<String> placesLooked() {
        return List.of("/run/podman/podman.sock", "Podman machine", ".local/share/containers/podman/machine/*/podman.sock");
    }

    @Override
    protected List<String> moreDetails() {
        return List.of("cgroup manager", "OCI runtime", "conmon");
    }

    @Override
    protected void checkReport(EngineReport report) {
        assertThat(report.version()).matches("\\d+\\.\\d+.*");
        assertThat(report.apiVersion()).matches("[4-9]\\.\\d+.*");
        assertThat(report.details().get("conmon")).matches("\\d+\\.\\d+.*");
        assertThat(String.join("\n", report.looked())).contains("/run/podman/podman.sock", "Podman machine");
    }

    @Override
    protected List<Leftover.Kind> otherKinds() {
        return List.of(Leftover.Kind.POD, Leftover.Kind.NETWORK, Leftover.Kind.VOLUME);
    }

    @Override
    protected String create(Leftover.Kind kind, String name, Map<String, String> labels) {
        try (LibpodClient podman = new LibpodClient(PodmanEngine.address())) {
            return switch (kind) {
                case POD -> podman.answer("POST", "/pods/create", body("name", name, labels)
                        .set("netns", JsonNodeFactory.instance.objectNode().put("nsmode", "none"))).path("Id").asText();
                case NETWORK -> podman.answer("POST", "/networks/create", body("name", name, labels)
                        .put("internal", true)).path("id").asText();
                case VOLUME -> podman.answer("POST", "/volumes/create", body("Name", name, labels)).path("Name").asText();
                default -> throw new IllegalArgumentException("not made here: " + kind);
            };
        }
    }

    @Test
    @DisplayName("a run against a service that is not running says so, and everywhere it looked")
    void notRunningListsPlaces() throws IOException {
        Path stale = staleSocket();
        KitCourse kit = new KitCourse(root).script("echo hi\n");
        try (Runner runner = PROVIDER.create(ProviderConfig.of(Map.of("podman.host", "unix://" + stale)))) {
            assertThatThrownBy(() -> runner.run(kit.request(Duration.ofSeconds(10))))
                    .isInstanceOf(RunnerUnavailableException.class)
                    .hasMessageContaining("is not running")
                    .satisfies(e -> assertThat(((RunnerUnavailableException) e).tried()).singleElement()
                            .satisfies(t -> assertThat(t.looked())
                                    .contains("podman.host = unix://" + stale + ": a socket (used: set explicitly)")
                                    .anyMatch(l -> l.startsWith("CONTAINER_HOST"))
                                    .anyMatch(l -> l.contains(PodmanAddress.ROOTFUL_SOCKET))))
                    .satisfies(e -> assertThat(((RunnerUnavailableException) e).attempts())
                            .anyMatch(a -> a.startsWith("podman: looked at CONTAINER_HOST")));
        }
    }


    @Test
    @DisplayName("a Docker Engine's socket is reported as not Podman, with what to use instead")
    void dockerEngineIsNotPodman() {
        String docker = System.getenv("DOCKER_HOST");
        Assumptions.assumeTrue(docker != null && docker.startsWith("unix://")
                && Files.exists(Path.of(docker.substring("unix://".length()))), "no local Docker Engine to point at");
        EngineReport report = PROVIDER.admin(ProviderConfig.of(Map.of("podman.host", docker))).orElseThrow().inspect();
        assertThat(report.ready()).isFalse();
        assertThat(report.problems()).singleElement().asString().contains("is not Podman");
        assertThat(report.fixes()).singleElement().asString().contains("--engine docker");
    }


    @Test
    @DisplayName("Podman 4's and 5's machine sockets are found, each place listed, the first that exists used")
    void machineSockets() throws IOException {
        // short names: a socket's path has at most 107 bytes
        Path home = Files.createDirectories(root.resolve("h"));
        Path tmp = Files.createDirectories(root.resolve("t/podman"));
        Path machine4 = Files.createDirectories(home.resolve(".local/share/containers/podman/machine/m")).resolve("podman.sock");
        Path machine5 = tmp.resolve("m-api.sock");
        Map<String, String> env = new HashMap<>(Map.of("HOME", home.toString(), "TMPDIR", root.resolve("t").toString()));
        try (ServerSocketChannel five = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            five.bind(UnixDomainSocketAddress.of(machine5));
            EngineLocation found5 = PodmanAddress.locate(Optional.empty(), env::get);
            assertThat(found5.uri()).isEqualTo("unix://" + machine5);
            assertThat(found5.looked()).contains(machine5 + " (Podman machine): a socket (used)",
                    home.resolve(".local/share/containers/podman/machine/*/podman.sock") + " (Podman machine): none there",
                    "rootless Podman ($XDG_RUNTIME_DIR/podman/podman.sock): XDG_RUNTIME_DIR not set");
            try (ServerSocketChannel four = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                four.bind(UnixDomainSocketAddress.of(machine4));
                EngineLocation found4 = PodmanAddress.locate(Optional.empty(), env::get);
                assertThat(found4.uri()).as("Podman 4's machine comes first").isEqualTo("unix://" + machine4);
                assertThat(found4.looked()).contains(machine4 + " (Podman machine): a socket (used)",
                        machine5 + " (Podman machine): a socket");
            }
        }
    }


    private Path staleSocket() throws IOException {
        Path stale = root.resolve("stale.sock");
        try (ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.bind(UnixDomainSocketAddress.of(stale));
        } // closed: the socket file stays, as a stopped service leaves it
        return stale;
    }

    private static ObjectNode body(String nameKey, String name, Map<String, String> labels) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put(nameKey, name);
        ObjectNode l = body.putObject(nameKey.equals("Name") ? "Label" : "labels");
        labels.forEach(l::put);
        return body;
    }
}
