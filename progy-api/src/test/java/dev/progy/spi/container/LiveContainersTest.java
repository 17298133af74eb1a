package dev.progy.spi.container;

import dev.progy.error.ProgyException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The registry of a runner's containers that closing it or the JVM's exit removes, on no engine at all. */
class LiveContainersTest {

    private final LiveContainers live = new LiveContainers();
    private final List<String> removed = new ArrayList<>();

    @Test
    @DisplayName("the sweep removes every container noted; one the engine refuses to remove stays noted")
    void sweepKeepsWhatItCannotRemove() {
        live.create(() -> "a");
        live.add("b", removed::add);
        live.add("c", removed::add);
        live.removeAll(id -> {
            if (id.equals("b")) {
                throw new IllegalStateException("engine gone");
            }
            removed.add(id);
        });
        assertThat(removed).containsExactly("a", "c");
        assertThat(live.snapshot()).containsExactly("b");
    }

    @Test
    @DisplayName("once closed, no container is made, and one made meanwhile is removed at once and its run stopped")
    void nothingNewOnceClosed() {
        live.close();
        List<String> made = new ArrayList<>();
        assertThatThrownBy(() -> live.create(() -> {
            made.add("x");
            return "x";
        })).isInstanceOf(ProgyException.class).hasMessage("Progy is exiting: no new container is started");
        assertThat(made).isEmpty();
        assertThatThrownBy(() -> live.add("y", removed::add)).isInstanceOf(ProgyException.class)
                .hasMessage("the run was stopped: the runner is closing (Progy is exiting)");
        assertThat(removed).containsExactly("y");
        assertThat(live.snapshot()).isEmpty();
        assertThat(live.closed()).isTrue();
    }

    @Test
    @DisplayName("a closed runner that is used again lets containers in again")
    void reopened() {
        live.close();
        live.reopen();
        assertThat(live.create(() -> "z")).isEqualTo("z");
        live.remove("z");
        assertThat(live.snapshot()).isEmpty();
    }

    @Test
    @DisplayName("the exec sessions still on are listed until they are over")
    void sessions() {
        live.addSession("s1");
        live.addSession("s2");
        live.removeSession("s1");
        assertThat(live.sessions()).containsExactly("s2");
    }
}
