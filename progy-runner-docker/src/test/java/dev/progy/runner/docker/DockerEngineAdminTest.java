package dev.progy.runner.docker;

import com.github.dockerjava.api.DockerClient;
import dev.progy.spi.EngineReport;
import dev.progy.spi.Leftover;
import dev.progy.spi.ProviderConfig;
import dev.progy.spi.RunnerProvider;
import dev.progy.spi.container.ContainerEngine;
import dev.progy.spi.container.EngineLocation;
import dev.progy.testkit.EngineAdminContract;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** progy doctor and progy gc on dockerd: what the engine reports, what crashed runs left, and removing it. */
class DockerEngineAdminTest extends EngineAdminContract {

    @BeforeAll
    static void engineRuns() {
        DockerEngine.requireOrSkip();
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
    protected String hostKey() {
        return DockerRunnerConfig.HOST_KEY;
    }

    @Override
    protected String hostVariable() {
        return "DOCKER_HOST";
    }

    @Override
    protected String engineName() {
        return "Docker Engine";
    }

    @Override
    protected List<String> startWords() {
        return List.of("systemctl start docker");
    }

    @Override
    protected List<String> placesLooked() {
        return List.of("/var/run/docker.sock", "rootless Docker", "Docker Desktop", "Colima");
    }

    @Override
    protected List<String> moreDetails() {
        return List.of("operating system", "kernel");
    }

    @Override
    protected void checkReport(EngineReport report) {
        assertThat(report.apiVersion()).matches("1\\.\\d+");
        assertThat(DockerEngineAdmin.apiBelow(report.apiVersion(), DockerEngineAdmin.MIN_API_VERSION)).isFalse();
    }

    @Override
    protected List<Leftover.Kind> otherKinds() {
        return List.of(Leftover.Kind.NETWORK, Leftover.Kind.VOLUME);
    }

    @Override
    protected String create(Leftover.Kind kind, String name, Map<String, String> labels) {
        try (DockerClient docker = DockerEngine.client()) {
            return switch (kind) {
                case NETWORK -> docker.createNetworkCmd().withName(name).withLabels(labels).withInternal(true).exec()
                        .getId();
                case VOLUME -> docker.createVolumeCmd().withName(name).withLabels(labels).exec().getName();
                default -> throw new IllegalArgumentException("Docker makes no " + kind);
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    @DisplayName("API versions are compared part by part: 1.9 and 1.40 are older than 1.41, 1.41 and 1.43 are not")
    void apiVersions() {
        assertThat(DockerEngineAdmin.apiBelow("1.40", "1.41")).isTrue();
        assertThat(DockerEngineAdmin.apiBelow("1.9", "1.41")).isTrue();
        assertThat(DockerEngineAdmin.apiBelow("1.41", "1.41")).isFalse();
        assertThat(DockerEngineAdmin.apiBelow("1.43", "1.41")).isFalse();
        assertThat(DockerEngineAdmin.apiBelow("2.0", "1.41")).isFalse();
    }
}
