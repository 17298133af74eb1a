package dev.progy.runner.podman;

import dev.progy.spi.container.LiveContainers;
import dev.progy.spi.RunListener;
import dev.progy.spi.RunRequest;
import dev.progy.spi.support.protocol.CappedOutput;
import dev.progy.spi.support.protocol.RawRun;
import dev.progy.spi.support.protocol.ResultProtocol;
import dev.progy.spi.support.sandbox.SandboxPolicy;
import dev.progy.spi.support.sandbox.WarmAgent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

/**
 * Warm re-runs: one kept {@link WarmContainer} per {@link WarmKey} (course image, exercise folder, network choice,
 * limits), each run given to its {@link WarmAgent} (or, where the agent cannot work or the run's environment cannot
 * pass through a script, an exec session) under the run's own policy (command, user, environment, working folder,
 * timeout), with an empty output folder and an empty {@code /tmp} and {@code $HOME}; after the run, a look that no
 * process of it is left (the agent's count of the container's processes, or the service's list of them).
 *
 * <p>Out of memory: the kept container's OOM kill count ({@link OomKills}) is read before and after each run; a
 * rise means the run ran out of memory, whichever of its processes was killed. A run falls back to a cold one (its
 * own container; {@link #run} answers empty) when no kept container can be had for its kind (the image cannot keep
 * one up or has no {@code sh} to empty {@code /tmp} with), when another run holds it, and, where the count cannot be
 * read here, when the run ended by SIGKILL (exit 137) that the runner did not send: only a cold run can then tell
 * that apart as out of memory. The container is removed, to be made afresh by the next run, when a run hits its
 * timeout or output limit (killing the container is the only sure way to end everything it started), runs out of
 * memory, leaves a process behind, or has served {@value WarmContainer#MAX_RUNS} runs.
 */
final class WarmRuns implements AutoCloseable {

    /** What a run did, by the agent or by an exec session ({@code leftBehind}: as the agent saw it). */
    private record Ended(OptionalInt exitCode, boolean stopped, boolean timedOut, RuntimeException listenerFailure,
                         java.time.Duration duration, boolean wroteTooMuch, boolean leftBehind) { }

    /** Told to the listener when a warm run ended by SIGKILL is run again cold. */
    static final String RERUN_NOTE = "[progy] the run was killed (exit 137); running it again in a fresh container"
            + " to tell whether it ran out of memory\n";

    private final LibpodClient podman;
    private final EngineCheck engine;
    private final ExecutorService threads;
    private final LiveContainers live;
    /** Kept containers not in use. */
    private final Map<WarmKey, WarmContainer> idle = new HashMap<>();
    /** Kept containers in use by a run. */
    private final Set<WarmContainer> busy = ConcurrentHashMap.newKeySet();
    /** Kinds of run whose image cannot keep a container up. */
    private final Set<WarmKey> coldOnly = ConcurrentHashMap.newKeySet();
    private boolean closed;
    private final boolean useAgent;

    /** @param useAgent whether kept containers run a {@link WarmAgent} (else every run is an exec session) */
    WarmRuns(LibpodClient podman, EngineCheck engine, ExecutorService threads, LiveContainers live, boolean useAgent) {
        this.useAgent = useAgent;
        this.podman = podman;
        this.engine = engine;
        this.threads = threads;
        this.live = live;
    }

    /** Runs {@code request} under {@code policy} in a kept container; empty when it is to run cold instead. */
    Optional<RawRun> run(RunRequest request, SandboxPolicy policy, String image, RunListener listener) {
        WarmKey key = WarmKey.of(image, policy);
        if (coldOnly.contains(key)) {
            return Optional.empty();
        }
        WarmContainer container = take(key, request);
        if (container == null) {
            return Optional.empty();
        }
        boolean keep = false;
        try {
            container.clearOutput();
            OptionalLong oomBefore = container.oomKills();
            CappedOutput output = new CappedOutput(policy.outputLimitBytes(), listener::output);
            Optional<WarmAgent> agent = container.agent().filter(a -> WarmAgent.canCarry(policy.environment()));
            Ended ended;
            if (agent.isPresent()) {
                Optional<WarmAgent.Ended> byAgent = agent.get().run(threads, policy.argv(), policy.environment(),
                        policy.workingDir(), policy.timeout(), output, () -> listener.started(request),
                        container::remove, container::running, stop -> policy.watchDisk(container.outputDir(), stop));
                if (byAgent.isEmpty()) {
                    return Optional.empty(); // the kept container is gone: this run goes cold
                }
                WarmAgent.Ended e = byAgent.get();
                ended = new Ended(e.exitCode(), e.stopped(), e.timedOut(), e.listenerFailure(), e.duration(),
                        e.wroteTooMuch(), e.leftBehind());
            } else {
                try {
                    ExecSession.Ended e = ExecSession.run(podman, threads, live, container.id(),
                            WarmContainer.command(policy.argv()), policy.environment(), policy.user(),
                            policy.workingDir(), policy.timeout(), output, () -> listener.started(request),
                            container::remove, stop -> policy.watchDisk(container.outputDir(), stop));
                    ended = new Ended(e.exitCode(), e.stopped(), e.timedOut(), e.listenerFailure(), e.duration(),
                            e.wroteTooMuch(), false);
                } catch (LibpodException e) {
                    // the kept container is gone or stopped: this run goes cold, the next makes a new one
                    return Optional.empty();
                }
            }
            output.close();
            if (ended.listenerFailure() != null) {
                throw ended.listenerFailure();
            }
            OptionalInt exit = ended.exitCode();
            OptionalLong oomAfter = container.oomKills();
            boolean counted = oomBefore.isPresent() && oomAfter.isPresent();
            boolean outOfMemory = counted && oomAfter.getAsLong() > oomBefore.getAsLong();
            if (!counted && !ended.stopped() && exit.isPresent() && exit.getAsInt() == ContainerRun.KILLED
                    && !live.closed() && container.running()) {
                listener.output(RERUN_NOTE);
                return Optional.empty();
            }
            RawRun raw = new RawRun(exit, output.text(), output.truncated(), ended.timedOut(), outOfMemory,
                    ResultProtocol.readResultsFile(container.outputDir()), ended.duration(), ended.wroteTooMuch());
            keep = !ended.stopped() && !ended.leftBehind() && !outOfMemory && exit.isPresent() && container.countRun()
                    && (agent.isPresent() ? container.onlyAgentLeft() : container.idle());
            return Optional.of(raw);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty the kept container's output folder " + container.outputDir(), e);
        } finally {
            giveBack(container, keep);
        }
    }

    /** The kept container for {@code key}, made when there is none; null when another run holds it or none stays up. */
    private WarmContainer take(WarmKey key, RunRequest request) {
        synchronized (this) {
            if (closed) {
                return null;
            }
            WarmContainer kept = idle.remove(key);
            if (kept != null) {
                busy.add(kept);
                return kept;
            }
            if (busy.stream().anyMatch(c -> c.key().equals(key))) {
                return null;
            }
        }
        Optional<WarmContainer> made = WarmContainer.start(podman, engine, threads, request, key, live, useAgent);
        if (made.isEmpty()) {
            coldOnly.add(key);
            return null;
        }
        synchronized (this) {
            busy.add(made.get());
            if (closed) {
                giveBack(made.get(), false);
                return null;
            }
        }
        return made.get();
    }

    private void giveBack(WarmContainer container, boolean keep) {
        boolean removeIt;
        synchronized (this) {
            busy.remove(container);
            removeIt = !keep || closed || idle.containsKey(container.key());
            if (!removeIt) {
                idle.put(container.key(), container);
            }
        }
        if (removeIt) {
            try {
                container.remove();
            } catch (RuntimeException e) {
                // what ended the run matters more; the container stays listed for close() and the exit hook
            }
        }
    }

    /** Removes every kept container (a run still on finds its own removed when it ends). */
    @Override
    public void close() {
        List<WarmContainer> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(idle.values());
            idle.clear();
        }
        for (WarmContainer c : all) {
            try {
                c.remove();
            } catch (RuntimeException e) {
                // the service is gone: progy gc finds the container by its labels later
            }
        }
    }
}
