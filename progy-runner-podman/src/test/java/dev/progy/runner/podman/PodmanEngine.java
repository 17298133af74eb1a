package dev.progy.runner.podman;

import dev.progy.spi.ProviderConfig;
import dev.progy.spi.support.SandboxPolicy;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
        EngineAddress address = address();
        var availability = address.availability();
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
    static EngineAddress address() {
        return EngineAddress.locate(PodmanRunnerConfig.of(ProviderConfig.empty()).find(PodmanRunnerConfig.HOST_KEY),
                System::getenv);
    }

    /** Containers labelled as Progy's, running or not, as "id [names]". */
    static List<String> managedContainers() {
        try (LibpodClient podman = new LibpodClient(address())) {
            return podman.list(Map.of(SandboxPolicy.LABEL_MANAGED, "true")).stream()
                    .map(c -> c.id() + " " + c.names()).toList();
        }
    }

    /** Whether the service has the image {@code tag}. */
    static boolean hasImage(String tag) {
        try (LibpodClient podman = new LibpodClient(address())) {
            return podman.imageExists(tag);
        }
    }

    /**
     * The conmon processes (Podman's per-container and per-exec-session monitors) of Progy's containers on this
     * host: those whose container name ({@code -n}) starts with {@code progy-}.
     */
    static long conmonProcesses() {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(PodmanEngine::isProgyConmon).count();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
    }

    private static boolean isProgyConmon(Path proc) {
        try {
            if (!Files.readString(proc.resolve("comm")).strip().equals("conmon")) {
                return false;
            }
            List<String> args = List.of(new String(Files.readAllBytes(proc.resolve("cmdline")),
                    StandardCharsets.UTF_8).split("\0"));
            int name = args.indexOf("-n");
            return name >= 0 && name + 1 < args.size() && args.get(name + 1).startsWith("progy-");
        } catch (IOException gone) {
            return false;
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
