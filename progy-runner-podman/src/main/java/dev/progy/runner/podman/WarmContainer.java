package dev.progy.runner.podman;

import dev.progy.spi.container.LiveContainers;
import dev.progy.error.RunnerUnavailableException;
import dev.progy.spi.RunRequest;
import dev.progy.spi.support.protocol.CappedOutput;
import dev.progy.spi.support.sandbox.SandboxPolicy;
import dev.progy.spi.support.sandbox.WarmAgent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.stream.Stream;

/**
 * A sandboxed container kept alive between runs, for warm re-runs: made under the same {@link SandboxPolicy} as a
 * run's container (it has a policy of its own, for its own output folder and labels), running a {@link WarmAgent}
 * instead of the check. Runs go to the agent one at a time (it empties {@code /tmp} and {@code $HOME} first, and
 * counts what is left after); where the agent cannot work (its pipes do not reach into the container), they exec
 * into it, each behind {@link #FRESH_TMP}, and the runner checks after each that nothing of the run is left running
 * ({@link #idle()}).
 */
final class WarmContainer {

    /** What keeps the container up: sleeping for about 68 years. */
    static final List<String> KEEP_ALIVE = List.of("sleep", "2147483647");
    /**
     * Put before a run's command: empties {@code /tmp} and {@code $HOME} of what earlier runs left, as the run's
     * user (who owns all of it; write permission is given back first, so nothing a run locked stays), then replaces
     * itself with the command. A constant script: the command's words follow as its arguments ({@code "$@"}), never as script text.
     * It saves an exec session per run (about as costly as the run itself) over emptying them apart.
     */
    static final List<String> FRESH_TMP = List.of("sh", "-c",
            "for d in /tmp " + SandboxPolicy.HOME_PATH + "; do chmod -R u+rwx \"$d\"/* \"$d\"/.[!.]* \"$d\"/..?* 2>/dev/null;"
            + " rm -rf \"$d\"/* \"$d\"/.[!.]* \"$d\"/..?* 2>/dev/null; done; exec \"$@\"", "progy-run");
    /** Label of kept containers: {@code true}. */
    static final String LABEL_WARM = "dev.progy.warm";
    /** How many runs a container serves before a fresh one replaces it (the service keeps each exec session). */
    static final int MAX_RUNS = 100;
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(10);
    /** How long a new container's agent may take to answer its first, empty run. */
    private static final Duration AGENT_WAIT = Duration.ofSeconds(3);

    private final LibpodClient podman;
    private final WarmKey key;
    private final String id;
    private final SandboxPolicy own;
    private final LiveContainers live;
    /** The agent that takes the runs; empty when they exec instead. */
    private Optional<WarmAgent> agent = Optional.empty();
    /** The container's OOM kill count, where it can be read here; the container outlives each run, and so does it. */
    private Optional<OomKills> oomKills = Optional.empty();
    private int runs;
    private boolean removed;

    private WarmContainer(LibpodClient podman, WarmKey key, String id, SandboxPolicy own, LiveContainers live) {
        this.podman = podman;
        this.key = key;
        this.id = id;
        this.own = own;
        this.live = live;
    }

    /**
     * Makes and starts a kept container for runs like {@code request}'s; empty when it does not stay up or cannot
     * take runs (the image has no {@code sh}, say), so runs of this kind go cold.
     */
    static Optional<WarmContainer> start(LibpodClient podman, EngineCheck engine, ExecutorService threads,
                                         RunRequest request, WarmKey key, LiveContainers live, boolean useAgent) {
        SandboxPolicy own = SandboxPolicy.builder(request).build();
        Optional<WarmAgent> agent = useAgent ? WarmAgent.open(own) : Optional.empty();
        String id = null;
        try {
            Map<String, String> labels = new TreeMap<>(own.labels());
            labels.put(LABEL_WARM, "true");
            id = podman.create(ContainerSpec.forWarm(own, key.image(), engine.rootless(), own.containerName(),
                    agent.isPresent() ? WarmAgent.command() : KEEP_ALIVE, labels, own.outputDir(),
                    agent.map(WarmAgent::folder)));
            live.add(id, gone -> ContainerRun.remove(podman, gone));
            podman.start(id);
            WarmContainer warm = new WarmContainer(podman, key, id, own, live);
            warm.agent = agent;
            LibpodClient.ContainerState state = podman.inspect(id);
            if (state.running() && agent.isPresent() && !agent.get().ready(threads, AGENT_WAIT)) {
                warm.agent = Optional.empty(); // it keeps the container up all the same; runs exec instead
            }
            if (!state.running() || (warm.agent.isEmpty() && !warm.canRunFresh(threads, own.user()))) {
                warm.remove();
                return Optional.empty();
            }
            warm.oomKills = OomKills.of(id, state.pid());
            return Optional.of(warm);
        } catch (LibpodException e) {
            if (id != null) {
                ContainerRun.remove(podman, id);
                live.remove(id);
            }
            agent.ifPresent(WarmAgent::close);
            own.close();
            return Optional.empty();
        } catch (RuntimeException e) {
            agent.ifPresent(WarmAgent::close);
            own.close();
            throw e;
        }
    }

    /** The agent that takes this container's runs; empty when they exec into it instead. */
    Optional<WarmAgent> agent() {
        return agent;
    }

    WarmKey key() {
        return key;
    }

    String id() {
        return id;
    }

    /** Where the runs' {@code results.json} lands on the host. */
    Path outputDir() {
        return own.outputDir();
    }

    /** Empties the output folder, so a run reads only its own results. */
    void clearOutput() throws IOException {
        try (Stream<Path> all = Files.walk(own.outputDir())) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(own.outputDir())) {
                    Files.deleteIfExists(p); // a link is deleted, never followed
                }
            }
        }
    }

    /** How many processes the OOM killer has ended in the container so far; empty when it cannot be read here. */
    OptionalLong oomKills() {
        return oomKills.map(OomKills::read).orElse(OptionalLong.empty());
    }

    /** Counts a run; false once the container has served {@value #MAX_RUNS}. */
    boolean countRun() {
        return ++runs < MAX_RUNS;
    }

    /** Whether the container is still up (not removed or stopped by someone else meanwhile). */
    boolean running() {
        try {
            return podman.inspect(id).running();
        } catch (LibpodException | RunnerUnavailableException e) {
            return false;
        }
    }

    /** Whether nothing but the keep-alive runs in it: no process a run left behind. */
    boolean idle() {
        try {
            return podman.top(id).size() == 1;
        } catch (LibpodException | RunnerUnavailableException e) {
            return false;
        }
    }

    /**
     * Whether only the agent is left in the container after a run: its cgroup's process list, read here where it
     * can be (a run can write a false count to the agent's pipe, not this), else the service's list.
     */
    boolean onlyAgentLeft() {
        OptionalLong processes = oomKills.map(OomKills::processes).orElse(OptionalLong.empty());
        return processes.isPresent() ? processes.getAsLong() == 1 : idle();
    }

    /** The command of a run: {@code argv} behind {@link #FRESH_TMP}. */
    static List<String> command(List<String> argv) {
        return Stream.concat(FRESH_TMP.stream(), argv.stream()).toList();
    }

    /** Whether {@link #FRESH_TMP} works in this container (its image has {@code sh}, {@code rm} and {@code chmod}). */
    private boolean canRunFresh(ExecutorService threads, String user) {
        CappedOutput ignored = new CappedOutput(4096, text -> { });
        try {
            OptionalInt exit = ExecSession.run(podman, threads, live, id, command(List.of("true")), Map.of(), user,
                    SandboxPolicy.TMP_PATH, CHECK_TIMEOUT, ignored, () -> { }, this::remove, null).exitCode();
            return exit.isPresent() && exit.getAsInt() == 0;
        } catch (LibpodException e) {
            return false;
        }
    }

    /** Kills and removes the container and deletes its output folder; again is a no-op. */
    synchronized void remove() {
        if (removed) {
            return;
        }
        try {
            ContainerRun.remove(podman, id);
            live.remove(id);
            removed = true;
        } finally {
            agent.ifPresent(WarmAgent::close);
            own.close();
        }
    }
}
