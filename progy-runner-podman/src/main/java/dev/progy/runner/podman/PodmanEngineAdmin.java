package dev.progy.runner.podman;

import dev.progy.spi.container.Leftovers;
import dev.progy.spi.container.EngineLocation;
import dev.progy.error.RunnerUnavailableException;
import dev.progy.spi.Availability;
import dev.progy.spi.EngineAdmin;
import dev.progy.spi.EngineReport;
import dev.progy.spi.Leftover;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The Podman service as {@code progy doctor} and {@code progy gc} see it: where it was looked for and what answered
 * ({@link #inspect()}: version, libpod API, rootless or not, cgroups, OCI runtime, storage driver, conmon), and
 * what crashed runs left on it ({@link Leftovers}). Connects for each call and never throws for a service
 * that is missing or does not answer.
 */
final class PodmanEngineAdmin implements EngineAdmin {

    static final String ENGINE = "podman";

    private final EngineLocation address;

    PodmanEngineAdmin(EngineLocation address) {
        this.address = address;
    }

    @Override
    public EngineReport inspect() {
        List<String> problems = new ArrayList<>();
        List<String> fixes = new ArrayList<>();
        Availability socket = PodmanAddress.availability(address);
        if (!socket.usable()) {
            problems.add(socket.reason());
            fixes.add(socket.fixHint());
            return report(false, "", "", Map.of(), problems, fixes);
        }
        try (LibpodClient podman = new LibpodClient(address)) {
            LibpodClient.Ping ping = podman.ping();
            String api = ping.libpodApiVersion();
            if (api.isEmpty()) {
                problems.add("the service at " + address.uri() + " is not Podman (it answers without a libpod API"
                        + " version; server: " + (ping.server().isEmpty() ? "unknown" : ping.server()) + ")");
                fixes.add("point " + PodmanRunnerConfig.HOST_KEY + " (or CONTAINER_HOST) at a Podman socket, or use"
                        + " the docker engine (--engine docker) for a Docker Engine");
                return report(true, "", "", Map.of(), problems, fixes);
            }
            if (!EngineCheck.supported(api)) {
                problems.add("the Podman service speaks the libpod API " + api + ", older than "
                        + EngineCheck.MIN_API + ", which Progy's runner needs");
                fixes.add("upgrade Podman to 4.0 or later (e.g. the podman package of Debian 12 or Ubuntu 22.10)");
            }
            LibpodAdmin.Facts facts;
            try {
                facts = new LibpodAdmin(podman).facts();
            } catch (LibpodException e) {
                // an old service may not answer info under the 4.0 prefix: the version problem says enough
                return report(true, "", api, Map.of(), problems, fixes);
            }
            if (facts.rootless() && facts.cgroupVersion().equalsIgnoreCase("v1")) {
                problems.add("rootless Podman on cgroups v1 ignores memory, CPU and process limits, so a run's"
                        + " limits would not hold");
                fixes.add("boot the host with cgroups v2 (systemd.unified_cgroup_hierarchy=1), or use the rootful"
                        + " service (" + PodmanAddress.ROOTFUL_SOCKET + ")");
            }
            return report(true, facts.version(), api, facts.details(), problems, fixes);
        } catch (RunnerUnavailableException e) {
            // not running, no permission on the socket, or no answer in time: each says what to do
            problems.add(e.getMessage());
            fixes.add(e.fixHint());
            return report(false, "", "", Map.of(), problems, fixes);
        }
    }

    @Override
    public List<Leftover> leftovers(boolean includeImages) {
        return withService(podman -> leftovers(podman).list(includeImages));
    }

    @Override
    public List<Leftover> remove(List<Leftover> leftovers) {
        return withService(podman -> leftovers(podman).remove(leftovers));
    }

    private List<Leftover> withService(Function<LibpodClient, List<Leftover>> call) {
        if (!PodmanAddress.availability(address).usable()) {
            return List.of();
        }
        try (LibpodClient podman = new LibpodClient(address)) {
            return call.apply(podman);
        } catch (RuntimeException unreachable) {
            // inspect() says why; there is nothing to list or remove on a service that does not answer
            return List.of();
        }
    }

    private EngineReport report(boolean reachable, String version, String api, Map<String, String> details,
                                List<String> problems, List<String> fixes) {
        return new EngineReport(ENGINE, address.uri(), reachable, version, api, details, address.looked(), problems,
                fixes);
    }

    /** A local socket's clients share this machine's processes, so an unlabelled host can only be this one. */
    private static Leftovers leftovers(LibpodClient podman) {
        return new Leftovers(new PodmanEngineCalls(podman), podman.address().socket().isPresent());
    }
}
