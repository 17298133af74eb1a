package dev.progy.runner.podman;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.progy.ProgyException;
import dev.progy.RunTimeoutException;
import dev.progy.spi.support.compose.ComposeProject;
import dev.progy.spi.support.compose.ComposeService;
import dev.progy.spi.support.compose.ComposeService.Condition;
import dev.progy.spi.support.compose.ComposeService.Dependency;
import dev.progy.spi.support.sandbox.SandboxPolicy;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The supporting services of a compose run (every service but the one the test runs in), each in a container of
 * the run's pod: created, then started in {@code depends_on} order, each after the services it depends on are
 * ready, and all awaited before the test — healthy when they have a health check (the compose file's or the
 * image's), ended with exit code 0 when another service waits for that, started otherwise — within the run's time
 * limit. The runner runs the health checks itself, at each check's interval: a Podman service without systemd
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
final class PodServices {

    /** Label on a service's container: its service name. */
    static final String LABEL_SERVICE = "dev.progy.service";
    /** The capabilities a service keeps (see the class comment for why). */
    static final List<String> KEPT_CAPABILITIES = List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FOWNER",
            "CAP_SETUID", "CAP_SETGID");
    /** What every line this class tells the listener starts with. */
    static final String PREFIX = "[compose] ";
    private static final long POLL_MS = 100;
    private static final int LOG_TAIL = 20;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final LibpodClient podman;
    private final SandboxPolicy policy;
    private final ComposeProject project;
    private final Map<String, String> images;
    private final PodRun.Pod pod;
    private final Map<String, String> volumes;
    private final Consumer<String> onText;
    private final LibpodPods pods;
    private final Map<String, String> containers = new LinkedHashMap<>();
    private final Set<String> ready = new HashSet<>();

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
     * @throws RunTimeoutException when a service is not ready in time
     * @throws ProgyException      when a service ends or turns unhealthy instead (with the end of its log)
     */
    void start(long deadline) {
        for (ComposeService s : project.supportingServices()) {
            containers.put(s.name(), create(s));
        }
        for (ComposeService s : project.supportingServices()) {
            for (Dependency d : s.dependsOn()) {
                awaitReady(d.service(), deadline);
            }
            try {
                podman.start(containers.get(s.name()));
            } catch (LibpodException e) {
                throw EngineFailure.of(e, podman.address(), "start the compose service " + s.name());
            }
        }
        for (Dependency d : project.serviceToRun().dependsOn()) {
            awaitReady(d.service(), deadline);
        }
        for (ComposeService s : project.supportingServices()) {
            awaitReady(s.name(), deadline);
        }
    }

    private String create(ComposeService s) {
        try {
            return podman.create(spec(s));
        } catch (LibpodException e) {
            throw EngineFailure.of(e, podman.address(), "create the container of the compose service " + s.name());
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


    private void awaitReady(String name, long deadline) {
        if (ready.contains(name)) {
            return;
        }
        String id = containers.get(name);
        boolean completion = project.services().stream().flatMap(s -> s.dependsOn().stream())
                .anyMatch(d -> d.service().equals(name) && d.condition() == Condition.COMPLETED_SUCCESSFULLY);
        long t0 = System.nanoTime();
        long nextCheck = Long.MAX_VALUE;
        while (true) {
            LibpodPods.State state = state(id, name);
            String outcome = null;
            if (completion) {
                if (!state.running() && state.exitCode() == 0) {
                    outcome = "ran to its end";
                } else if (!state.running()) {
                    throw failed(name, id, "ended with exit code " + state.exitCode() + " (another service waits"
                            + " for it to end with 0)");
                }
            } else if (state.hasHealthCheck()) {
                if (state.health().equals("healthy")) {
                    outcome = "is healthy";
                } else if (state.health().equals("unhealthy")) {
                    throw failed(name, id, "is unhealthy: its health check says" + state.lastCheck());
                } else if (!state.running()) {
                    throw failed(name, id, "ended with exit code " + state.exitCode() + " before it was healthy");
                } else if (nextCheck == Long.MAX_VALUE) {
                    // the first check after one interval, as the engine's own scheduler would
                    nextCheck = t0 + interval(state).toNanos();
                } else if (System.nanoTime() - nextCheck >= 0) {
                    check(id, name);
                    nextCheck = System.nanoTime() + interval(state).toNanos();
                    continue; // look at what the check led to at once
                }
            } else {
                outcome = state.running() ? "started" : "started and ended with exit code " + state.exitCode();
            }
            if (outcome != null) {
                ready.add(name);
                onText.accept(PREFIX + name + " " + outcome + " (" + Duration.ofNanos(System.nanoTime() - t0).toMillis()
                        + " ms)\n");
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new RunTimeoutException("waiting for the compose service " + name + " to be "
                        + (completion ? "done" : "healthy") + " (" + (state.hasHealthCheck()
                        ? "health: " + state.health() + state.lastCheck() : "still running") + ")", policy.timeout());
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProgyException("starting the compose services was interrupted", "run again");
            }
        }
    }

    /** The time between checks: the check's own, or the compose default when it sets none. */
    private static Duration interval(LibpodPods.State state) {
        return state.checkInterval().isZero() || state.checkInterval().isNegative()
                ? Duration.ofMillis(ComposeProject.DEFAULT_HEALTH_INTERVAL_MS) : state.checkInterval();
    }

    private void check(String id, String name) {
        try {
            pods.runHealthCheck(id);
        } catch (LibpodException e) {
            if (e.status() != 409) { // 409: the container stopped meanwhile, which the next look tells
                throw EngineFailure.of(e, podman.address(), "run the health check of the compose service " + name);
            }
        }
    }

    private LibpodPods.State state(String id, String name) {
        try {
            return pods.state(id);
        } catch (LibpodException e) {
            throw EngineFailure.of(e, podman.address(), "inspect the compose service " + name);
        }
    }

    private ProgyException failed(String name, String id, String what) {
        return new ProgyException("the compose service " + name + " " + what + "\n--- last lines of its log ---\n"
                + pods.logTail(id, LOG_TAIL), "fix the service in the course's " + project.file() + ", or its image");
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
