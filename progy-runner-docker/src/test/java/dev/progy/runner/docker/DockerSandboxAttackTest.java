package dev.progy.runner.docker;

import dev.progy.model.RunnerSpec;
import dev.progy.model.RunnerType;
import dev.progy.spi.ProviderConfig;
import dev.progy.spi.Runner;
import dev.progy.testkit.SandboxAttackContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.util.List;
import java.util.Optional;

/** The adversarial suite on a real Docker Engine, with the course's image built from its Dockerfile. */
class DockerSandboxAttackTest extends SandboxAttackContract {

    @BeforeAll
    static void engineRuns() {
        DockerEngine.requireOrSkip();
    }

    @AfterAll
    static void removeImages() {
        DockerEngine.removeBuiltImages(COURSE);
    }

    @Override
    protected Runner runner() {
        return new DockerRunnerProvider().create(ProviderConfig.empty());
    }

    @Override
    protected RunnerSpec specFor(String script, RunnerSpec.Limits limits) {
        return RunnerSpec.builder("check", RunnerType.DOCKER_FILE).command("sh").args(List.of(script, "{{exercise}}"))
                .limits(limits).build();
    }

    @Override
    protected String baseImage() {
        return DockerEngine.IMAGE;
    }

    @Override
    protected List<String> containersOfCourse() {
        return DockerEngine.containersOfCourse(COURSE);
    }
}
