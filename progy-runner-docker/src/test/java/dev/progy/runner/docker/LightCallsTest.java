package dev.progy.runner.docker;

import dev.progy.spi.ProviderConfig;
import dev.progy.spi.container.EngineLocation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two calls every run makes (is the course's image there; how did the container end) read the engine's answer
 * without docker-java's response models: building Jackson's deserializers for them was ≈ 38 % of a cold Docker
 * {@code progy run}'s CPU. Seen in a fresh JVM, as a user's command starts.
 */
class LightCallsTest {

    @BeforeAll
    static void engine() {
        DockerEngine.requireOrSkip();
    }

    @Test
    void aRunsCallsLoadNoInspectionModels() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(List.of(java, "-Xshare:off", "-verbose:class", "-cp",
                System.getProperty("java.class.path"), InChildJvm.class.getName(), DockerEngine.IMAGE))
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes());
        assertThat(child.waitFor()).as(output).isZero();
        assertThat(output).contains("image there: true", "missing image there: false",
                "ended: ContainerEnd[running=false, exitCode=3, oomKilled=false");
        assertThat(output).as("docker-java's inspection models, whose deserializers cost a run most of its CPU")
                .doesNotContain("com.github.dockerjava.api.command.InspectImageResponse ")
                .doesNotContain("com.github.dockerjava.api.command.InspectContainerResponse ");
    }

    @Test
    void anotherAnswerIsLeftToDockerJava() {
        try (var docker = DockerAddress.connect(new EngineLocation(DockerRunnerConfig.of(ProviderConfig.empty())
                .dockerHost()))) {
            assertThat(LightCalls.containerEnd(docker, "progy-no-such-container")).isEmpty();
            assertThat(LightCalls.imageExists(docker, "needs escaping?")).isEmpty();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Looks up an image there and one not, runs a container that exits 3 and reads how it ended. */
    static final class InChildJvm {
        public static void main(String[] args) throws Exception {
            EngineLocation address = new EngineLocation(DockerRunnerConfig.of(ProviderConfig.empty()).dockerHost());
            try (var docker = DockerAddress.connect(address)) {
                DockerEngineCalls calls = new DockerEngineCalls(docker, address);
                System.out.println("image there: " + calls.imageExists(args[0]));
                System.out.println("missing image there: " + calls.imageExists("progy-test/no-such-image:none"));
                String id = docker.createContainerCmd(args[0]).withCmd("sh", "-c", "exit 3").exec().getId();
                try {
                    docker.startContainerCmd(id).exec();
                    docker.waitContainerCmd(id).start().awaitStatusCode();
                    System.out.println("ended: " + LightCalls.containerEnd(docker, id).orElseThrow());
                } finally {
                    docker.removeContainerCmd(id).withForce(true).exec();
                }
            }
        }
    }
}
