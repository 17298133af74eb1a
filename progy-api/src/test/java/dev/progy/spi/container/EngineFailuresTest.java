package dev.progy.spi.container;

import dev.progy.error.RunnerUnavailableException;
import dev.progy.spi.container.ContainerEngine.EngineWords;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How an engine's failures read, the same on every engine but for its words and fixes. */
class EngineFailuresTest {

    private static final EngineFailures FAILURES = new EngineFailures(
            new EngineWords("kit", "the Kit engine", "kit", "kit.build.timeout"), "Kit socket", "read the kit log",
            "join the kit group", "start kit");
    private static final EngineLocation ADDRESS = new EngineLocation("unix:///run/kit.sock",
            List.of("/run/kit.sock (KIT_HOST)", "/var/run/kit.sock"));

    @Test
    @DisplayName("the engine's refusal names the engine, what it could not do and the first line of its reason")
    void answered() {
        RunnerUnavailableException e = FAILURES.answered(ADDRESS, "create the exercise's container",
                "no such image\nmore detail");
        assertThat(e).hasMessage("the Kit engine at unix:///run/kit.sock could not create the exercise's container:"
                + " no such image");
        assertThat(e.fixHint()).isEqualTo("read the kit log");
        assertThat(e.attempts()).containsExactly("kit: no such image");
    }

    @Test
    @DisplayName("a socket not ours to use says so, with the fix for permissions")
    void denied() {
        RunnerUnavailableException e = FAILURES.unreachable(ADDRESS, "connect: Permission denied");
        assertThat(e).hasMessage("no permission to use the Kit socket /run/kit.sock");
        assertThat(e.fixHint()).isEqualTo("join the kit group");
    }

    @Test
    @DisplayName("an engine not running says why, and where else it was looked for")
    void notRunningAndLooked() {
        RunnerUnavailableException e = FAILURES.looked(FAILURES.unreachable(ADDRESS, "No such file or directory"),
                ADDRESS);
        assertThat(e).hasMessage("the Kit engine at unix:///run/kit.sock is not running (No such file or directory)");
        assertThat(e.fixHint()).isEqualTo("start kit");
        assertThat(e.attempts()).containsExactly("kit: cannot reach unix:///run/kit.sock: No such file or directory",
                "kit: looked at /run/kit.sock (KIT_HOST)", "kit: looked at /var/run/kit.sock");
        assertThat(e.tried()).hasSize(1);
    }

    @Test
    @DisplayName("the causes of a failure read as one line, each message once")
    void causes() {
        Exception e = new RuntimeException("could not connect", new java.io.IOException("Connection refused"));
        assertThat(EngineFailures.causes(e)).isEqualTo("could not connect: Connection refused");
        assertThat(EngineFailures.causes(new RuntimeException())).isEqualTo("it did not answer");
    }
}
