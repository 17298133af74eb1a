package dev.progy.runner.docker;

import dev.progy.spi.container.Leftovers;
import dev.progy.spi.container.EngineLocation;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.Version;
import dev.progy.error.RunnerUnavailableException;
import dev.progy.spi.Availability;
import dev.progy.spi.EngineAdmin;
import dev.progy.spi.EngineReport;
import dev.progy.spi.Leftover;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The Docker Engine as {@code progy doctor} and {@code progy gc} see it: where it was looked for and what answered
 * ({@link #inspect()}), and what crashed runs left on it ({@link Leftovers}). Connects for each call and
 * never throws for an engine that is missing or does not answer.
 */
final class DockerEngineAdmin implements EngineAdmin {

    /** The oldest API Progy's calls work with: Docker 20.10's. */
    static final String MIN_API_VERSION = "1.41";
    static final String ENGINE = "docker";

    private final EngineLocation address;

    DockerEngineAdmin(EngineLocation address) {
        this.address = address;
    }

    @Override
    public EngineReport inspect() {
        List<String> problems = new ArrayList<>();
        List<String> fixes = new ArrayList<>();
        Availability socket = DockerAddress.availability(address);
        if (!socket.usable()) {
            problems.add(socket.reason());
            fixes.add(socket.fixHint());
            return report(false, "", "", Map.of(), problems, fixes);
        }
        try (DockerClient docker = DockerAddress.connect(address)) {
            docker.pingCmd().exec();
            Version version = docker.versionCmd().exec();
            Info info = docker.infoCmd().exec();
            String api = orEmpty(version.getApiVersion());
            if (!api.isEmpty() && apiBelow(api, MIN_API_VERSION)) {
                problems.add("the Docker Engine speaks API " + api + ", older than " + MIN_API_VERSION
                        + " (Docker 20.10), which Progy's runner needs");
                fixes.add("upgrade Docker to 20.10 or newer (e.g. the docker.io or docker-ce package)");
            }
            return report(true, orEmpty(version.getVersion()), api, details(info), problems, fixes);
        } catch (IOException | RuntimeException e) {
            RunnerUnavailableException why = DockerEngineCalls.failure(e instanceof RuntimeException r ? r
                    : new IllegalStateException(e), address, "answer");
            problems.add(why.getMessage());
            fixes.add(why.fixHint());
            return report(false, "", "", Map.of(), problems, fixes);
        }
    }

    @Override
    public List<Leftover> leftovers(boolean includeImages) {
        return withEngine(docker -> leftovers(docker).list(includeImages));
    }

    @Override
    public List<Leftover> remove(List<Leftover> leftovers) {
        return withEngine(docker -> leftovers(docker).remove(leftovers));
    }

    /** A local socket's clients share this machine's processes, so an unlabelled host can only be this one. */
    private Leftovers leftovers(DockerClient docker) {
        return new Leftovers(new DockerEngineCalls(docker, address), address.socket().isPresent());
    }

    /** Whether API version {@code version} (e.g. {@code 1.40}) is older than {@code minimum}, part by part. */
    static boolean apiBelow(String version, String minimum) {
        String[] have = version.split("\\.");
        String[] need = minimum.split("\\.");
        for (int i = 0; i < Math.max(have.length, need.length); i++) {
            int h = i < have.length ? number(have[i]) : 0;
            int n = i < need.length ? number(need[i]) : 0;
            if (h != n) {
                return h < n;
            }
        }
        return false;
    }

    private List<Leftover> withEngine(Function<DockerClient, List<Leftover>> call) {
        if (!DockerAddress.availability(address).usable()) {
            return List.of();
        }
        try (DockerClient docker = DockerAddress.connect(address)) {
            return call.apply(docker);
        } catch (IOException | RuntimeException unreachable) {
            // inspect() says why; there is nothing to list or remove on an engine that does not answer
            return List.of();
        }
    }

    private EngineReport report(boolean reachable, String version, String api, Map<String, String> details,
                                List<String> problems, List<String> fixes) {
        return new EngineReport(ENGINE, address.uri(), reachable, version, api, details, address.looked(), problems,
                fixes);
    }

    private static Map<String, String> details(Info info) {
        Map<String, String> details = new LinkedHashMap<>();
        put(details, "operating system", info.getOperatingSystem());
        put(details, "kernel", info.getKernelVersion());
        put(details, "cgroup version", info.getCGroupVersion());
        put(details, "cgroup driver", info.getCGroupDriver());
        put(details, "storage driver", info.getDriver());
        List<String> security = info.getSecurityOptions() == null ? List.of() : info.getSecurityOptions();
        details.put("rootless", security.stream().anyMatch(o -> o.contains("name=rootless")) ? "yes" : "no");
        if (info.getNCPU() != null) {
            details.put("CPUs", info.getNCPU().toString());
        }
        if (info.getMemTotal() != null) {
            details.put("memory", (info.getMemTotal() >> 20) + " MiB");
        }
        return details;
    }

    private static void put(Map<String, String> details, String key, String value) {
        if (value != null && !value.isBlank()) {
            details.put(key, value.strip());
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s.strip();
    }

    private static int number(String part) {
        try {
            return Integer.parseInt(part.replaceAll("\\D.*$", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
