package dev.progy.runner.docker;

import dev.progy.spi.container.EngineLocation;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.HealthStateLog;
import com.github.dockerjava.api.command.InspectContainerResponse.ContainerState;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import dev.progy.spi.container.ServiceStarts;
import dev.progy.spi.support.compose.ComposeProject;
import dev.progy.spi.support.compose.ComposeService;
import dev.progy.spi.support.sandbox.SandboxPolicy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The supporting services of a compose run (every service but the one the test runs in) on the Docker Engine, each
 * in a container on the run's network, reachable by its service name, started and awaited in the order
 * {@link ServiceStarts} sets.
 *
 * <p>Hardened like the exercise's container where database images allow it: {@code no-new-privileges}, the
 * runner's memory (no swap), CPU and process limits, only the run's volumes and read-only course files mounted.
 * Capabilities: all dropped but {@link #KEPT_CAPABILITIES} — CHOWN, DAC_OVERRIDE, FOWNER, SETUID and SETGID —
 * because the entrypoints of the usual database images (postgres, mysql, mariadb, redis, mongo) start as root,
 * hand their data folder to their own user ({@code chown}, {@code chmod} on files they do not own, reading
 * folders of mode 700) and then switch to it ({@code gosu}/{@code su-exec} call setuid and setgid). Nothing
 * else is kept: no NET_RAW, MKNOD, AUDIT_WRITE, SYS_CHROOT, KILL, FSETID or NET_BIND_SERVICE (ports below 1024
 * need none: Docker opens them to every user in a container's own network namespace). The root file system stays
 * writable, as those images write outside their volumes.
 */
final class ComposeServices implements ServiceStarts.Services {

    /** Label on a service's container: its service name. */
    static final String LABEL_SERVICE = "dev.progy.service";
    /** The capabilities a service keeps (see the class comment for why). */
    static final List<Capability> KEPT_CAPABILITIES = List.of(Capability.CHOWN, Capability.DAC_OVERRIDE,
            Capability.FOWNER, Capability.SETUID, Capability.SETGID);
    /** What every line this class tells the listener starts with. */
    static final String PREFIX = ServiceStarts.PREFIX;

    private final DockerClient docker;
    private final EngineLocation address;
    private final SandboxPolicy policy;
    private final ComposeProject project;
    private final Map<String, String> images;
    private final String network;
    private final Map<String, String> volumes;
    private final Consumer<String> onText;

    /**
     * @param images  the image of each service, by name
     * @param network the run's network
     * @param volumes the engine's name of each of the file's named volumes, made for this run
     */
    ComposeServices(DockerClient docker, EngineLocation address, SandboxPolicy policy, ComposeProject project,
                    Map<String, String> images, String network, Map<String, String> volumes, Consumer<String> onText) {
        this.docker = docker;
        this.address = address;
        this.policy = policy;
        this.project = project;
        this.images = images;
        this.network = network;
        this.volumes = volumes;
        this.onText = onText;
    }

    /**
     * Creates, starts and awaits every supporting service, all before {@code deadline} ({@link System#nanoTime()}).
     *
     * @throws dev.progy.error.RunTimeoutException when a service is not ready in time
     * @throws dev.progy.error.ProgyException      when a service ends or turns unhealthy instead (with the end of its log)
     */
    void start(long deadline) {
        new ServiceStarts(policy, project, this, onText).start(deadline);
    }

    @Override
    public void start(String id, String name) {
        try {
            docker.startContainerCmd(id).exec();
        } catch (RuntimeException e) {
            throw DockerEngineCalls.failure(e, address, "start the compose service " + name);
        }
    }

    @Override
    public String create(ComposeService s) {
        Map<String, String> labels = new TreeMap<>(policy.labels());
        labels.put(LABEL_SERVICE, s.name());
        CreateContainerCmd create = docker.createContainerCmd(images.get(s.name()))
                .withName(policy.containerName() + "-" + s.name())
                .withLabels(labels)
                .withEnv(s.environment().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                .withAliases(s.name())
                .withHostConfig(HostConfig.newHostConfig()
                        .withNetworkMode(network)
                        .withCapDrop(Capability.ALL)
                        .withCapAdd(KEPT_CAPABILITIES.toArray(Capability[]::new))
                        .withSecurityOpts(List.of("no-new-privileges"))
                        .withMemory(policy.memoryBytes())
                        .withMemorySwap(policy.memorySwapBytes())
                        .withNanoCPUs(policy.nanoCpus())
                        .withPidsLimit((long) policy.pidsLimit())
                        .withMounts(mounts(s)));
        // an empty entrypoint clears the image's, as compose's entrypoint: [] does
        s.entrypoint().ifPresent(e -> create.withEntrypoint(e.isEmpty() ? List.of("") : e));
        s.command().ifPresent(create::withCmd);
        s.user().ifPresent(create::withUser);
        s.workingDir().ifPresent(create::withWorkingDir);
        s.healthcheck().ifPresent(h -> create.withHealthcheck(new HealthCheck().withTest(h.test())
                .withInterval(h.interval().toNanos()).withTimeout(h.timeout().toNanos())
                .withRetries(h.retries()).withStartPeriod(h.startPeriod().toNanos())));
        try {
            return create.exec().getId();
        } catch (RuntimeException e) {
            throw DockerEngineCalls.failure(e, address, "create the container of the compose service " + s.name());
        }
    }

    private List<Mount> mounts(ComposeService s) {
        List<Mount> mounts = new ArrayList<>();
        for (ComposeService.Mount m : s.mounts()) {
            if (m.kind() == ComposeService.Kind.BIND) {
                mounts.add(new Mount().withType(MountType.BIND).withSource(project.mountSource(m.source()).toString())
                        .withTarget(m.target()).withReadOnly(true));
            } else if (m.source().isEmpty()) {
                // anonymous: removed with the container
                mounts.add(new Mount().withType(MountType.VOLUME).withTarget(m.target()).withReadOnly(m.readOnly()));
            } else {
                mounts.add(new Mount().withType(MountType.VOLUME).withSource(volumes.get(m.source()))
                        .withTarget(m.target()).withReadOnly(m.readOnly()));
            }
        }
        return mounts;
    }


    @Override
    public ServiceStarts.State state(String id, String name) {
        ContainerState state = inspect(id, name);
        Long exit = state.getExitCodeLong();
        String health = state.getHealth() == null ? null : state.getHealth().getStatus();
        return new ServiceStarts.State(Boolean.TRUE.equals(state.getRunning()), exit == null ? -1 : exit,
                Optional.ofNullable(health), lastCheck(state), Duration.ZERO);
    }

    private ContainerState inspect(String id, String name) {
        try {
            return docker.inspectContainerCmd(id).exec().getState();
        } catch (RuntimeException e) {
            throw DockerEngineCalls.failure(e, address, "inspect the compose service " + name);
        }
    }

    private static String lastCheck(ContainerState state) {
        List<HealthStateLog> log = state.getHealth() == null ? null : state.getHealth().getLog();
        if (log == null || log.isEmpty()) {
            return "";
        }
        HealthStateLog last = log.get(log.size() - 1);
        String output = last.getOutput() == null ? "" : last.getOutput().strip();
        return " (exit code " + last.getExitCodeLong() + (output.isEmpty() ? "" : ", " + output) + ")";
    }

    @Override
    public String logTail(String id, int lines) {
        StringBuilder text = new StringBuilder();
        ResultCallback.Adapter<Frame> collect = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                synchronized (text) {
                    text.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                }
            }
        };
        try {
            docker.logContainerCmd(id).withStdOut(true).withStdErr(true).withTail(lines).exec(collect)
                    .awaitCompletion(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            return "(its log could not be read: " + e.getMessage() + ")";
        }
        synchronized (text) {
            return text.toString().strip();
        }
    }
}
