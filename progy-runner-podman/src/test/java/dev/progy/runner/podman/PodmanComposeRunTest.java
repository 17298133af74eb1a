package dev.progy.runner.podman;

import dev.progy.model.RunResult;
import dev.progy.spi.Leftover;
import dev.progy.spi.RunnerProvider;
import dev.progy.spi.container.ContainerEngine;
import dev.progy.testkit.ComposeCourse;
import dev.progy.testkit.ComposeRunnerContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** docker-compose runners on Podman: the services and the test in a pod of the run's own. */
class PodmanComposeRunTest extends ComposeRunnerContract {

    @BeforeAll
    static void serviceRuns() {
        PodmanEngine.requireOrSkip();
    }

    @AfterAll
    static void removeBuiltImages() {
        PodmanEngine.removeBuiltImages(ComposeCourse.COURSE);
    }

    @Override
    protected RunnerProvider provider() {
        return new PodmanRunnerProvider();
    }

    @Override
    protected <T> T onEngine(Function<ContainerEngine, T> call) {
        try (LibpodClient podman = new LibpodClient(PodmanEngine.address())) {
            return call.apply(new PodmanEngineCalls(podman));
        }
    }

    @Override
    protected Leftover.Kind sharedPlace() {
        return Leftover.Kind.POD;
    }

    @Override
    protected void assertCutOff(String output) {
        assertThat(output).as("the pod's network namespace holds no route at all").contains("routes=0");
    }

    @Override
    protected void checkNothingElseLeft() {
        assertThat(hostsFolders()).as("hosts files of the runs").isEmpty();
    }

    @Override
    protected void killedRunLeft(Path tmp) throws IOException {
        for (Path folder : hostsFolders()) {
            Files.deleteIfExists(folder.resolve("hosts"));
            Files.deleteIfExists(folder);
        }
    }

    @Test
    @DisplayName("the test runs under the sandbox inside the pod: not root, no capabilities, read-only root, only loopback, and the services' names")
    void testSandboxedInPod() throws IOException {
        kit.script("""
                echo "uid=$(id -u)"
                grep -E '^(CapEff|NoNewPrivs)' /proc/self/status
                touch /planted 2>/dev/null && echo "root written" || echo "root read-only"
                echo "interfaces: $(tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' ' | tr '\\n' ' ')"
                grep -E '^127\\.0\\.0\\.1' /etc/hosts
                """);
        RunResult result = run(TIMEOUT, Map.of(), new Heard());
        assertThat(result.output()).contains("CapEff:\t0000000000000000", "NoNewPrivs:\t1", "root read-only",
                "interfaces: lo \n", "127.0.0.1\tlocalhost seed web app").doesNotContain("uid=0\n");
    }

    /** The hosts-file folders of runs in this test's temporary folder (the child JVMs') and the shared one. */
    private List<Path> hostsFolders() {
        List<Path> found = new ArrayList<>();
        for (Path tmp : List.of(root.resolve("tmp"), Path.of(System.getProperty("java.io.tmpdir")))) {
            if (!Files.isDirectory(tmp)) {
                continue;
            }
            try (Stream<Path> entries = Files.list(tmp)) {
                entries.filter(p -> p.getFileName().toString().startsWith("progy-pod-"))
                        .filter(p -> Files.exists(p.resolve("hosts")) && mine(p)).forEach(found::add);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return found;
    }

    /** Whether a hosts file names the example course's services (other runs on this machine write their own). */
    private static boolean mine(Path folder) {
        try {
            return Files.readString(folder.resolve("hosts")).contains("localhost seed web app");
        } catch (IOException gone) {
            return false;
        }
    }
}
