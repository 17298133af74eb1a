package dev.progy.runner.docker;

import dev.progy.spi.container.EgressNetwork;
import dev.progy.spi.container.LiveContainers;
import dev.progy.spi.container.EngineLocation;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.WaitResponse;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.progy.error.ProgyException;
import dev.progy.spi.support.sandbox.BindMount;
import dev.progy.spi.support.protocol.CappedOutput;
import dev.progy.spi.support.sandbox.DiskWatch;
import dev.progy.spi.support.protocol.RawRun;
import dev.progy.spi.support.protocol.ResultProtocol;
import dev.progy.spi.support.sandbox.SandboxPolicy;
import dev.progy.spi.support.sandbox.TmpfsMount;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One exercise run in one container made from a {@link SandboxPolicy}, one to one: create, attach, start, stream the
 * output, wait up to the timeout, kill the container itself on a timeout, at the output limit or once it wrote
 * more than its disk limit ({@link DiskWatch}), inspect, remove.
 * Out of memory is any OOM kill in the container ({@link OomEvents}), not only of its first process.
 */
final class ContainerRun {

    /** How long a killed container and its log stream get to end before the run gives up on them. */
    private static final Duration SETTLE = Duration.ofSeconds(10);

    private final Supplier<DockerClient> docker;
    /** The engine's API without docker-java's models, for the calls {@link LightCalls} makes; null: docker-java's. */
    private final DockerHttpClient http;
    private final EngineLocation address;
    private final SandboxPolicy policy;
    private final String image;
    private final LiveContainers live;
    /** The network the container joins instead of none (a compose run's own, with no outside access), and its name there. */
    private String network;
    private String alias;
    /** The egress proxy's URL, when the runner lists the hosts it may reach. */
    private String proxyUrl;

    ContainerRun(DockerClient docker, EngineLocation address, SandboxPolicy policy, String image, LiveContainers live) {
        this(() -> docker, LightCalls.transport(docker), address, policy, image, live);
    }

    /**
     * A run that makes its calls over {@code http} ({@link LightCalls}) and asks docker-java's client, made by
     * {@code docker} when first needed, only when the engine answers otherwise than expected.
     */
    ContainerRun(Supplier<DockerClient> docker, DockerHttpClient http, EngineLocation address, SandboxPolicy policy,
                 String image, LiveContainers live) {
        this.docker = docker;
        this.http = http;
        this.address = address;
        this.policy = policy;
        this.image = image;
        this.live = live;
    }

    /**
     * Makes the container join {@code network}, reachable there as {@code alias}, instead of having no network:
     * for a compose run, whose network has no outside access, so the policy's "no network" still holds for
     * everything beyond the run's own services.
     */
    ContainerRun joining(String network, String alias) {
        this.network = network;
        this.alias = alias;
        return this;
    }

    /**
     * Runs the container and returns what it did.
     *
     * @param started   called just before the container starts
     * @param onText    hears the output as it arrives
     */
    RawRun run(Runnable started, Consumer<String> onText) {
        if (network != null || policy.egress().isEmpty()) {
            return runIn(started, onText);
        }
        return EgressNetwork.around(new DockerEngineCalls(docker, http, address), policy, onText, egress -> {
            this.network = egress.name();
            this.proxyUrl = egress.proxyUrl();
            return runIn(started, onText);
        });
    }

    private RawRun runIn(Runnable started, Consumer<String> onText) {
        String id = live.create(this::create);
        Throwable failure = null;
        try {
            return startAndWait(id, started, onText);
        } catch (RuntimeException | Error e) {
            failure = e;
            throw e;
        } finally {
            try {
                remove(id);
                live.remove(id);
            } catch (RuntimeException e) {
                // what stopped the run matters more; the container stays listed for the exit hook
                if (failure == null) {
                    throw e;
                }
                failure.addSuppressed(e);
            }
        }
    }

    private String create() {
        Map<String, String> environment = proxyUrl == null ? policy.environment() : policy.environment(proxyUrl);
        if (alias == null) {
            Optional<String> created = LightCalls.create(http, policy.containerName(),
                    LightCalls.createBody(image, policy, environment, network));
            if (created.isPresent()) {
                return created.get();
            }
        }
        CreateContainerCmd create = createCmd(docker.get(), image, policy, environment, network);
        if (alias != null) {
            create.withAliases(alias);
        }
        try {
            return create.exec().getId();
        } catch (NotFoundException e) {
            throw new ProgyException("the course's image " + image + " is not on the Docker Engine at "
                    + address.uri(), "build it first, e.g. docker build -t " + image + " . in the course folder");
        } catch (RuntimeException e) {
            throw DockerEngineCalls.failure(e, address, "create the exercise's container");
        }
    }

    /** docker-java's command to create the run's container ({@link LightCalls#createBody} sends the same). */
    static CreateContainerCmd createCmd(DockerClient docker, String image, SandboxPolicy policy,
                                        Map<String, String> environment, String network) {
        return docker.createContainerCmd(image)
                .withName(policy.containerName())
                .withCmd(policy.argv())
                .withWorkingDir(policy.workingDir())
                .withUser(policy.user())
                .withEnv(environment.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                .withLabels(policy.labels())
                .withTty(false)
                .withStdinOpen(false)
                .withAttachStdin(false)
                .withAttachStdout(false)
                .withAttachStderr(false)
                .withHostConfig(network == null ? hostConfig(policy) : hostConfig(policy).withNetworkMode(network));
    }

    /** The policy's mounts, hardening and limits, as the engine takes them; a warm container gets the same. */
    static HostConfig hostConfig(SandboxPolicy policy) {
        List<Mount> mounts = policy.mounts().stream().map(ContainerRun::bind).toList();
        Map<String, String> tmpfs = new LinkedHashMap<>();
        for (TmpfsMount t : policy.tmpfsMounts()) {
            tmpfs.put(t.target(), String.join(",", t.options()));
        }
        return HostConfig.newHostConfig()
                .withMounts(mounts)
                .withTmpFs(tmpfs)
                .withReadonlyRootfs(policy.readOnlyRootFilesystem())
                .withCapDrop(policy.capabilitiesToDrop().stream().map(Capability::valueOf).toArray(Capability[]::new))
                .withSecurityOpts(policy.noNewPrivileges() ? List.of("no-new-privileges") : List.of())
                .withMemory(policy.memoryBytes())
                .withMemorySwap(policy.memorySwapBytes())
                .withNanoCPUs(policy.nanoCpus())
                .withPidsLimit((long) policy.pidsLimit())
                .withNetworkMode(policy.networkAccess() ? "bridge" : "none");
    }

    private static Mount bind(BindMount m) {
        return new Mount().withType(MountType.BIND).withSource(m.source().toString()).withTarget(m.target())
                .withReadOnly(m.readOnly());
    }

    private RawRun startAndWait(String id, Runnable started, Consumer<String> onText) {
        CountDownLatch over = new CountDownLatch(1);
        CappedOutput output = new CappedOutput(policy.outputLimitBytes(), onText);
        ContainerOutput logs = new ContainerOutput(output, over::countDown);
        WaitContainerResultCallback exited = new WaitContainerResultCallback() {
            @Override
            public void onNext(WaitResponse response) {
                super.onNext(response);
                over.countDown();
            }

            @Override
            public void onComplete() {
                super.onComplete();
                over.countDown();
            }

            @Override
            public void onError(Throwable throwable) {
                super.onError(throwable);
                over.countDown();
            }
        };
        boolean attached = LightCalls.attach(http, id, logs);
        started.run();
        DiskWatch disk = policy.watchDisk(over::countDown);
        long t0 = System.nanoTime();
        try {
            if (!LightCalls.start(http, id)) {
                docker.get().startContainerCmd(id).exec();
            }
            if (!attached && !LightCalls.followLogs(http, id, logs)) {
                docker.get().logContainerCmd(id).withStdOut(true).withStdErr(true).withFollowStream(true).exec(logs);
            }
            if (!LightCalls.awaitStop(http, id, exited)) {
                docker.get().waitContainerCmd(id).exec(exited);
            }
        } catch (RuntimeException e) {
            disk.close();
            throw DockerEngineCalls.failure(e, address, "start the exercise's container");
        }
        boolean ended = await(over, policy.timeout());
        Duration duration = Duration.ofNanos(System.nanoTime() - t0);
        boolean timedOut = !ended;
        if (timedOut || output.truncated() || logs.listenerFailure() != null || disk.exceeded()) {
            kill(id);
        }
        // the exit code is known once the container is gone; the output once its log stream ends
        awaitQuietly(exited);
        awaitQuietly(logs);
        output.close();
        boolean wroteTooMuch = disk.finish();
        if (logs.listenerFailure() != null) {
            throw logs.listenerFailure();
        }
        LightCalls.ContainerEnd end = inspect(id);
        Long exitCode = end.running() ? null : end.exitCode();
        // any process the memory cgroup killed counts, not only the first one (a program may outlive its child);
        // the engine's own clock bounds the events, so a remote engine's clock may differ from this machine's
        boolean outOfMemory = end.oomKilled() || OomEvents.any(http, docker, address, id,
                OomEvents.instant(end.created()).minusSeconds(1), OomEvents.instant(end.finishedAt()));
        return new RawRun(exitCode == null ? OptionalInt.empty() : OptionalInt.of(exitCode.intValue()), output.text(),
                output.truncated(), timedOut, outOfMemory, ResultProtocol.readResultsFile(policy.outputDir()), duration,
                wroteTooMuch);
    }

    private LightCalls.ContainerEnd inspect(String id) {
        try {
            return LightCalls.containerEnd(http, id)
                    .orElseGet(() -> LightCalls.ContainerEnd.of(docker.get().inspectContainerCmd(id).exec()));
        } catch (RuntimeException e) {
            throw DockerEngineCalls.failure(e, address, "inspect the exercise's container");
        }
    }

    private void kill(String id) {
        try {
            docker.get().killContainerCmd(id).withSignal("KILL").exec();
        } catch (ConflictException | NotFoundException | NotModifiedException alreadyGone) {
            // it ended on its own meanwhile
        } catch (RuntimeException e) {
            throw DockerEngineCalls.failure(e, address, "kill the exercise's container");
        }
    }

    /** Removes the container and what it holds, over {@code http} if it answers, else through docker-java. */
    static void remove(DockerHttpClient http, Supplier<DockerClient> docker, String id) {
        if (!LightCalls.remove(http, id)) {
            remove(docker.get(), id);
        }
    }

    /** Removes the container and what it holds; it may already be gone. */
    static void remove(DockerClient docker, String id) {
        try {
            docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException alreadyGone) {
            // removed by someone else, e.g. progy gc
        }
    }

    private void remove(String id) {
        try {
            remove(http, docker, id);
        } catch (RuntimeException e) {
            throw DockerEngineCalls.failure(e, address, "remove the exercise's container " + id);
        }
    }

    private static boolean await(CountDownLatch latch, Duration timeout) {
        try {
            return latch.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            // Ctrl-C of an embedding tool: treated like a timeout, so the container is killed and removed
            return false;
        }
    }

    private static void awaitQuietly(com.github.dockerjava.api.async.ResultCallbackTemplate<?, ?> callback) {
        try {
            callback.awaitCompletion(SETTLE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                callback.close();
            } catch (IOException | RuntimeException ignored) {
                // the stream is gone either way
            }
        }
    }
}
