package dev.progy.runner.podman;

import dev.progy.spi.RunListener;
import dev.progy.spi.RunRequest;
import dev.progy.spi.support.CappedOutput;
import dev.progy.spi.support.RawRun;
import dev.progy.spi.support.ResultProtocol;
import dev.progy.spi.support.SandboxPolicy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Warm re-runs: one kept {@link WarmContainer} per {@link WarmKey} (course image, exercise folder, network choice,
 * limits), each run an exec session in it under the run's own policy (command, user, environment, working folder,
 * timeout), with an empty output folder and, after the run (in the background, before the next run of its kind),
 * an empty {@code /tmp} and a check that no process of the run is left.
 *
 * <p>A run falls back to a cold one (its own container; {@link #run} answers empty) when no kept container can be
 * had for its kind (the image cannot keep one up), when another run holds it, and when the run ended by SIGKILL
 * (exit 137) that the runner did not send: only a cold run can tell that apart as out of memory. The container is
 * removed, to be made afresh by the next run, when a run hits its timeout or output limit (killing the container is
 * the only sure way to end everything it started), leaves a process behind, or cannot be cleaned.
 */
final class WarmRuns implements AutoCloseable {

    /** Told to the listener when a warm run ended by SIGKILL is run again cold. */
    static final String RERUN_NOTE = "[progy] the run was killed (exit 137); running it again in a fresh container"
            + " to tell whether it ran out of memory\n";

    /** How long a run waits for the tidying-up after the last run of its kind before it goes cold. */
    private static final Duration TIDY_LIMIT = Duration.ofSeconds(15);

    private final LibpodClient podman;
    private final EngineCheck engine;
    private final ExecutorService threads;
    private final LiveContainers live;
    /** Kept containers not in use. */
    private final Map<WarmKey, WarmContainer> idle = new HashMap<>();
    /** Kept containers in use by a run. */
    private final Set<WarmContainer> busy = ConcurrentHashMap.newKeySet();
    /** Tidying-up under way after a run, by kind. */
    private final Map<WarmKey, Future<?>> tidying = new HashMap<>();
    /** Kinds of run whose image cannot keep a container up. */
    private final Set<WarmKey> coldOnly = ConcurrentHashMap.newKeySet();
    private boolean closed;

    WarmRuns(LibpodClient podman, EngineCheck engine, ExecutorService threads, LiveContainers live) {
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
        boolean tidying = false;
        try {
            container.clearOutput();
            CappedOutput output = new CappedOutput(policy.outputLimitBytes(), listener::output);
            ExecSession.Ended ended;
            try {
                ended = ExecSession.run(podman, threads, live, container.id(), policy.argv(), policy.environment(),
                        policy.user(), policy.workingDir(), policy.timeout(), output, () -> listener.started(request),
                        container::remove);
            } catch (LibpodException e) {
                // the kept container is gone or stopped: this run goes cold, the next makes a new one
                return Optional.empty();
            }
            output.close();
            if (ended.listenerFailure() != null) {
                throw ended.listenerFailure();
            }
            OptionalInt exit = ended.exitCode();
            if (!ended.stopped() && exit.isPresent() && exit.getAsInt() == ContainerRun.KILLED
                    && !live.closed() && container.running()) {
                listener.output(RERUN_NOTE);
                return Optional.empty();
            }
            RawRun raw = new RawRun(exit, output.text(), output.truncated(), ended.timedOut(), false,
                    ResultProtocol.readResultsFile(container.outputDir()), ended.duration());
            if (!ended.stopped() && exit.isPresent() && container.countRun()) {
                tidyUp(container, policy.user());
                tidying = true;
            }
            return Optional.of(raw);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty the kept container's output folder " + container.outputDir(), e);
        } finally {
            if (!tidying) {
                giveBack(container, false);
            }
        }
    }

    /**
     * After a run, in the background (the run's result does not wait for it): checks that the run left no process
     * behind and empties {@code /tmp}, then gives the container back, or removes it when either failed. The next
     * run of the same kind waits for this.
     */
    private void tidyUp(WarmContainer container, String user) {
        Future<?> upkeep = threads.submit(() -> {
            boolean keep = false;
            try {
                keep = container.idle() && cleaned(container, container.key(), user);
            } catch (RuntimeException e) {
                // the container is not used again
            } finally {
                giveBack(container, keep);
            }
        });
        synchronized (this) {
            if (!upkeep.isDone()) {
                tidying.put(container.key(), upkeep);
            }
        }
    }

    private boolean cleaned(WarmContainer container, WarmKey key, String user) {
        OptionalInt cleaning = container.cleanTmp(threads, user);
        if (cleaning.isPresent() && (cleaning.getAsInt() == 126 || cleaning.getAsInt() == 127)) {
            coldOnly.add(key); // no sh or rm in the image: its /tmp cannot be emptied, so its runs go cold
        }
        return cleaning.isPresent() && cleaning.getAsInt() == 0;
    }

    /**
     * The kept container for {@code key} (waiting for its tidying-up after the last run), made when there is none;
     * null when another run holds it or none stays up.
     */
    private WarmContainer take(WarmKey key, RunRequest request) {
        while (true) {
            Future<?> pending;
            synchronized (this) {
                if (closed) {
                    return null;
                }
                WarmContainer kept = idle.remove(key);
                if (kept != null) {
                    busy.add(kept);
                    return kept;
                }
                pending = tidying.get(key);
                if (pending == null || pending.isDone()) {
                    tidying.remove(key);
                    if (busy.stream().anyMatch(c -> c.key().equals(key))) {
                        return null;
                    }
                    break;
                }
            }
            Waiting.settle(pending, TIDY_LIMIT);
            if (!pending.isDone()) {
                return null;
            }
        }
        Optional<WarmContainer> made = WarmContainer.start(podman, engine, request, key, live);
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
            tidying.remove(container.key());
            removeIt = !keep || closed || idle.containsKey(container.key());
            if (!removeIt) {
                idle.put(container.key(), container);
            }
        }
        if (removeIt) {
            container.remove();
        }
    }

    /** Removes every kept container, once tidied up (a run still on finds its own removed when it ends). */
    @Override
    public void close() {
        List<Future<?>> pending;
        synchronized (this) {
            closed = true;
            pending = new ArrayList<>(tidying.values());
        }
        pending.forEach(upkeep -> Waiting.settle(upkeep, TIDY_LIMIT));
        List<WarmContainer> all;
        synchronized (this) {
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
