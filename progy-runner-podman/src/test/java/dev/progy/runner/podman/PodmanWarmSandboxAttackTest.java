package dev.progy.runner.podman;

import dev.progy.spi.ProviderConfig;
import dev.progy.spi.Runner;
import dev.progy.spi.RunnerProvider;

import java.util.Map;

/** The adversarial suite again with warm re-runs on, as {@code progy watch} runs: each attack is an exec. */
class PodmanWarmSandboxAttackTest extends PodmanSandboxAttackTest {

    @Override
    protected Runner runner() {
        return new PodmanRunnerProvider().create(ProviderConfig.of(Map.of(RunnerProvider.WARM_KEY, "true")));
    }
}
