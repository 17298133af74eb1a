package dev.progy.runner.docker;

import dev.progy.spi.container.LiveContainers;
import dev.progy.spi.container.EngineLocation;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.TopContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import dev.progy.error.ProgyException;
import dev.progy.spi.support.sandbox.BindMount;
import dev.progy.spi.support.sandbox.SandboxPolicy;
import dev.progy.spi.support.sandbox.TmpfsMount;
import dev.progy.spi.support.protocol.CappedOutput;
import dev.progy.spi.support.protocol.RawRun;
import dev.progy.spi.support.protocol.ResultProtocol;
import dev.progy.spi.support.sandbox.WarmAgent;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A sandboxed container kept alive between runs of the same course image: made from a run's {@link SandboxPolicy}
 * exactly as a cold container (read-only root, no capabilities, no-new-privileges, limits, user, mounts, labels,
 * no network unless allowed) but with a {@link WarmAgent} (or, where none can be made, a keep-alive) instead of the
 * run's command, so each run goes to the agent (or is an exec in it). After each run, a process left behind means
 * it must go; otherwise its {@code /tmp}, {@code $HOME} (and {@code /dev/shm}, {@code /dev/mqueue}) are emptied
 * before it takes the next run: by the agent, or by a constant command.
 */
final class WarmContainer {

    /** What the container runs between runs: nothing, for about 68 years. */
    static final List<String> KEEP_ALIVE = List.of("sleep", "2147483647");
    /** Label marking a warm container (besides the policy's labels). */
    static final String LABEL_WARM = "dev.progy.warm";
    /**
     * Empties the container's writable memory folders as the run's user, who owns all there is in them; a
     * constant, never built from ids or paths. Folders the run made unreadable are opened first. Exits non-zero
     * when something is left, so the container is replaced rather than reused.
     */
    static final String RESET_SCRIPT = "for d in /tmp " + SandboxPolicy.HOME_PATH + " /dev/shm /dev/mqueue; do"
            + " find \"$d\" -mindepth 1 -type d ! -perm -700 -exec chmod u+rwx {} + 2>/dev/null;"
            + " find \"$d\" -mindepth 1 -type d ! -perm -700 -exec chmod u+rwx {} + 2>/dev/null; done;"
            + " rm -rf /tmp/* /tmp/.[!.]* /tmp/..?* " + SandboxPolicy.HOME_PATH + "/* " + SandboxPolicy.HOME_PATH
            + "/.[!.]* " + SandboxPolicy.HOME_PATH + "/..?* /dev/shm/* /dev/shm/.[!.]* /dev/shm/..?* /dev/mqueue/* 2>/dev/null;"
            + " for d in /tmp " + SandboxPolicy.HOME_PATH + " /dev/shm; do [ -z \"$(ls -A \"$d\" 2>/dev/null)\" ] || exit 1; done";
    /** How long emptying the memory folders may take. */
    private static final long RESET_TIMEOUT_SECONDS = 10;
    /** How long a new container's agent may take to answer its first, empty run. */
    private static final Duration AGENT_WAIT = Duration.ofSeconds(3);

    /**
     * What makes two runs able to share a container: everything fixed when it is created.
     */
    record Key(String image, List<BindMount> mounts, List<TmpfsMount> tmpfs, boolean network, long memory,
               long swap, long nanoCpus, int pids, String user) {

        static Key of(String image, SandboxPolicy p) {
            return new Key(image, p.mounts(), p.tmpfsMounts(), p.networkAccess(), p.memoryBytes(),
                    p.memorySwapBytes(), p.nanoCpus(), p.pidsLimit(), p.user());
        }
    }

    /** The container stopped or disappeared (e.g. removed by {@code progy gc}); a new one may do. */
    static final class Gone extends RuntimeException {
        Gone(String why) {
            super(why, null, false, false);
        }
    }

    /** The image cannot keep a container alive (no {@code sleep}, or it exits at once). */
    static final class CannotKeepAlive extends RuntimeException {
        CannotKeepAlive(String why) {
            super(why, null, false, false);
        }
    }

    private final DockerClient docker;
    private final EngineLocation address;
    private final String id;
    private final Key key;
    private final List<String> entrypoint;
    private final Instant created;
    private final LiveContainers live;
    /** The agent that takes the runs ({@link WarmAgent}); empty when they exec instead. */
    private volatile Optional<WarmAgent> agent = Optional.empty();
    /** Whether the agent saw something of a run left in the container: it must not take another. */
    private volatile boolean leftBehind;
    /** Whether the container is ready for another run, once tidied after the last one; null before any run. */
    private volatile CompletableFuture<Boolean> tidied;

    private WarmContainer(DockerClient docker, EngineLocation address, String id, Key key, List<String> entrypoint,
                          Instant created, LiveContainers live) {
        this.docker = docker;
        this.live = live;
        this.address = address;
        this.id = id;
        this.key = key;
        this.entrypoint = entrypoint;
        this.created = created;
    }

    /**
     * Creates and starts the warm container for runs like the one {@code policy} describes; its id is in
     * {@code live} while it exists, so an exit hook can remove it.
     *
     * @throws CannotKeepAlive when the image cannot keep it alive (it is removed again)
     * @throws ProgyException  when the image is missing, as for a cold run
     */
    static WarmContainer start(DockerClient docker, EngineLocation address, SandboxPolicy policy, String image,
                               LiveContainers live, ExecutorService threads) {
        List<String> entrypoint = entrypoint(docker, address, image);
        Map<String, String> labels = new TreeMap<>(policy.labels());
        labels.put(LABEL_WARM, "true");
        Optional<WarmAgent> agent = WarmAgent.open(policy);
        HostConfig hostConfig = ContainerRun.hostConfig(policy);
        agent.ifPresent(a -> {
            List<Mount> mounts = new ArrayList<>(hostConfig.getMounts() == null ? List.of() : hostConfig.getMounts());
            mounts.add(new Mount().withType(MountType.BIND).withSource(a.folder().toString())
                    .withTarget(WarmAgent.CONTROL_PATH).withReadOnly(false));
            hostConfig.withMounts(mounts);
        });
        String id;
        try {
            id = create(docker, address, policy, image, live, agent, labels, hostConfig);
        } catch (RuntimeException e) {
            agent.ifPresent(WarmAgent::close);
            throw e;
        }
        try {
            docker.startContainerCmd(id).exec();
            InspectContainerResponse inspected = docker.inspectContainerCmd(id).exec();
            if (!Boolean.TRUE.equals(inspected.getState().getRunning())) {
                throw new CannotKeepAlive(String.join(" ", agent.isPresent() ? List.of("sh") : KEEP_ALIVE)
                        + " ended at once (exit code " + inspected.getState().getExitCodeLong() + ")");
            }
            WarmContainer warm = new WarmContainer(docker, address, id, Key.of(image, policy), entrypoint,
                    OomEvents.instant(inspected.getCreated()), live);
            if (agent.isPresent() && agent.get().ready(threads, AGENT_WAIT)) {
                warm.agent = agent;
            }
            return warm;
        } catch (CannotKeepAlive e) {
            agent.ifPresent(WarmAgent::close);
            removeQuietly(docker, id, live);
            throw e;
        } catch (DockerException refused) {
            // e.g. "exec: sleep: executable file not found in $PATH"
            agent.ifPresent(WarmAgent::close);
            removeQuietly(docker, id, live);
            throw new CannotKeepAlive(firstLine(refused.getMessage()));
        } catch (RuntimeException e) {
            agent.ifPresent(WarmAgent::close);
            removeQuietly(docker, id, live);
            throw DockerEngineCalls.failure(e, address, "start the warm container");
        }
    }

    private static String create(DockerClient docker, EngineLocation address, SandboxPolicy policy, String image,
                                 LiveContainers live, Optional<WarmAgent> agent, Map<String, String> labels,
                                 HostConfig hostConfig) {
        return live.create(() -> {
            try {
                // the image's entrypoint is set aside for the keep-alive and put before each run's argv instead
                return docker.createContainerCmd(image)
                    .withName("progy-warm-" + policy.runId())
                    .withEntrypoint(agent.isPresent() ? WarmAgent.command() : KEEP_ALIVE)
                    .withUser(policy.user())
                    .withLabels(labels)
                    .withTty(false)
                    .withStdinOpen(false)
                    .withAttachStdin(false)
                    .withAttachStdout(false)
                    .withAttachStderr(false)
                    .withHostConfig(hostConfig)
                    .exec().getId();
            } catch (RuntimeException e) {
                throw DockerEngineCalls.failure(e, address, "create the warm container");
            }
        });
    }

    private static void removeQuietly(DockerClient docker, String id, LiveContainers live) {
        try {
            ContainerRun.remove(docker, id);
            live.remove(id);
        } catch (RuntimeException e) {
            // the exit hook and progy gc find it by its labels
        }
    }

    String id() {
        return id;
    }

    Key key() {
        return key;
    }

    /**
     * Gets the container ready for the next run in the background, on {@code executor}: it must hold nothing but
     * the keep-alive, else it is removed at once, and its memory folders are emptied as {@code user} (the runs'
     * user). The next run waits for it ({@link #readyForNextRun()}); in {@code progy watch} it is done while the
     * student edits.
     */
    void tidyAfterRun(String user, Executor executor) {
        boolean byAgent = agent.isPresent();
        tidied = CompletableFuture.supplyAsync(() -> {
            // the agent empties the memory folders itself before each run; the look at what runs is the engine's
            if (!leftBehind && onlyKeepAliveRuns() && (byAgent || reset(user))) {
                return true;
            }
            // at once: what the run left behind must not outlive it longer than it takes to notice
            removeQuietly(docker, id, live);
            return false;
        }, executor).exceptionally(failure -> false);
    }

    /** Waits for the tidying after the last run; false when the container must not take another run. */
    boolean readyForNextRun() {
        if (tidied == null) {
            return true;
        }
        try {
            return tidied.get(RESET_TIMEOUT_SECONDS * 3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    /** Empties the memory folders as {@code user}; false when something is left or the container is gone. */
    private boolean reset(String user) {
        try {
            String execId = docker.execCreateCmd(id).withCmd("sh", "-c", RESET_SCRIPT).withUser(user)
                    .withWorkingDir("/").withTty(false).withAttachStdin(false).withAttachStdout(true)
                    .withAttachStderr(true).exec().getId();
            try (ResultCallback.Adapter<Frame> done = docker.execStartCmd(execId).withDetach(false)
                    .exec(new ResultCallback.Adapter<>())) {
                if (!done.awaitCompletion(RESET_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    return false;
                }
            }
            Long code = docker.inspectExecCmd(execId).exec().getExitCodeLong();
            return code != null && code == 0;
        } catch (NotFoundException | ConflictException gone) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (IOException | RuntimeException e) {
            throw DockerEngineCalls.failure(e instanceof RuntimeException r ? r : new IllegalStateException(e), address,
                    "empty /tmp of the warm container");
        }
    }

    /**
     * Runs the run {@code policy} describes: given to the agent where there is one and the run's environment can
     * pass through it, else as an exec in this container.
     *
     * @throws Gone when the container is no longer there or no longer running
     */
    WarmExec.Outcome run(SandboxPolicy policy, Runnable started, Consumer<String> onText, ExecutorService threads) {
        List<String> argv = new ArrayList<>(entrypoint);
        argv.addAll(policy.argv());
        Optional<WarmAgent> byAgent = agent.filter(a -> WarmAgent.canCarry(policy.environment()));
        if (byAgent.isEmpty()) {
            return new WarmExec(docker, address, id).run(argv, policy, started, onText);
        }
        CappedOutput output = new CappedOutput(policy.outputLimitBytes(), onText);
        Optional<WarmAgent.Ended> ran = byAgent.get().run(threads, argv, policy.environment(), policy.workingDir(),
                policy.timeout(), output, started, () -> kill(docker, address, id), this::running, policy::watchDisk);
        if (ran.isEmpty()) {
            throw new Gone("the warm container's agent did not take the run");
        }
        WarmAgent.Ended ended = ran.get();
        output.close();
        if (ended.listenerFailure() != null) {
            throw ended.listenerFailure();
        }
        RawRun raw = new RawRun(ended.stopped() ? OptionalInt.of(WarmExec.KILLED) : ended.exitCode(), output.text(),
                output.truncated(), ended.timedOut(), false, ResultProtocol.readResultsFile(policy.outputDir()),
                ended.duration(), ended.wroteTooMuch());
        // a run that left something behind loses the container when it is tidied, right after the run's checks
        leftBehind |= ended.leftBehind();
        return new WarmExec.Outcome(raw, ended.stopped());
    }

    /** Whether the container is still running. */
    private boolean running() {
        try {
            return Boolean.TRUE.equals(docker.inspectContainerCmd(id).exec().getState().getRunning());
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Whether only the keep-alive runs in the container ({@code docker top}): false when the run left processes
     * behind (a background job, a zombie), or when the container stopped.
     */
    private boolean onlyKeepAliveRuns() {
        TopContainerResponse top;
        try {
            top = docker.topContainerCmd(id).exec();
        } catch (NotFoundException | ConflictException gone) {
            return false;
        } catch (RuntimeException e) {
            throw DockerEngineCalls.failure(e, address, "list the processes of the warm container");
        }
        return top.getProcesses() != null && top.getProcesses().length == 1;
    }

    /** Whether the kernel's OOM killer struck in this container since it was made (each strike replaces it). */
    boolean outOfMemory() {
        return OomEvents.any(docker, address, id, created.minusSeconds(1), Instant.now());
    }

    /** Removes the container; it may be gone already. */
    void remove() {
        agent.ifPresent(WarmAgent::close);
        try {
            ContainerRun.remove(docker, id);
            live.remove(id);
        } catch (RuntimeException e) {
            throw DockerEngineCalls.failure(e, address, "remove the warm container " + id);
        }
    }

    /** Kills container {@code id} at once; Docker has no way to kill an exec session alone. */
    static void kill(DockerClient docker, EngineLocation address, String id) {
        try {
            docker.killContainerCmd(id).withSignal("KILL").exec();
        } catch (ConflictException | NotFoundException | NotModifiedException alreadyGone) {
            // it ended on its own meanwhile
        } catch (RuntimeException e) {
            throw DockerEngineCalls.failure(e, address, "kill the warm container");
        }
    }

    private static List<String> entrypoint(DockerClient docker, EngineLocation address, String image) {
        try {
            var config = docker.inspectImageCmd(image).exec().getConfig();
            String[] entrypoint = config == null ? null : config.getEntrypoint();
            return entrypoint == null ? List.of() : List.copyOf(Arrays.asList(entrypoint));
        } catch (NotFoundException e) {
            throw new ProgyException("the course's image " + image + " is not on the Docker Engine at "
                    + address.uri(), "build it first, e.g. docker build -t " + image + " . in the course folder");
        } catch (RuntimeException e) {
            throw DockerEngineCalls.failure(e, address, "look up the course's image " + image);
        }
    }

    private static String firstLine(String message) {
        return message == null ? "the engine refused it" : message.strip().lines().findFirst().orElse("");
    }
}
