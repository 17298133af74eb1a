package dev.progy.spi.support.sandbox;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class RunOwnerTest {

    private static Map<String, String> labels(String host, long pid) {
        return Map.of(SandboxPolicy.LABEL_MANAGED, "true", SandboxPolicy.LABEL_HOST, host,
                SandboxPolicy.LABEL_PID, Long.toString(pid));
    }

    @Test
    @DisplayName("a thing of a process that has ended on this machine is over; one of a live process is not")
    void endedProcessIsOver() throws Exception {
        Process child = new ProcessBuilder("true").start();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(RunOwner.whyOver(labels(RunOwner.thisHost(), child.pid()), false))
                .hasValue("its run's process " + child.pid() + " is gone");
        assertThat(RunOwner.whyOver(labels(RunOwner.thisHost(), ProcessHandle.current().pid()), false)).isEmpty();
        assertThat(RunOwner.whyOver(labels(RunOwner.thisHost(), 1), false)).isEmpty();
    }

    @Test
    @DisplayName("another machine's pid is never judged, nor a missing pid; an unlabelled host counts only for a local engine")
    void otherHostsNeverJudged() throws Exception {
        Process child = new ProcessBuilder("true").start();
        child.waitFor(30, TimeUnit.SECONDS);
        assertThat(RunOwner.whyOver(labels("elsewhere-" + RunOwner.thisHost(), child.pid()), true)).isEmpty();
        assertThat(RunOwner.whyOver(Map.of(SandboxPolicy.LABEL_HOST, RunOwner.thisHost()), true)).isEmpty();
        Map<String, String> unlabelled = Map.of(SandboxPolicy.LABEL_PID, Long.toString(child.pid()));
        assertThat(RunOwner.whyOver(unlabelled, false)).isEmpty();
        assertThat(RunOwner.whyOver(unlabelled, true)).isPresent();
        assertThat(RunOwner.thisHost()).isNotBlank();
    }
}
