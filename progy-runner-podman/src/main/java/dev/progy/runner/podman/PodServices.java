package dev.progy.runner.podman;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.progy.spi.container.ServiceStarts;
import dev.progy.spi.support.compose.ComposeProject;
import dev.progy.spi.support.compose.ComposeService;
import dev.progy.spi.support.sandbox.SandboxPolicy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The supporting services of a compose run (every service but the one the test runs in) on Podman, each in a
 * container of the run's pod, started and awaited in the order {@link ServiceStarts} sets. The runner runs the
 * health checks itself, at each check's interval: a Podman service without systemd
 * (as {@code podman system service} runs here) schedules none.
 *
 * <p>The pod's members share one network namespace with nothing in it but loopback: each service reaches the
 * others on localhost, and by name through the run's hosts file (every service name for 127.0.0.1), mounted
 * read-only at {@code /etc/hosts}. So two services listening on the same port clash, as two programs on one
 * machine would.
 *
 * <p>Hardened as on the Docker runner: {@code no-new-privileges}; the runner's memory (no swap), CPU and process
 * limits; only the run's volumes and read-only course files mounted; every capability dropped but
 * {@link #KEPT_CAPABILITIES} (CHOWN, DAC_OVERRIDE, FOWNER, SETUID, SETGID), which the entrypoints of the usual
 * database images need to hand their data folder to their own user and switch to it. Ports below 1024 need no
 * NET_BIND_SERVICE: the pod's network namespace opens them to every user
 * ({@code net.ipv4.ip_unprivileged_port_start=0}, as Docker sets it). The root file system stays writable, as
 * those images write outside their volumes.
 */
final class PodServices implements ServiceStarts.Services {

    /** Label on a service's container: its service name. */
    static final String LABEL_SERVICE = "dev.progy.service";
    /** The capabilities a service keeps (see the class comment for why). */
    static final List<String> KEPT_CAPABILITIES = List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FOWNER",
            "CAP_SETUID", "CAP_SETGID");
    /** What every line this class tells the listener starts with. */
    static final String PREFIX = ServiceStarts.PREFIX;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final LibpodClient podman;
    private final SandboxPolicy policy;
    private final ComposeProject project;
    private final Map<String, String> images;
    private final PodRun.Pod pod;
    private final Map<String, String> volumes;
    private final Consumer<String> onText;
    private final LibpodPods pods;
    /** When each service's next health check is due ({@link System#nanoTime()}), by container id. */
    private final Map<String, Long> nextCheck = new HashMap<>();

    /**
     * @param images  the image of each service, by name
     * @param pod     the run's pod and hosts file
     * @param volumes the service's name of each of the file's named volumes, made for this run
     */
    PodServices(LibpodClient podman, SandboxPolicy policy, ComposeProject project, Map<String, String> images,
                PodRun.Pod pod, Map<String, String> volumes, Consumer<String> onText) {
        this.podman = podman;
        this.policy = policy;
        this.project = project;
        this.images = images;
        this.pod = pod;
        this.volumes = volumes;
        this.onText = onText;
        this.pods = new LibpodPods(podman);
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
            podman.start(id);
        } catch (LibpodException e) {
            throw PodmanEngineCalls.failure(e, podman.address(), "start the compose service " + name);
        }
    }

    @Override
    public String create(ComposeService s) {
        try {
            return podman.create(spec(s));
        } catch (LibpodException e) {
            throw PodmanEngineCalls.failure(e, podman.address(), "create the container of the compose service " + s.name());
        }
    }

    /** The service as the body of libpod's container create. */
    ObjectNode spec(ComposeService s) {
        ObjectNode spec = NODES.objectNode();
        spec.put("name", policy.containerName() + "-" + s.name());
        spec.put("pod", pod.id());
        spec.put("image", images.get(s.name()));
        Map<String, String> labels = new TreeMap<>(policy.labels());
        labels.put(LABEL_SERVICE, s.name());
        spec.set("labels", map(labels));
        spec.set("env", map(s.environment()));
        // an empty entrypoint clears the image's, as compose's entrypoint: [] does
        s.entrypoint().ifPresent(e -> spec.set("entrypoint", strings(e.isEmpty() ? List.of("") : e)));
        s.command().ifPresent(c -> spec.set("command", strings(c)));
        s.user().ifPresent(u -> spec.put("user", u));
        s.workingDir().ifPresent(w -> spec.put("work_dir", w));
        s.healthcheck().ifPresent(h -> {
            ObjectNode check = spec.putObject("healthconfig");
            check.set("Test", strings(h.test()));
            if (!h.disabled()) {
                check.put("Interval", h.interval().toNanos()).put("Timeout", h.timeout().toNanos())
                        .put("Retries", h.retries()).put("StartPeriod", h.startPeriod().toNanos());
            }
        });
        spec.set("cap_drop", strings(List.of("ALL")));
        spec.set("cap_add", strings(KEPT_CAPABILITIES));
        spec.put("no_new_privileges", true);
        spec.putObject("sysctl").put("net.ipv4.ip_unprivileged_port_start", "0");
        ObjectNode limits = spec.putObject("resource_limits");
        limits.putObject("memory").put("limit", policy.memoryBytes()).put("swap", policy.memorySwapBytes());
        limits.putObject("pids").put("limit", policy.pidsLimit());
        limits.putObject("cpu").put("quota", Math.max(1000, policy.nanoCpus() * ContainerSpec.CPU_PERIOD_US
                / 1_000_000_000L)).put("period", ContainerSpec.CPU_PERIOD_US);
        ArrayNode mounts = spec.putArray("mounts");
        ArrayNode named = spec.putArray("volumes");
        for (ComposeService.Mount m : s.mounts()) {
            if (m.kind() == ComposeService.Kind.BIND) {
                mounts.addObject().put("destination", m.target()).put("type", "bind")
                        .put("source", project.mountSource(m.source()).toString()).set("options", strings(List.of("rbind", "ro")));
            } else {
                // an empty name is an anonymous volume, removed with its container
                named.addObject().put("Name", m.source().isEmpty() ? "" : volumes.get(m.source()))
                        .put("Dest", m.target()).set("Options", strings(m.readOnly() ? List.of("ro") : List.of()));
            }
        }
        mounts.add(pod.hostsMount());
        return spec;
    }


    @Override
    public ServiceStarts.State state(String id, String name) {
        LibpodPods.State state = inspect(id, name);
        return new ServiceStarts.State(state.running(), state.exitCode(),
                state.hasHealthCheck() ? Optional.of(state.health()) : Optional.empty(), state.lastCheck(),
                state.checkInterval());
    }

    /** The first check one interval after the wait began, as the engine's own scheduler would, then one each interval. */
    @Override
    public boolean checkDue(String id, String name, ServiceStarts.State state, long since) {
        Long due = nextCheck.get(id);
        if (due == null) {
            nextCheck.put(id, since + interval(state).toNanos());
            return false;
        }
        if (System.nanoTime() - due < 0) {
            return false;
        }
        check(id, name);
        nextCheck.put(id, System.nanoTime() + interval(state).toNanos());
        return true;
    }

    @Override
    public String logTail(String id, int lines) {
        return pods.logTail(id, lines);
    }

    /** The time between checks: the check's own, or the compose default when it sets none. */
    private static Duration interval(ServiceStarts.State state) {
        return state.interval().isZero() || state.interval().isNegative()
                ? Duration.ofMillis(ComposeProject.DEFAULT_HEALTH_INTERVAL_MS) : state.interval();
    }

    private void check(String id, String name) {
        try {
            pods.runHealthCheck(id);
        } catch (LibpodException e) {
            if (e.status() != 409) { // 409: the container stopped meanwhile, which the next look tells
                throw PodmanEngineCalls.failure(e, podman.address(), "run the health check of the compose service " + name);
            }
        }
    }

    private LibpodPods.State inspect(String id, String name) {
        for (int attempt = 1; ; attempt++) {
            try {
                return pods.state(id);
            } catch (LibpodException e) {
                // Podman reads the container's cgroup to inspect it: when the service's process exits at that very
                // moment it answers "no such process", and a second look sees the container exited.
                if (attempt < 5 && e.reason() != null && e.reason().contains("no such process")) {
                    try {
                        Thread.sleep(20L * attempt);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        throw PodmanEngineCalls.failure(e, podman.address(), "inspect the compose service " + name);
                    }
                    continue;
                }
                throw PodmanEngineCalls.failure(e, podman.address(), "inspect the compose service " + name);
            }
        }
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode array = NODES.arrayNode();
        values.forEach(array::add);
        return array;
    }

    private static ObjectNode map(Map<String, String> values) {
        ObjectNode object = NODES.objectNode();
        values.forEach(object::put);
        return object;
    }
}
