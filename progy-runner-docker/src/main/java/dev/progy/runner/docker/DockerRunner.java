package dev.progy.runner.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.progy.ProgyException;
import dev.progy.model.RunResult;
import dev.progy.model.RunnerType;
import dev.progy.spi.RunListener;
import dev.progy.spi.RunRequest;
import dev.progy.spi.Runner;
import dev.progy.spi.support.RawRun;
import dev.progy.spi.support.ResultProtocol;
import dev.progy.spi.support.SandboxPolicy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs {@code docker-file} course runners in containers of a Docker Engine, each held to the
 * {@link SandboxPolicy} (read-only root, no capabilities, a non-root user, limits, no network, only the
 * exercise folder writable). One container per run, removed after it — also when the JVM exits while a run is
 * on. The image is built from the course's Dockerfile once per content of the course folder and tagged
 * {@code progy/<course id>:<hash>} (the rule is on {@link CourseImage}); its build log reaches the listener's
 * output, each line starting with {@code [build] }.
 * {@code docker-compose} runners run as described on {@link ComposeRun}: the course's services on a network of
 * their own with no outside access, the test in the service to run under the same policy.
 * Made by {@link DockerRunnerProvider}; connects on the first run.
 */
public final class DockerRunner implements Runner {

    private final EngineAddress address;
    private final Duration buildTimeout;
    private final Set<String> live = ConcurrentHashMap.newKeySet();
    private final Thread removeOnExit = new Thread(this::removeLive, "progy-docker-cleanup");
    private DockerClient docker;
    private boolean hookAdded;

    DockerRunner(EngineAddress address, Duration buildTimeout) {
        this.address = address;
        this.buildTimeout = buildTimeout;
    }

    /**
     * Runs the exercise in a fresh container.
     *
     * @throws dev.progy.UnsafePathException        when the policy refuses a folder or a placeholder value
     * @throws dev.progy.RunnerUnavailableException when the engine cannot be reached or refuses the container
     * @throws dev.progy.CourseInvalidException     when a docker-compose runner's compose file is refused
     *                                              (see {@link dev.progy.spi.support.ComposeProject})
     * @throws ProgyException                       when the runner is not a docker-file runner, the course's
     *                                              image cannot be built (with the end of the build log) or a
     *                                              prebuilt image is missing
     */
    @Override
    public RunResult run(RunRequest request, RunListener listener) {
        if (request.runner().type() == RunnerType.DOCKER_COMPOSE) {
            return new ComposeRun(client(), address, buildTimeout, live, this).run(request, listener);
        }
        if (request.runner().type() != RunnerType.DOCKER_FILE) {
            throw new ProgyException("the Docker runner runs docker-file and docker-compose runners only, not '"
                    + request.runner().type() + "' (runner " + request.runner().id() + ")",
                    "choose a runner for this type, e.g. --runner host for process runners");
        }
        // the policy first: a run it refuses costs no build
        try (SandboxPolicy policy = SandboxPolicy.builder(request).build()) {
            String image;
            synchronized (this) {
                // one build at a time per runner: a second run of the same course waits, then reuses the image
                image = new CourseImage(client(), address, buildTimeout).imageFor(request, listener::output);
            }
            RawRun raw = new ContainerRun(client(), address, policy, image, live)
                    .run(() -> listener.started(request), listener::output);
            RunResult result = ResultProtocol.read(raw, policy.limits());
            listener.finished(result);
            return result;
        }
    }

    private synchronized DockerClient client() {
        if (docker == null) {
            // TLS is refused by DockerRunnerConfig.validate(): the certificate library is not on the class path
            DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                    .withDockerHost(address.uri()).withDockerTlsVerify(false).build();
            ZerodepDockerHttpClient http = new ZerodepDockerHttpClient.Builder()
                    .dockerHost(config.getDockerHost())
                    .connectionTimeout(Duration.ofSeconds(5))
                    .build();
            docker = DockerClientImpl.getInstance(config, http);
        }
        if (!hookAdded) {
            Runtime.getRuntime().addShutdownHook(removeOnExit);
            hookAdded = true;
        }
        return docker;
    }

    /** Removes every container of a run still on, e.g. when the JVM exits during a run. */
    private void removeLive() {
        DockerClient client;
        synchronized (this) {
            client = docker;
        }
        if (client == null) {
            return;
        }
        for (String id : List.copyOf(live)) {
            try {
                ContainerRun.remove(client, id);
                live.remove(id);
            } catch (RuntimeException e) {
                // the engine is gone too; progy gc finds the container by its labels later
            }
        }
    }

    /** Removes what is left of runs still on and closes the connection to the engine. */
    @Override
    public synchronized void close() {
        removeLive();
        if (hookAdded) {
            try {
                Runtime.getRuntime().removeShutdownHook(removeOnExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or about to: it does the same
            }
            hookAdded = false;
        }
        if (docker != null) {
            try {
                docker.close();
            } catch (IOException | RuntimeException ignored) {
                // nothing left to release
            }
            docker = null;
        }
    }
}
