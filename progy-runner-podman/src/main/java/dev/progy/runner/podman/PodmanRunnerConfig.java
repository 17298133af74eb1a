package dev.progy.runner.podman;

import dev.progy.spi.ProviderConfig;
import dev.progy.spi.RunnerProvider;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;

/**
 * The settings of the Podman runner, a view over {@link ProviderConfig#get(String)} (the CLI binds it to flags,
 * system properties and environment variables; tests pass a lambda or a map).
 *
 * <ul>
 *   <li>{@value #HOST_KEY}: the Podman service's socket, e.g. {@code unix:///run/user/1000/podman/podman.sock}.
 *       Default: {@code $CONTAINER_HOST}, else the first socket that exists of the rootless one
 *       ({@code $XDG_RUNTIME_DIR/podman/podman.sock}), the rootful one ({@code /run/podman/podman.sock}) and those
 *       a Podman machine forwards on macOS; else the rootful one. Only {@code unix://} addresses are supported.</li>
 *   <li>{@value #BUILD_TIMEOUT_KEY}: how long building a course's image from its Dockerfile may take, in seconds.
 *       Default: 600 (10 minutes).</li>
 *   <li>{@value RunnerProvider#WARM_KEY}: {@code true} keeps one sandboxed container per course image and
 *       exercise folder alive between runs and hands each check to a small agent in it. Default: false.</li>
 *   <li>{@value #WARM_AGENT_KEY}: {@code false} has warm runs exec into the kept container instead of going to its
 *       agent (slower; the agent falls back to that by itself where its pipes cannot reach the container).
 *       Default: true.</li>
 * </ul>
 */
@FunctionalInterface
public interface PodmanRunnerConfig extends ProviderConfig {

    /** Key of the service's address. */
    String HOST_KEY = "podman.host";
    /** Key of how long building a course's image may take, in seconds. */
    String BUILD_TIMEOUT_KEY = "podman.build.timeout";
    /** Key of whether warm runs go to the kept container's agent ({@code true}) or exec into it. */
    String WARM_AGENT_KEY = "podman.warm.agent";
    /** How long building a course's image may take when nothing is set. */
    Duration DEFAULT_BUILD_TIMEOUT = Duration.ofMinutes(10);

    /** The Podman settings of {@code config}. */
    static PodmanRunnerConfig of(ProviderConfig config) {
        return config::get;
    }

    /** The service's address: {@value #HOST_KEY}, else where Podman's sockets usually are (see the type's doc). */
    default String podmanHost() {
        return PodmanAddress.locate(find(HOST_KEY), System::getenv).uri();
    }

    /** How long building a course's image may take: {@value #BUILD_TIMEOUT_KEY} (seconds), else 10 minutes. */
    default Duration buildTimeout() {
        return seconds(BUILD_TIMEOUT_KEY, DEFAULT_BUILD_TIMEOUT);
    }

    /** Whether runs are warm re-runs in kept containers: {@value RunnerProvider#WARM_KEY}, false by default. */
    default boolean warm() {
        return find(RunnerProvider.WARM_KEY).map(Boolean::parseBoolean).orElse(false);
    }

    /** Whether warm runs go to the kept container's agent: {@value #WARM_AGENT_KEY}, true by default. */
    default boolean warmAgent() {
        return find(WARM_AGENT_KEY).map(v -> !v.equalsIgnoreCase("false")).orElse(true);
    }

    /** Every problem with these settings: an address other than {@code unix://}, a build timeout that is no number. */
    @Override
    default List<String> validate() {
        List<String> problems = ProviderConfig.super.validate();
        String host = podmanHost();
        try {
            URI uri = new URI(host);
            if (!"unix".equalsIgnoreCase(uri.getScheme()) || uri.getPath() == null || uri.getPath().isEmpty()) {
                problems.add(HOST_KEY + " (or CONTAINER_HOST) is '" + host + "': use unix:///path/to/podman.sock"
                        + " (a remote service over ssh:// or tcp:// is not supported: forward its socket with"
                        + " ssh -NL /tmp/podman.sock:/run/user/1000/podman/podman.sock host)");
            }
        } catch (URISyntaxException e) {
            problems.add(HOST_KEY + " (or CONTAINER_HOST) is '" + host + "', not an address: " + e.getReason());
        }
        String timeout = find(BUILD_TIMEOUT_KEY).orElse("600");
        try {
            if (!(Double.parseDouble(timeout) > 0)) {
                problems.add(BUILD_TIMEOUT_KEY + " is '" + timeout + "': use a number of seconds above 0, e.g. 600");
            }
        } catch (NumberFormatException e) {
            problems.add(BUILD_TIMEOUT_KEY + " is '" + timeout + "', not a number of seconds (e.g. 600)");
        }
        find(RunnerProvider.WARM_KEY).filter(v -> !v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false"))
                .ifPresent(v -> problems.add(RunnerProvider.WARM_KEY + " is '" + v + "': use true or false"));
        return problems;
    }
}
