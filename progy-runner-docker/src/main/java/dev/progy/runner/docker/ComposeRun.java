package dev.progy.runner.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.api.model.VersionComponent;
import dev.progy.RunnerUnavailableException;
import dev.progy.model.RunResult;
import dev.progy.spi.RunListener;
import dev.progy.spi.RunRequest;
import dev.progy.spi.support.compose.ComposeProject;
import dev.progy.spi.support.protocol.RawRun;
import dev.progy.spi.support.protocol.ResultProtocol;
import dev.progy.spi.support.sandbox.SandboxPolicy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run of a {@code docker-compose} course runner. The compose file is read and checked first
 * ({@link ComposeProject}: a file that escapes the sandbox is refused before the engine is asked for anything),
 * the exercise's {@link SandboxPolicy} next, then the images (every missing one reported at once, built ones
 * built). Then, for this run only: one network, internal and with no address of the host on it — so nothing on
 * it reaches the outside, the host or the engine's other networks — named volumes, and the supporting services
 * ({@link ComposeServices}), started in {@code depends_on} order and awaited within the run's time limit. The
 * test is the runner's command in a container of the service-to-run's image, made by {@link ContainerRun} from
 * the policy exactly as for a {@code docker-file} run, except that it joins the run's network (as the service's
 * name) instead of none. The runner's {@code network_access} is not used: a compose run has no outside access.
 * Engines that would silently leave the host reachable from such a network — Docker before 20.10, Podman's
 * Docker-compatible socket — are refused before anything is made.
 *
 * <p>Everything the run made carries the policy's labels and is removed at its end, on success, failure and
 * timeout alike, and by an exit hook when the JVM ends mid-run ({@link ComposeCleanup}); {@code progy gc} finds
 * what a killed JVM left by the same labels. The run's time limit applies twice: once to starting the services,
 * once to the test itself.
 */
final class ComposeRun {

    /** Keeps the engine from giving the network's bridge an address, so the host is not reachable on it. */
    static final String NO_HOST_ADDRESS = "com.docker.network.bridge.inhibit_ipv4";
    private static final Pattern MAJOR_MINOR = Pattern.compile("^(\\d+)\\.(\\d+)");

    private final DockerClient docker;
    private final EngineAddress address;
    private final Duration buildTimeout;
    private final LiveContainers live;
    private final Object buildLock;

    /**
     * @param live      the runner's list of containers to remove when the JVM exits
     * @param buildLock held while images are built: one build at a time per runner
     */
    ComposeRun(DockerClient docker, EngineAddress address, Duration buildTimeout, LiveContainers live, Object buildLock) {
        this.docker = docker;
        this.address = address;
        this.buildTimeout = buildTimeout;
        this.live = live;
        this.buildLock = buildLock;
    }

    RunResult run(RunRequest request, RunListener listener) {
        ComposeProject project = ComposeProject.load(request.course().root(), request.runner());
        Map<String, String> env = new LinkedHashMap<>(project.testEnvironment());
        env.putAll(request.extraEnv());
        RunRequest test = new RunRequest(request.course(), request.exercise(), request.runner(), request.workspace(),
                request.timeout(), env);
        try (SandboxPolicy policy = SandboxPolicy.builder(test).build()) {
            for (String note : project.notes()) {
                listener.output(ComposeServices.PREFIX + note + "\n");
            }
            if (request.runner().networkAccess()) {
                listener.output(ComposeServices.PREFIX + "network_access is not used: a compose run reaches only"
                        + " its own services\n");
            }
            requireIsolation();
            Map<String, String> images;
            synchronized (buildLock) {
                images = new ServiceImages(new CourseImage(docker, address, buildTimeout))
                        .resolve(request.course().id(), project, listener::output);
            }
            ComposeCleanup cleanup = new ComposeCleanup(docker, address, policy.runId());
            Thread hook = new Thread(cleanup::runQuietly, "progy-compose-cleanup");
            Runtime.getRuntime().addShutdownHook(hook);
            Throwable failure = null;
            try {
                return runIn(request, listener, project, policy, images);
            } catch (RuntimeException | Error e) {
                failure = e;
                throw e;
            } finally {
                try {
                    cleanup.run();
                } catch (RuntimeException e) {
                    // what stopped the run matters more; the exit hook and progy gc try again
                    if (failure == null) {
                        throw e;
                    }
                    failure.addSuppressed(e);
                } finally {
                    removeHook(hook);
                }
            }
        }
    }

    private RunResult runIn(RunRequest request, RunListener listener, ComposeProject project, SandboxPolicy policy,
                            Map<String, String> images) {
        long deadline = System.nanoTime() + policy.timeout().toNanos();
        String network = createNetwork(policy);
        Map<String, String> volumes = new LinkedHashMap<>();
        for (String volume : project.volumes()) {
            volumes.put(volume, createVolume(policy, volume));
        }
        new ComposeServices(docker, address, policy, project, images, network, volumes, listener::output)
                .start(deadline);
        String service = project.serviceToRun().name();
        RawRun raw = new ContainerRun(docker, address, policy, images.get(service), live).joining(network, service)
                .run(() -> listener.started(request), listener::output);
        RunResult result = ResultProtocol.read(raw, policy.limits());
        listener.finished(result);
        return result;
    }

    /**
     * Refuses engines on which {@link #NO_HOST_ADDRESS} would be ignored without a word, leaving the host
     * reachable from the run's network: Docker before 20.10, and Podman's Docker-compatible socket.
     */
    private void requireIsolation() {
        Version version;
        try {
            version = docker.versionCmd().exec();
        } catch (RuntimeException e) {
            throw EngineFailure.of(e, address, "tell its version");
        }
        String why = isolationProblem(version);
        if (why != null) {
            throw new RunnerUnavailableException(why, "use Docker Engine 20.10 or newer for docker-compose courses,"
                    + " or the podman runner (--engine podman) on Podman",
                    List.of("docker at " + address.uri() + ": " + why));
        }
    }

    /** Why a compose run cannot be isolated on this engine, or null when it can. */
    static String isolationProblem(Version version) {
        List<VersionComponent> components = version.getComponents() == null ? List.of() : version.getComponents();
        if (components.stream().anyMatch(c -> c.getName() != null
                && c.getName().toLowerCase(Locale.ROOT).contains("podman"))) {
            return "the engine at this address is Podman, whose Docker-compatible socket cannot cut a compose run's"
                    + " network off from your machine";
        }
        Matcher m = MAJOR_MINOR.matcher(version.getVersion() == null ? "" : version.getVersion());
        if (!m.find()) {
            return "the engine does not say its version, so Progy cannot tell whether it can cut a compose run's"
                    + " network off from your machine";
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        if (major < 20 || major == 20 && minor < 10) {
            return "Docker Engine " + version.getVersion() + " is too old to cut a compose run's network off from"
                    + " your machine (20.10 or newer can)";
        }
        return null;
    }

    private String createNetwork(SandboxPolicy policy) {
        String name = policy.containerName() + "-net";
        try {
            docker.createNetworkCmd().withName(name).withDriver("bridge").withInternal(true)
                    .withCheckDuplicate(true).withLabels(policy.labels())
                    .withOptions(Map.of(NO_HOST_ADDRESS, "true")).exec();
            return name;
        } catch (RuntimeException e) {
            throw EngineFailure.of(e, address, "create the compose run's network");
        }
    }

    private String createVolume(SandboxPolicy policy, String volume) {
        String name = policy.containerName() + "-" + volume;
        try {
            docker.createVolumeCmd().withName(name).withDriver("local").withLabels(policy.labels()).exec();
            return name;
        } catch (RuntimeException e) {
            throw EngineFailure.of(e, address, "create the compose volume " + volume);
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it does the same
        }
    }
}
