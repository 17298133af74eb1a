package dev.progy.testkit;

import dev.progy.spi.RunnerProvider;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every runner that runs in containers does beyond {@link RunnerContract}, whatever its engine: it leaves no
 * container behind when its JVM ends in the middle of a run. A container adapter's test extends this class and
 * says how to find the containers of a JVM.
 */
public abstract class ContainerRunnerContract extends RunnerContract {

    /** The provider under test; a child JVM makes a runner of its own with it. */
    protected abstract RunnerProvider provider();

    /** The ids of the containers a JVM made, by the JVM's pid. */
    protected abstract List<String> containersOfJvm(long pid);

    /** The prebuilt image the tests run in. */
    protected String image() {
        return System.getenv().getOrDefault("PROGY_TEST_IMAGE", "progy/busybox:test");
    }

    @Test
    @DisplayName("a JVM ended in the middle of a run removes the run's container on its way out")
    void jvmExitRemovesContainer() throws Exception {
        writeWorkspace("echo running\nsleep 600\n");
        Files.createDirectories(root.resolve("course"));
        Process child = ContainerRunInChildJvm.startRunning(provider(), workspace, root.resolve("course"), image(),
                false);
        try {
            assertThat(containersOfJvm(child.pid())).hasSize(1);
            child.destroy(); // SIGTERM: the JVM runs its shutdown hooks, as on Ctrl-C
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(eventually(() -> containersOfJvm(child.pid()).isEmpty(), SLACK)).as("no container left").isTrue();
    }
}
