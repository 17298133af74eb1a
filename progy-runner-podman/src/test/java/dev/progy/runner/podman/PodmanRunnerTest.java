package dev.progy.runner.podman;

import dev.progy.model.RunnerSpec;
import dev.progy.model.RunnerType;
import dev.progy.spi.ProviderConfig;
import dev.progy.spi.Runner;
import dev.progy.spi.support.SandboxPolicy;
import dev.progy.testkit.RunnerContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class PodmanRunnerTest extends RunnerContract {

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
    protected RunnerSpec specFor(String script, RunnerSpec.Limits limits) {
        RunnerSpec s = spec(RunnerType.DOCKER_FILE, "sh", List.of(script, "{{exercise}}"), limits);
        return new RunnerSpec(s.id(), s.name(), s.type(), s.command(), s.args(), s.cwd(), s.dockerfile(),
                Optional.of(PodmanEngine.IMAGE), s.networkAccess(), s.composeFile(), s.serviceToRun(), s.limits());
    }

    @Override
    protected boolean processesVisibleFromHost() {
        // true on a local service (its containers' processes are this host's), but not in a Podman machine
        return false;
    }
}
