package dev.progy.runner.podman;

import dev.progy.spi.RunnerProvider;
import dev.progy.spi.support.sandbox.SandboxPolicy;
import dev.progy.testkit.WarmRunnerContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Warm re-runs on Podman keep the warm runner contract: every scenario handed to the agent in a kept container. */
class PodmanWarmContractTest extends WarmRunnerContract {

    @BeforeAll
    static void engineRuns() {
        PodmanEngine.requireOrSkip();
    }

    @AfterAll
    static void noContainerLeft() {
        PodmanEngine.removeBuiltImages(KitCourse.ID);
        assertThat(PodmanEngine.managedContainers()).as("containers labelled " + SandboxPolicy.LABEL_MANAGED).isEmpty();
    }

    @Override
    protected RunnerProvider provider() {
        return new PodmanRunnerProvider();
    }

    @Override
    protected List<String> keptContainers() {
        return containersOfJvm(ProcessHandle.current().pid());
    }

    @Override
    protected List<String> containersOfJvm(long pid) {
        return PodmanEngine.managedContainers(pid).stream().map(c -> c.split(" ")[0]).toList();
    }

    @Override
    protected void afterOutOfMemory(Recording heard) {
        assertThat(heard.text()).as("told by the container's count, without a cold re-run")
                .doesNotContain(WarmRuns.RERUN_NOTE);
        assertThat(keptContainers()).as("a container that ran out of memory is not kept").isEmpty();
    }

    @Override
    protected void afterJvmExit(String keptId) {
        assertThat(eventually(() -> PodmanEngine.conmonsOf(Set.of(keptId)).isEmpty(), EXIT_SETTLE))
                .as("conmon processes left: " + PodmanEngine.conmonsOf(Set.of(keptId))).isTrue();
    }
}
