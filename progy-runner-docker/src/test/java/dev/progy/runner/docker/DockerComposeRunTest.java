package dev.progy.runner.docker;

import com.github.dockerjava.api.DockerClient;
import dev.progy.error.RunnerUnavailableException;
import dev.progy.spi.Leftover;
import dev.progy.spi.ProviderConfig;
import dev.progy.spi.Runner;
import dev.progy.spi.RunnerProvider;
import dev.progy.spi.container.ContainerEngine;
import dev.progy.spi.container.EngineLocation;
import dev.progy.testkit.ComposeCourse;
import dev.progy.testkit.ComposeRunnerContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** docker-compose runners on dockerd: the services and the test on an internal network of the run's own. */
class DockerComposeRunTest extends ComposeRunnerContract {

    @BeforeAll
    static void engineRuns() {
        DockerEngine.requireOrSkip();
    }

    @AfterAll
    static void removeBuiltImages() {
        DockerEngine.removeBuiltImages(ComposeCourse.COURSE);
    }

    @Override
    protected RunnerProvider provider() {
        return new DockerRunnerProvider();
    }

    @Override
    protected <T> T onEngine(Function<ContainerEngine, T> call) {
        EngineLocation address = new EngineLocation(DockerRunnerConfig.of(ProviderConfig.empty()).dockerHost());
        try (DockerClient docker = DockerEngine.client()) {
            return call.apply(new DockerEngineCalls(docker, address));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected Leftover.Kind sharedPlace() {
        return Leftover.Kind.NETWORK;
    }

    @Override
    protected void assertCutOff(String output) {
        assertThat(output).as("the gateway, if the network has one, was probed").contains("gateway=");
    }

    @Test
    @DisplayName("on Podman's Docker-compatible socket, which cannot cut the run's network off from the host, a compose run is refused before anything is made")
    void podmanCompatibleSocketRefused() {
        String podman = System.getenv("CONTAINER_HOST");
        Assumptions.assumeTrue(podman != null && podman.startsWith("unix://")
                && Files.exists(Path.of(podman.substring("unix://".length()))), "no Podman socket (CONTAINER_HOST)");
        try (Runner onPodman = new DockerRunnerProvider().create(ProviderConfig.of(Map.of("docker.host", podman)))) {
            assertThatThrownBy(() -> onPodman.run(kit.request(TIMEOUT, Map.of()), new Heard()))
                    .isInstanceOf(RunnerUnavailableException.class).hasMessageContaining("Podman")
                    .extracting(e -> ((RunnerUnavailableException) e).fixHint()).asString().contains("--engine podman");
        }
    }
}
