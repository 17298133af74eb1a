package dev.progy.runner.podman;

import dev.progy.spi.container.LiveContainers;
import dev.progy.spi.container.ComposeRuns;
import dev.progy.spi.container.CourseImages;
import dev.progy.spi.container.EngineLocation;
import dev.progy.error.ProgyException;
import dev.progy.model.RunResult;
import dev.progy.model.RunnerType;
import dev.progy.spi.RunListener;
import dev.progy.spi.RunRequest;
import dev.progy.spi.Runner;
import dev.progy.spi.support.protocol.RawRun;
import dev.progy.spi.support.protocol.ResultProtocol;
import dev.progy.spi.support.sandbox.SandboxPolicy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs {@code docker-file} course runners in containers of a Podman service, through its own (libpod) REST API,
 * each held to the {@link SandboxPolicy} (read-only root, no capabilities, a non-root user, limits, no network,
 * only the exercise folder writable; on a rootless service the student's uid kept inside). One container per run,
 * removed after it — also when the JVM exits while a run is on. The image is built from the course's Dockerfile
 * once per content of the course folder and tagged {@code progy/<course id>:<hash>} (the rule is on
 * {@link CourseImages}); its build log reaches the listener's output, each line starting with {@code [build] }.
 *
 * <p>With warm re-runs ({@link dev.progy.spi.RunnerProvider#WARM_KEY}), runs exec into one kept container per kind
 * of run instead, under the same sandbox and limits; {@link #close()} removes those containers (see
 * {@link WarmRuns} for when a run still goes cold).
 * Made by {@link PodmanRunnerProvider}; connects on the first run.
 */
public final class PodmanRunner implements Runner {

    private final EngineLocation address;
    private final Duration buildTimeout;
    private final boolean warm;
    private final boolean warmAgent;
    private final LiveContainers live = new LiveContainers();
    private final Thread removeOnExit = new Thread(this::removeLive, "progy-podman-cleanup");
    private final Object building = new Object();
    private LibpodClient podman;
    private EngineCheck engine;
    private ExecutorService threads;
    private WarmRuns warmRuns;
    private boolean hookAdded;

    PodmanRunner(EngineLocation address, Duration buildTimeout, boolean warm, boolean warmAgent) {
        this.address = address;
        this.buildTimeout = buildTimeout;
        this.warm = warm;
        this.warmAgent = warmAgent;
    }

    /**
     * Runs the exercise in a fresh container.
     *
     * @throws dev.progy.error.UnsafePathException        when the policy refuses a folder or a placeholder value
     * @throws dev.progy.error.RunnerUnavailableException when the service cannot be reached, is not Podman or is older
     *                                              than 4.0, or refuses the container
     * @throws ProgyException                       when the runner is not a docker-file runner, the course's
     *                                              image cannot be built (with the end of the build log) or a
     *                                              prebuilt image is missing
     */
    @Override
    public RunResult run(RunRequest request, RunListener listener) {
        if (request.runner().type() == RunnerType.DOCKER_COMPOSE) { // in a pod of its own: see PodRun
            LibpodClient client = connect();
            try {
                return new ComposeRuns(new PodmanEngineCalls(client), new CourseImages(new PodmanEngineCalls(client),
                        buildTimeout), building).run(request, listener, new PodRun(client, engine(), live, threads()));
            } catch (LibpodException e) {
                throw PodmanEngineCalls.failure(e, client.address(), e.action());
            }
        }
        if (request.runner().type() != RunnerType.DOCKER_FILE) {
            throw new ProgyException("the Podman runner runs docker-file and docker-compose runners only, not '"
                    + request.runner().type() + "' (runner " + request.runner().id() + ")",
                    "choose a runner for this type, e.g. --runner host for process runners");
        }
        // the policy first: a run it refuses costs no build
        try (SandboxPolicy policy = SandboxPolicy.builder(request).build()) {
            LibpodClient client = connect();
            String image;
            synchronized (building) {
                // one build at a time per runner: a second run of the same course waits, then reuses the image
                image = new CourseImages(new PodmanEngineCalls(client), buildTimeout).imageFor(request, listener::output);
            }
            // a run held to allowed hosts gets its own network and proxy: never a kept container's
            Optional<RawRun> warmRun = warm && policy.egress().isEmpty()
                    ? warmRuns().run(request, policy, image, listener) : Optional.empty();
            RawRun raw = warmRun.orElseGet(() -> new ContainerRun(client, engine(), policy, image, live, threads())
                    .run(() -> listener.started(request), listener::output));
            RunResult result = ResultProtocol.read(raw, policy.limits());
            listener.finished(result);
            return result;
        } catch (LibpodException e) {
            // each call site names what failed; this one keeps any it missed from crossing the port
            throw PodmanEngineCalls.failure(e, address, e.action());
        }
    }

    /** The client, after checking once that the service is a Podman recent enough. */
    private synchronized LibpodClient connect() {
        if (podman == null) {
            podman = new LibpodClient(address);
        }
        if (engine == null) {
            engine = EngineCheck.of(podman); // a failed check is thrown and tried again on the next run
        }
        if (!hookAdded) {
            Runtime.getRuntime().addShutdownHook(removeOnExit);
            hookAdded = true;
        }
        return podman;
    }

    private synchronized EngineCheck engine() {
        return engine;
    }

    private synchronized WarmRuns warmRuns() {
        if (warmRuns == null) {
            warmRuns = new WarmRuns(podman, engine, threads(), live, warmAgent);
        }
        return warmRuns;
    }

    private synchronized ExecutorService threads() {
        if (threads == null) {
            threads = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "progy-podman-run");
                t.setDaemon(true);
                return t;
            });
        }
        return threads;
    }

    /**
     * Removes every container of a run still on, and ends the monitors of exec sessions still on, e.g. when the
     * JVM exits during a run.
     */
    private void removeLive() {
        LibpodClient client;
        synchronized (this) {
            client = podman;
        }
        if (client == null) {
            return;
        }
        live.close();
        // twice: a removal can fail once while the service is still ending the container's exec session
        live.removeAll(id -> {
            try {
                ContainerRun.remove(client, id);
            } catch (RuntimeException once) {
                ContainerRun.remove(client, id);
            }
        });
        live.sessions().forEach(ConmonReaper::reap);
    }

    /** Removes the kept containers and what is left of runs still on, and releases the connection's threads. */
    @Override
    public synchronized void close() {
        if (warmRuns != null) {
            warmRuns.close();
            warmRuns = null;
        }
        removeLive();
        live.reopen(); // a closed runner may run again; only the JVM's exit closes it for good
        if (hookAdded) {
            try {
                Runtime.getRuntime().removeShutdownHook(removeOnExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or about to: it does the same
            }
            hookAdded = false;
        }
        if (threads != null) {
            threads.shutdownNow();
            threads = null;
        }
        if (podman != null) {
            podman.close();
            podman = null;
        }
        engine = null;
    }
}
