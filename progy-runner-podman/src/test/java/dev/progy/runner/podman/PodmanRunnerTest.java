package dev.progy.runner.podman;

import dev.progy.testkit.ContainerRunnerContract;
import dev.progy.spi.container.EngineLocation;
import dev.progy.error.ProgyException;
import dev.progy.ProviderDiscovery;
import dev.progy.error.RunnerUnavailableException;
import dev.progy.model.Exercise;
import dev.progy.model.RunnerSpec;
import dev.progy.model.RunnerType;
import dev.progy.spi.Availability;
import dev.progy.spi.ProviderConfig;
import dev.progy.spi.RunRequest;
import dev.progy.spi.Runner;
import dev.progy.spi.RunnerProvider;
import dev.progy.spi.support.sandbox.SandboxPolicy;
import org.junit.jupiter.api.AfterAll;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PodmanRunnerTest extends ContainerRunnerContract {

    private static final PodmanRunnerProvider PROVIDER = new PodmanRunnerProvider();

    @BeforeAll
    static void engineRuns() {
        PodmanEngine.requireOrSkip();
    }

    @AfterAll
    static void noContainerLeft() {
        assertThat(PodmanEngine.managedContainers()).as("containers labelled " + SandboxPolicy.LABEL_MANAGED).isEmpty();
    }

    @Override
    protected Runner runner() {
        return PROVIDER.create(ProviderConfig.empty());
    }

    @Override
    protected RunnerProvider provider() {
        return PROVIDER;
    }

    @Override
    protected List<String> containersOfJvm(long pid) {
        return PodmanEngine.managedContainers(pid).stream().map(c -> c.split(" ")[0]).toList();
    }

    @Override
    protected String image() {
        return PodmanEngine.IMAGE;
    }

    @Override
    protected RunnerSpec specFor(String script, RunnerSpec.Limits limits) {
        RunnerSpec s = spec(RunnerType.DOCKER_FILE, "sh", List.of(script, "{{exercise}}"), limits);
        return s.toBuilder().imageTag(PodmanEngine.IMAGE).build();
    }

    @Override
    protected RunnerSpec specWith(Toolchain toolchain, String script, RunnerSpec.Limits limits) {
        return dockerfileSpec(toolchain.dockerfile(), script, limits);
    }

    @Override
    protected boolean processesVisibleFromHost() {
        // true on a local service (its containers' processes are this host's), but not in a Podman machine
        return false;
    }

    @Test
    @DisplayName("the provider is found by discovery as 'podman', priority 25 (above Docker's 20), for docker-file runners only")
    void discovered() {
        assertThat(PROVIDER.id()).isEqualTo("podman");
        assertThat(PROVIDER.priority()).isEqualTo(25);
        assertThat(PROVIDER.supports(RunnerType.DOCKER_FILE)).isTrue();
        assertThat(PROVIDER.supports(RunnerType.PROCESS)).isFalse();
        assertThat(PROVIDER.availability(ProviderConfig.empty()).usable()).isTrue();
        assertThat(ProviderDiscovery.using(ProviderConfig.empty()).all(RunnerProvider.class))
                .anyMatch(p -> p instanceof PodmanRunnerProvider);
    }

    @Test
    @DisplayName("no socket at podman.host: unavailable, saying where it looked and how to start the service")
    void missingSocketUnavailable() throws IOException {
        Path nowhere = root.resolve("no-such.sock");
        Availability a = PROVIDER.availability(ProviderConfig.of(Map.of("podman.host", "unix://" + nowhere)));
        assertThat(a.usable()).isFalse();
        assertThat(a.reason()).contains("no Podman socket at " + nowhere);
        assertThat(a.looked()).anyMatch(l -> l.startsWith("podman.host"));
        assertThat(a.fixHint()).contains("systemctl --user start podman.socket").contains("CONTAINER_HOST");
        Files.writeString(root.resolve("plain.sock"), "");
        assertThat(PROVIDER.availability(ProviderConfig.of(Map.of("podman.host", "unix://" + root.resolve("plain.sock"))))
                .reason()).contains("not a socket");
    }

    @Test
    @DisplayName("without settings, CONTAINER_HOST wins, then the rootless socket, then the rootful one; every place looked is listed")
    void socketLookupOrder() throws IOException {
        Map<String, String> env = new HashMap<>(Map.of("XDG_RUNTIME_DIR", root.toString(), "HOME", root.toString()));
        EngineLocation none = PodmanAddress.locate(Optional.empty(), env::get);
        assertThat(none.uri()).isEqualTo("unix:///run/podman/podman.sock");
        assertThat(String.join("\n", none.looked())).contains("podman.host: not set", "CONTAINER_HOST: not set",
                root.resolve("podman/podman.sock") + " (rootless Podman): nothing there",
                root.resolve(".local/share/containers/podman/machine/*/podman.sock") + " (Podman machine): none there");

        Path rootless = Files.createDirectories(root.resolve("podman")).resolve("podman.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(rootless));
            assertThat(PodmanAddress.locate(Optional.empty(), env::get).uri()).isEqualTo("unix://" + rootless);
            env.put("CONTAINER_HOST", "unix:///elsewhere.sock");
            assertThat(PodmanAddress.locate(Optional.empty(), env::get).uri()).isEqualTo("unix:///elsewhere.sock");
            assertThat(PodmanAddress.locate(Optional.of("unix:///given.sock"), env::get).uri()).isEqualTo("unix:///given.sock");
        }
    }

    private void runAgainst(String host, Class<? extends ProgyException> type, String message, String fixHintPart)
            throws IOException {
        writeWorkspace("echo hi\n");
        Exercise hello = exercise("01_basics", "01_hello");
        try (Runner r = PROVIDER.create(ProviderConfig.of(Map.of("podman.host", host)))) {
            RunRequest request = new RunRequest(course(hello), hello, specFor("runner/check.sh", RunnerSpec.Limits.DEFAULT),
                    workspace, QUICK, Map.of());
            assertThatThrownBy(() -> r.run(request)).isInstanceOf(type).hasMessageContaining(message)
                    .extracting(e -> ((ProgyException) e).fixHint()).asString().contains(fixHintPart);
        }
    }

    @Test
    @DisplayName("a run against a service that is not there fails with a typed error saying it is not running")
    void engineGoneTyped() throws IOException {
        runAgainst("unix://" + root.resolve("gone.sock"), RunnerUnavailableException.class, "is not running",
                "systemctl --user start podman.socket");
    }

    @Test
    @DisplayName("a socket nobody listens on any more (connection refused) is a service that is not running")
    void refusedConnectionTyped() throws IOException {
        Path stale = root.resolve("stale.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(stale));
        }
        assertThat(stale).exists();
        runAgainst("unix://" + stale, RunnerUnavailableException.class, "is not running", "CONTAINER_HOST");
    }

    @Test
    @DisplayName("a Docker Engine's socket given as podman.host is refused: it is not Podman")
    void dockerEngineRefused() throws IOException {
        String docker = System.getenv("DOCKER_HOST");
        org.junit.jupiter.api.Assumptions.assumeTrue(docker != null && docker.startsWith("unix://")
                && Files.exists(Path.of(docker.substring("unix://".length()))), "no local Docker Engine to point at");
        runAgainst(docker, RunnerUnavailableException.class, "is not Podman", "docker runner");
    }

    @Test
    @DisplayName("a service older than libpod API 4.0 is too old; 4.0 and later are spoken")
    void oldApiRefused() {
        assertThat(EngineCheck.supported("3.4.4")).isFalse();
        assertThat(EngineCheck.supported("1.41")).isFalse();
        assertThat(EngineCheck.supported("4.0.0")).isTrue();
        assertThat(EngineCheck.supported("4.3.1")).isTrue();
        assertThat(EngineCheck.supported("5.2.0-dev")).isTrue();
    }

    @Test
    @DisplayName("an image that is not on the service is an error saying how to build it")
    void missingImage() throws IOException {
        writeWorkspace("echo hi\n");
        Exercise hello = exercise("01_basics", "01_hello");
        RunnerSpec s = specFor("runner/check.sh", RunnerSpec.Limits.DEFAULT);
        RunnerSpec missing = s.toBuilder().imageTag("progy/no-such-image:never").build();
        try (Runner r = runner()) {
            assertThatThrownBy(() -> r.run(new RunRequest(course(hello), hello, missing, workspace, QUICK, Map.of())))
                    .isInstanceOf(ProgyException.class).hasMessageContaining("progy/no-such-image:never")
                    .extracting(e -> ((ProgyException) e).fixHint()).asString().contains("podman build");
        }
        assertThat(PodmanEngine.managedContainers()).isEmpty();
    }

    @Test
    @DisplayName("invalid settings are refused, every problem listed")
    void invalidSettings() {
        assertThatThrownBy(() -> PROVIDER.create(ProviderConfig.of(Map.of("podman.host", "tcp://x:8080",
                "podman.build.timeout", "soon", "runner.warm", "maybe"))))
                .isInstanceOf(ProgyException.class).hasMessageContaining("podman.host (or CONTAINER_HOST) is 'tcp://x:8080'")
                .hasMessageContaining("podman.build.timeout is 'soon'").hasMessageContaining("runner.warm is 'maybe'");
    }

    @Test
    @DisplayName("a listener that throws stops the run at once, its exception reaches the caller, and the container is removed")
    void listenerFailureStopsRun() {
        Recording throwing = new Recording() {
            @Override
            public void output(String chunk) {
                throw new IllegalStateException("screen gone");
            }
        };
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> run("echo hi\nsleep 600\n", QUICK, Map.of(), throwing))
                .isInstanceOf(IllegalStateException.class).hasMessage("screen gone");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(SLACK);
        assertThat(PodmanEngine.managedContainers()).isEmpty();
    }
}
