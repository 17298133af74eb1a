package dev.progy.runner.podman;

import dev.progy.spi.container.EngineLocation;
import dev.progy.spi.ProviderConfig;
import dev.progy.spi.support.sandbox.SandboxPolicy;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.fail;

/** The Podman service the tests run on ({@code CONTAINER_HOST}), as scripts/engines.sh starts it. */
final class PodmanEngine {

    /** The base image scripts/engines.sh imports. */
    static final String IMAGE = System.getenv().getOrDefault("PROGY_TEST_IMAGE", "progy/busybox:test");

    private PodmanEngine() { }

    /** Skips the calling tests when the service or its image is missing, or fails them in CI (PROGY_REQUIRE_ENGINES=1). */
    static void requireOrSkip() {
        String problem = problem();
        if (problem == null) {
            return;
        }
        String why = problem + " (scripts/engines.sh up, then source /tmp/progy-engines/env)";
        if ("1".equals(System.getenv("PROGY_REQUIRE_ENGINES"))) {
            fail("PROGY_REQUIRE_ENGINES=1 but " + why);
        }
        Assumptions.abort(why);
    }

    private static String problem() {
        EngineLocation address = address();
        var availability = PodmanAddress.availability(address);
        if (!availability.usable()) {
            return availability.reason();
        }
        try (LibpodClient podman = new LibpodClient(address)) {
            EngineCheck.of(podman);
            return podman.imageExists(IMAGE) ? null : "the Podman service has no image " + IMAGE;
        } catch (RuntimeException e) {
            return "the Podman service at " + address.uri() + " is not usable: " + e.getMessage();
        }
    }

    /** The address the provider uses with nothing set. */
    static EngineLocation address() {
        return PodmanAddress.locate(PodmanRunnerConfig.of(ProviderConfig.empty()).find(PodmanRunnerConfig.HOST_KEY),
                System::getenv);
    }

    /**
     * Containers labelled as Progy's that this JVM made, running or not, as "id [names]". Other test JVMs may use
     * the same service at the same time: their containers do not count.
     */
    static List<String> managedContainers() {
        return managedContainers(ProcessHandle.current().pid());
    }

    /** Containers labelled as Progy's that the JVM {@code pid} made, running or not, as "id [names]". */
    static List<String> managedContainers(long pid) {
        try (LibpodClient podman = new LibpodClient(address())) {
            return podman.list(Map.of(SandboxPolicy.LABEL_MANAGED, "true", SandboxPolicy.LABEL_PID, Long.toString(pid)))
                    .stream().map(c -> c.id() + " " + c.names()).toList();
        }
    }

    /** Whether the service has the image {@code tag}. */
    static boolean hasImage(String tag) {
        try (LibpodClient podman = new LibpodClient(address())) {
            return podman.imageExists(tag);
        }
    }

    /** The ids of containers this JVM made (labelled with its pid), running or not. */
    static Set<String> ownContainers() {
        try (LibpodClient podman = new LibpodClient(address())) {
            return podman.list(Map.of(SandboxPolicy.LABEL_PID, Long.toString(ProcessHandle.current().pid()))).stream()
                    .map(LibpodClient.ContainerSummary::id).collect(Collectors.toSet());
        }
    }

    /**
     * The conmon processes (Podman's monitors, one per container and a pair per exec session) of the containers
     * {@code ids} on this host: those whose command line names one of them ({@code -c <id>}). Other tests on the
     * same service have monitors too; only these count.
     */
    static List<Long> conmonsOf(Set<String> ids) {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> monitorsOneOf(p, ids)).map(p -> Long.parseLong(p.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
    }

    private static boolean monitorsOneOf(Path proc, Set<String> ids) {
        try {
            if (!Files.readString(proc.resolve("comm")).strip().equals("conmon")) {
                return false;
            }
            List<String> args = List.of(new String(Files.readAllBytes(proc.resolve("cmdline")),
                    StandardCharsets.UTF_8).split("\0"));
            int container = args.indexOf("-c");
            return container >= 0 && container + 1 < args.size() && ids.contains(args.get(container + 1));
        } catch (IOException gone) {
            return false;
        }
    }

    /**
     * A listener that notes the containers of this JVM made since it was made, each time a run starts (a run's
     * container exists then): the containers of the test's own runs, never one an earlier test of this JVM left
     * stopping (its monitor may still be alive for a moment, and is not this test's to count).
     */
    static final class ContainerIds implements dev.progy.spi.RunListener {
        final Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        private final Set<String> before = ownContainers();

        @Override
        public void started(dev.progy.spi.RunRequest request) {
            ownContainers().stream().filter(id -> !before.contains(id)).forEach(seen::add);
        }
    }

    /** Removes the images Progy built for {@code course} (labelled as Progy's and the course's). */
    static void removeBuiltImages(String course) {
        try (LibpodClient podman = new LibpodClient(address())) {
            for (String id : podman.images(Map.of(SandboxPolicy.LABEL_MANAGED, "true", SandboxPolicy.LABEL_COURSE, course))) {
                podman.removeImage(id);
            }
        }
    }
}
