package dev.progy.runner.podman;

import dev.progy.model.RunnerSpec;
import dev.progy.spi.ProviderConfig;
import dev.progy.spi.Runner;
import dev.progy.spi.RunnerProvider;
import dev.progy.spi.support.SandboxPolicy;
import dev.progy.testkit.RunnerContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Warm re-runs keep the runner contract: every scenario handed to the agent in a kept container. */
class PodmanWarmContractTest extends RunnerContract {

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
        return new PodmanRunnerProvider().create(ProviderConfig.of(Map.of(RunnerProvider.WARM_KEY, "true")));
    }

    @Override
    protected RunnerSpec specFor(String script, RunnerSpec.Limits limits) {
        return KitCourse.spec(limits);
    }

    @Override
    protected RunnerSpec specWith(Toolchain toolchain, String script, RunnerSpec.Limits limits) {
        return dockerfileSpec(toolchain.dockerfile(), script, limits);
    }

    @Override
    protected boolean processesVisibleFromHost() {
        return false;
    }
}
