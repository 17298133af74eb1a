package dev.progy.runner.podman;

import dev.progy.spi.ProviderConfig;
import dev.progy.spi.Runner;
import dev.progy.spi.RunnerProvider;

import java.util.Map;

/**
 * Warm re-runs by exec sessions, as where the agent's pipes cannot reach the container ({@value
 * PodmanRunnerConfig#WARM_AGENT_KEY} {@code false}), keep the warm runner contract too; without the agent, an
 * image without {@code sleep} cannot keep a container up and runs cold.
 */
class PodmanWarmExecContractTest extends PodmanWarmContractTest {

    @Override
    protected Runner runner() {
        return new PodmanRunnerProvider().create(ProviderConfig.of(Map.of(RunnerProvider.WARM_KEY, "true",
                PodmanRunnerConfig.WARM_AGENT_KEY, "false")));
    }

    @Override
    protected boolean agentKeepsImagesWithoutSleepWarm() {
        return false;
    }
}
