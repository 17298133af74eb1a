package dev.progy.runner.docker;

import dev.progy.spi.container.LiveContainers;
import dev.progy.spi.container.ComposeRuns;
import dev.progy.spi.container.CourseImages;
import dev.progy.spi.container.EngineLocation;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.progy.error.ProgyException;
import dev.progy.model.RunResult;
import dev.progy.model.RunnerType;
import dev.progy.spi.RunListener;
import dev.progy.spi.RunRequest;
import dev.progy.spi.Runner;
import dev.progy.spi.support.protocol.RawRun;
import dev.progy.spi.support.protocol.ResultProtocol;
import dev.progy.spi.support.sandbox.SandboxPolicy;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Runs {@code docker-file} course runners in containers of a Docker Engine, each held to the
 * {@link SandboxPolicy} (read-only root, no capabilities, a non-root user, limits, no network, only the
 * exercise folder writable). One container per run, removed after it — also when the JVM exits while a run is
 * on. The image is built from the course's Dockerfile once per content of the course folder and tagged
 * {@code progy/<course id>:<hash>} (the rule is on {@link CourseImages}); its build log reaches the listener's
 * output, each line starting with {@code [build] }.
 *
 * <p>With warm re-runs on ({@link dev.progy.spi.RunnerProvider#WARM_KEY}), one container per course image is kept
 * alive between runs and each run is an exec in it, with the same result a fresh container would give (the rules
 * are on {@link WarmContainers}); runs are then made one at a time, and {@link #close()} removes the containers.
 * {@code docker-compose} runners run as described on {@link ComposeRuns} and {@link ComposeRun}: the course's services on a network of
 * their own with no outside access, the test in the service to run under the same policy.
 * Made by {@link DockerRunnerProvider}; connects on the first run.
 */
public final class DockerRunner implements Runner {

    private final EngineLocation address;
    private final Duration buildTimeout;
    private final LiveContainers live = new LiveContainers();
    private final Thread removeOnExit = new Thread(this::exiting, "progy-docker-cleanup");
    /** The warm containers, when warm re-runs are on; null otherwise. */
    private final WarmContainers warm;
    /**
     * The transport of a cold run's calls ({@link LightCalls}), made on the first run: {@link EngineSocketTransport}
     * over a Unix socket, else docker-java's.
     */
    private DockerHttpClient http;
    /** docker-java's client over {@link #http}, made when a call first needs it. */
    private DockerClient docker;
    private boolean hookAdded;

    DockerRunner(EngineLocation address, Duration buildTimeout, boolean warmReRuns) {
        this.address = address;
        this.buildTimeout = buildTimeout;
        this.warm = warmReRuns ? new WarmContainers(address, live) : null;
    }

    /**
     * Runs the exercise in a fresh container, or with warm re-runs on as an exec in the course image's warm one.
     *
     * @throws dev.progy.error.UnsafePathException        when the policy refuses a folder or a placeholder value
     * @throws dev.progy.error.RunnerUnavailableException when the engine cannot be reached or refuses the container
     * @throws dev.progy.error.CourseInvalidException     when a docker-compose runner's compose file is refused
     *                                              (see {@link dev.progy.spi.support.compose.ComposeProject})
     * @throws ProgyException                       when the runner is not a docker-file runner, the course's
     *                                              image cannot be built (with the end of the build log) or a
     *                                              prebuilt image is missing
     */
    @Override
    public RunResult run(RunRequest request, RunListener listener) {
        if (request.runner().type() == RunnerType.DOCKER_COMPOSE) {
            DockerClient client = client();
            return new ComposeRuns(new DockerEngineCalls(client, address), images(client), this)
                    .run(request, listener, new ComposeRun(client, address, live));
        }
        if (request.runner().type() != RunnerType.DOCKER_FILE) {
            throw new ProgyException("the Docker runner runs docker-file and docker-compose runners only, not '"
                    + request.runner().type() + "' (runner " + request.runner().id() + ")",
                    "choose a runner for this type, e.g. --runner host for process runners");
        }
        if (warm == null) {
            return runInContainer(request, listener);
        }
        synchronized (warm) {
            // warm runs share containers and an output folder: one at a time
            return runInContainer(request, listener);
        }
    }

    private RunResult runInContainer(RunRequest request, RunListener listener) {
        SandboxPolicy.Builder rules = SandboxPolicy.builder(request);
        if (warm != null) {
            rules.outputFolder(warm.emptyOutputFolder());
        }
        // the policy first: a run it refuses costs no build
        try (SandboxPolicy policy = rules.build()) {
            String image;
            synchronized (this) {
                // one build at a time per runner: a second run of the same course waits, then reuses the image
                image = new CourseImages(new DockerEngineCalls(this::client, transport(), address), buildTimeout)
                        .imageFor(request, listener::output);
            }
            Runnable started = () -> listener.started(request);
            // a run held to allowed hosts gets its own network and proxy: never a kept container's
            RawRun raw;
            if (warm == null || policy.egress().isPresent()) {
                raw = new ContainerRun(this::client, transport(), address, policy, image, live)
                        .run(started, listener::output);
            } else {
                DockerClient client = client();
                raw = warm.run(client, policy, image, started, listener::output,
                        again -> runCold(client, request, image, again, listener));
            }
            RunResult result = ResultProtocol.read(raw, policy.limits());
            listener.finished(result);
            return result;
        }
    }

    /** A run in a fresh container, for a warm runner when its warm container will not do. */
    private RawRun runCold(DockerClient client, RunRequest request, String image, Runnable started,
                           RunListener listener) {
        try (SandboxPolicy policy = SandboxPolicy.builder(request).build()) {
            return new ContainerRun(client, address, policy, image, live).run(started, listener::output);
        }
    }

    private CourseImages images(DockerClient client) {
        return new CourseImages(new DockerEngineCalls(client, address), buildTimeout);
    }

    private synchronized DockerHttpClient transport() {
        if (http == null) {
            // over the engine's socket, the SDK's own small client; over TCP, docker-java's transport
            http = address.socket().<DockerHttpClient>map(EngineSocketTransport::new)
                    .orElseGet(() -> DockerAddress.transport(address));
        }
        if (!hookAdded) {
            Runtime.getRuntime().addShutdownHook(removeOnExit);
            hookAdded = true;
        }
        return http;
    }

    private synchronized DockerClient client() {
        if (docker == null) {
            transport(); // the exit hook's removal
            docker = DockerAddress.client(address, http instanceof EngineSocketTransport
                    ? DockerAddress.transport(address) : http);
        }
        return docker;
    }

    /** What the JVM's exit leaves to do: remove the containers, and the warm runs' output folder. */
    private void exiting() {
        removeLive(true);
        if (warm != null) {
            warm.deleteOutputFolder();
        }
    }

    /**
     * Removes every container of a run still on, e.g. when the JVM exits during a run; once {@code exiting}, no
     * run of this runner starts another container.
     */
    private void removeLive(boolean exiting) {
        DockerHttpClient transport;
        synchronized (this) {
            transport = http;
        }
        Consumer<String> remover = id -> {
            if (transport != null) {
                ContainerRun.remove(transport, this::client, id);
            }
        };
        if (exiting) {
            live.close();
        }
        live.removeAll(remover);
    }

    /** Removes what is left of runs still on and the warm containers, and closes the connection to the engine. */
    @Override
    public void close() {
        if (warm != null) {
            warm.closing();
        }
        removeLive(false);
        if (warm != null) {
            // not under this runner's lock: a warm run still on holds the warm lock and may need this one
            warm.close();
        }
        synchronized (this) {
            if (hookAdded) {
                try {
                    Runtime.getRuntime().removeShutdownHook(removeOnExit);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running or about to: it does the same
                }
                hookAdded = false;
            }
            try {
                if (docker != null) {
                    docker.close(); // and its transport
                }
                if (http != null) {
                    http.close(); // when not docker-java's (closing it twice does nothing)
                }
            } catch (IOException | RuntimeException ignored) {
                // nothing left to release
            }
            docker = null;
            http = null;
        }
    }
}
