package dev.progy.runner.podman;

import dev.progy.model.RunnerSpec;
import dev.progy.model.RunnerType;
import dev.progy.spi.ProviderConfig;
import dev.progy.spi.Runner;
import dev.progy.spi.support.sandbox.SandboxPolicy;
import dev.progy.testkit.SandboxAttackContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The adversarial suite on a real Podman service, with the course's image built from its Dockerfile. */
class PodmanSandboxAttackTest extends SandboxAttackContract {

    @BeforeAll
    static void engineRuns() {
        PodmanEngine.requireOrSkip();
    }

    @AfterAll
    static void removeImages() {
        PodmanEngine.removeBuiltImages(COURSE);
    }

    @Override
    protected Runner runner() {
        return new PodmanRunnerProvider().create(ProviderConfig.empty());
    }

    @Override
    protected RunnerSpec specFor(String script, RunnerSpec.Limits limits) {
        return RunnerSpec.builder("check", RunnerType.DOCKER_FILE).command("sh").args(List.of(script, "{{exercise}}"))
                .limits(limits).build();
    }

    @Override
    protected String baseImage() {
        return PodmanEngine.IMAGE;
    }

    @Override
    protected List<String> containersOfCourse() {
        try (LibpodClient podman = new LibpodClient(PodmanEngine.address())) {
            return podman.list(Map.of(SandboxPolicy.LABEL_COURSE, COURSE)).stream()
                    .map(c -> String.join(",", c.names()) + " (" + c.state() + ")").toList();
        }
    }
}
