package dev.progy.runner.docker;

import dev.progy.spi.ProviderConfig;
import dev.progy.spi.Runner;
import dev.progy.spi.RunnerProvider;

import java.util.Map;

/** The adversarial suite again with warm re-runs on, as {@code progy watch} runs: each attack is an exec. */
class DockerWarmSandboxAttackTest extends DockerSandboxAttackTest {

    @Override
    protected Runner runner() {
        return new DockerRunnerProvider().create(ProviderConfig.of(Map.of(RunnerProvider.WARM_KEY, "true")));
    }
}
