package dev.progy.runner.docker;

import dev.progy.spi.container.LiveContainers;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.api.model.VersionComponent;
import dev.progy.error.RunnerUnavailableException;
import dev.progy.spi.container.ComposeRuns;
import dev.progy.spi.container.EngineLocation;
import dev.progy.spi.support.compose.ComposeProject;
import dev.progy.spi.support.protocol.RawRun;
import dev.progy.spi.support.sandbox.SandboxPolicy;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the Docker Engine makes for one run of a {@code docker-compose} course runner, in the order and with the
 * teardown {@link ComposeRuns} sets: one network, internal and with no address of the host on it — so nothing on it
 * reaches the outside, the host or the engine's other networks — named volumes, the supporting services
 * ({@link ComposeServices}), and the test in a container of the service-to-run's image made by {@link ContainerRun}
 * exactly as for a {@code docker-file} run, except that it joins the run's network (as the service's name). Engines
 * that would silently leave the host reachable from such a network — Docker before 20.10, Podman's
 * Docker-compatible socket — are refused before anything is made.
 */
final class ComposeRun implements ComposeRuns.Steps<String> {

    /** Keeps the engine from giving the network's bridge an address, so the host is not reachable on it. */
    static final String NO_HOST_ADDRESS = "com.docker.network.bridge.inhibit_ipv4";
    private static final Pattern MAJOR_MINOR = Pattern.compile("^(\\d+)\\.(\\d+)");

    private final DockerClient docker;
    private final EngineLocation address;
    private final LiveContainers live;

    /** @param live the runner's list of containers to remove when the JVM exits */
    ComposeRun(DockerClient docker, EngineLocation address, LiveContainers live) {
        this.docker = docker;
        this.address = address;
        this.live = live;
    }

    @Override
    public String createPlace(SandboxPolicy policy, ComposeProject project) {
        String name = policy.containerName() + "-net";
        try {
            docker.createNetworkCmd().withName(name).withDriver("bridge").withInternal(true)
                    .withCheckDuplicate(true).withLabels(policy.labels())
                    .withOptions(Map.of(NO_HOST_ADDRESS, "true")).exec();
            return name;
        } catch (RuntimeException e) {
            throw DockerEngineCalls.failure(e, address, "create the compose run's network");
        }
    }

    @Override
    public String createVolume(SandboxPolicy policy, String volume) {
        String name = policy.containerName() + "-" + volume;
        try {
            docker.createVolumeCmd().withName(name).withDriver("local").withLabels(policy.labels()).exec();
            return name;
        } catch (RuntimeException e) {
            throw DockerEngineCalls.failure(e, address, "create the compose volume " + volume);
        }
    }

    @Override
    public void startServices(SandboxPolicy policy, ComposeProject project, Map<String, String> images, String network,
                              Map<String, String> volumes, long deadline, Consumer<String> onText) {
        new ComposeServices(docker, address, policy, project, images, network, volumes, onText).start(deadline);
    }

    @Override
    public RawRun runTest(SandboxPolicy policy, String image, String network, String service, Runnable started,
                          Consumer<String> onText) {
        return new ContainerRun(docker, address, policy, image, live).joining(network, service).run(started, onText);
    }

    /**
     * Refuses engines on which {@link #NO_HOST_ADDRESS} would be ignored without a word, leaving the host
     * reachable from the run's network: Docker before 20.10, and Podman's Docker-compatible socket.
     */
    @Override
    public void requireIsolation() {
        Version version;
        try {
            version = docker.versionCmd().exec();
        } catch (RuntimeException e) {
            throw DockerEngineCalls.failure(e, address, "tell its version");
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
}
