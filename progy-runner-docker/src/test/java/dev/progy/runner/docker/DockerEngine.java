package dev.progy.runner.docker;

import dev.progy.spi.container.EngineLocation;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.progy.spi.ProviderConfig;
import dev.progy.spi.support.sandbox.SandboxPolicy;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.fail;

/** The Docker Engine the tests run on ({@code DOCKER_HOST}), as scripts/engines.sh starts it. */
final class DockerEngine {

    /** The base image scripts/engines.sh imports. */
    static final String IMAGE = System.getenv().getOrDefault("PROGY_TEST_IMAGE", "progy/busybox:test");

    private DockerEngine() { }

    /** Skips the calling tests when the engine or its image is missing, or fails them in CI (PROGY_REQUIRE_ENGINES=1). */
    static void requireOrSkip() {
        String problem = problem();
        if (problem == null) {
            return;
        }
        String why = problem + " (scripts/engines.sh up, then source /tmp/progy-engines/env)";
        if ("1".equals(System.getenv("PROGY_REQUIRE_ENGINES"))) {
            fail("PROGY_REQUIRE_ENGINES=1 but " + why);
        }
        Assumptions.abort(why);
    }

    private static String problem() {
        DockerRunnerConfig config = DockerRunnerConfig.of(ProviderConfig.empty());
        var availability = DockerAddress.availability(new EngineLocation(config.dockerHost()));
        if (!availability.usable()) {
            return availability.reason();
        }
        try (DockerClient docker = client()) {
            docker.pingCmd().exec();
            docker.inspectImageCmd(IMAGE).exec();
            return null;
        } catch (IOException | RuntimeException e) {
            return "the Docker Engine at " + config.dockerHost() + " or its image " + IMAGE + " is not usable: " + e;
        }
    }

    /** The ids of containers labelled as Progy's, running or not. */
    static List<String> containersOfCourse(String course) {
        try (DockerClient docker = client()) {
            return docker.listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of(SandboxPolicy.LABEL_COURSE, course)).exec()
                    .stream().map(c -> c.getId() + " " + List.of(c.getNames())).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> managedContainers() {
        try (DockerClient docker = client()) {
            return docker.listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of(SandboxPolicy.LABEL_MANAGED, "true")).exec()
                    .stream().map(c -> c.getId() + " " + List.of(c.getNames())).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The ids of containers labelled as Progy's that this JVM made, running or not. */
    static List<String> containersOfThisJvm() {
        return labelled(Map.of(SandboxPolicy.LABEL_MANAGED, "true",
                SandboxPolicy.LABEL_PID, Long.toString(ProcessHandle.current().pid())));
    }

    /** The ids of the warm containers this JVM made, running or not. */
    static List<String> warmContainersOfThisJvm() {
        return labelled(Map.of(SandboxPolicy.LABEL_MANAGED, "true", WarmContainer.LABEL_WARM, "true",
                SandboxPolicy.LABEL_PID, Long.toString(ProcessHandle.current().pid())));
    }

    /** The ids of the containers, running or not, labelled with all of {@code labels}. */
    static List<String> labelled(Map<String, String> labels) {
        try (DockerClient docker = client()) {
            return docker.listContainersCmd().withShowAll(true).withLabelFilter(labels).exec()
                    .stream().map(c -> c.getId()).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The id of the image {@code tag}, if the engine has it. */
    static Optional<String> imageId(String tag) {
        try (DockerClient docker = client()) {
            return Optional.of(docker.inspectImageCmd(tag).exec().getId());
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Removes the images Progy built for {@code course} (labelled as Progy's and the course's). */
    static void removeBuiltImages(String course) {
        try (DockerClient docker = client()) {
            for (var image : docker.listImagesCmd().withLabelFilter(Map.of(SandboxPolicy.LABEL_MANAGED, "true",
                    SandboxPolicy.LABEL_COURSE, course)).exec()) {
                docker.removeImageCmd(image.getId()).withForce(true).exec();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static DockerClient client() {
        var config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(DockerRunnerConfig.of(ProviderConfig.empty()).dockerHost()).build();
        return DockerClientImpl.getInstance(config, new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost()).sslConfig(config.getSSLConfig()).build());
    }
}
