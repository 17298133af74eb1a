package dev.progy.runner.podman;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OomKillsTest {

    private static final String ID = "a".repeat(64);

    @Test
    @DisplayName("on a hybrid host the v1 memory hierarchy's oom_control comes first, then v2's memory.events")
    void hybridHost() {
        List<Path> files = OomKills.counterFiles(List.of(
                "12:pids:/libpod_parent/libpod-" + ID,
                "4:memory:/libpod_parent/libpod-" + ID,
                "1:name=systemd:/libpod_parent/libpod-" + ID,
                "0::/libpod_parent/libpod-" + ID));
        assertThat(files).containsExactly(
                Path.of("/sys/fs/cgroup/memory/libpod_parent/libpod-" + ID + "/memory.oom_control"),
                Path.of("/sys/fs/cgroup/libpod_parent/libpod-" + ID + "/memory.events"));
    }

    @Test
    @DisplayName("on a cgroups v2 host (a rootless user's slice, say) memory.events of the one hierarchy")
    void unifiedHost() {
        String scope = "/user.slice/user-1000.slice/user@1000.service/user.slice/libpod-" + ID + ".scope";
        assertThat(OomKills.counterFiles(List.of("0::" + scope)))
                .containsExactly(Path.of("/sys/fs/cgroup" + scope + "/memory.events"));
    }

    @Test
    @DisplayName("lines without a path, and controllers other than memory, name nothing")
    void nothingElse() {
        assertThat(OomKills.counterFiles(List.of("3:cpu,cpuacct:/x", "garbage", "5:memory:"))).isEmpty();
    }

    @Test
    @DisplayName("a container whose cgroup is not on this machine has no counter")
    void notHere() {
        assertThat(OomKills.of("f".repeat(64), 0)).isEmpty();
        // this JVM's own cgroup never names the container: a pid from another pid namespace is never read
        assertThat(OomKills.of("f".repeat(64), ProcessHandle.current().pid())).isEmpty();
    }
}
