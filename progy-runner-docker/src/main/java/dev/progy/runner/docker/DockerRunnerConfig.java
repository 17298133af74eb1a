package dev.progy.runner.docker;

import dev.progy.spi.ProviderConfig;
import dev.progy.spi.RunnerProvider;

import java.net.URI;
import java.time.Duration;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * The settings of the Docker runner, a view over {@link ProviderConfig#get(String)} (the CLI binds it to flags,
 * system properties and environment variables; tests pass a lambda or a map).
 *
 * <ul>
 *   <li>{@value #HOST_KEY}: where the Docker Engine listens, e.g. {@code unix:///var/run/docker.sock} or
 *       {@code tcp://127.0.0.1:2375}. Default: the {@code DOCKER_HOST} environment variable, as the
 *       {@code docker} command reads it, else the first of these sockets that exists: {@value #DEFAULT_HOST},
 *       rootless Docker's {@code $XDG_RUNTIME_DIR/docker.sock}, Docker Desktop's {@code ~/.docker/run/docker.sock},
 *       Colima's {@code ~/.colima/default/docker.sock}; else {@value #DEFAULT_HOST}.</li>
 *   <li>{@value #TLS_VERIFY_KEY}: whether the engine is reached over TLS with client certificates. Default: the
 *       {@code DOCKER_TLS_VERIFY} environment variable. Not supported yet, so a set value is refused by
 *       {@link #validate()}: it keeps a certificate library (Bouncy Castle, ~5 000 classes) out of the CLI's jar,
 *       whose size every command pays for at start-up.</li>
 *   <li>{@value #BUILD_TIMEOUT_KEY}: how long building a course's image from its Dockerfile may take, in seconds.
 *       Default: 600 (10 minutes).</li>
 *   <li>{@value RunnerProvider#WARM_KEY}: {@code true} to keep one container per course image alive between runs
 *       and run each check in it with exec (set by {@code progy watch}). Default: {@code false}.</li>
 * </ul>
 */
@FunctionalInterface
public interface DockerRunnerConfig extends ProviderConfig {

    /** Key of the engine's address. */
    String HOST_KEY = "docker.host";
    /** Key of the switch for TLS with client certificates. */
    String TLS_VERIFY_KEY = "docker.tls.verify";
    /** Key of how long building a course's image may take, in seconds. */
    String BUILD_TIMEOUT_KEY = "docker.build.timeout";
    /** How long building a course's image may take when nothing is set. */
    Duration DEFAULT_BUILD_TIMEOUT = Duration.ofMinutes(10);
    /** The engine's address when nothing is set: Docker's own default socket. */
    String DEFAULT_HOST = "unix:///var/run/docker.sock";

    /** The Docker settings of {@code config}. */
    static DockerRunnerConfig of(ProviderConfig config) {
        return config::get;
    }

    /**
     * The engine's address: {@value #HOST_KEY}, else {@code $DOCKER_HOST}, else the first of the usual sockets
     * that exists (see above), else {@value #DEFAULT_HOST}.
     */
    default String dockerHost() {
        return DockerAddress.of(this).uri();
    }

    /** How long building a course's image may take: {@value #BUILD_TIMEOUT_KEY} (seconds), else 10 minutes. */
    default Duration buildTimeout() {
        return seconds(BUILD_TIMEOUT_KEY, DEFAULT_BUILD_TIMEOUT);
    }

    /** Whether warm re-runs are on: {@value RunnerProvider#WARM_KEY}, else false. */
    default boolean warmReRuns() {
        return find(RunnerProvider.WARM_KEY).map(v -> v.equalsIgnoreCase("true")).orElse(false);
    }

    /** Whether TLS with client certificates is asked for: {@value #TLS_VERIFY_KEY}, else {@code $DOCKER_TLS_VERIFY}. */
    default boolean tlsVerify() {
        String v = find(TLS_VERIFY_KEY).orElseGet(() -> {
            String env = System.getenv("DOCKER_TLS_VERIFY");
            return env == null ? "" : env.trim();
        });
        return !v.isEmpty() && !v.equals("0") && !v.equalsIgnoreCase("false");
    }

    /**
     * Every problem with these settings: an engine address that is not a {@code unix://}, {@code tcp://} or
     * {@code npipe://} URI, and TLS with client certificates (not supported yet).
     */
    @Override
    default List<String> validate() {
        List<String> problems = ProviderConfig.super.validate();
        String host = dockerHost();
        try {
            URI uri = new URI(host);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!List.of("unix", "tcp", "npipe").contains(scheme)) {
                problems.add(HOST_KEY + " is '" + host + "': use unix:///path/to/docker.sock, tcp://host:port or npipe:////./pipe/docker_engine");
            }
        } catch (URISyntaxException e) {
            problems.add(HOST_KEY + " is '" + host + "', not an address: " + e.getReason());
        }
        String timeout = find(BUILD_TIMEOUT_KEY).orElse("600");
        try {
            if (!(Double.parseDouble(timeout) > 0)) {
                problems.add(BUILD_TIMEOUT_KEY + " is '" + timeout + "': use a number of seconds above 0, e.g. 600");
            }
        } catch (NumberFormatException e) {
            problems.add(BUILD_TIMEOUT_KEY + " is '" + timeout + "', not a number of seconds (e.g. 600)");
        }
        String warm = find(RunnerProvider.WARM_KEY).orElse("false");
        if (!warm.equalsIgnoreCase("true") && !warm.equalsIgnoreCase("false")) {
            problems.add(RunnerProvider.WARM_KEY + " is '" + warm + "': use true or false");
        }
        if (tlsVerify()) {
            problems.add("a Docker host behind TLS client certificates (" + TLS_VERIFY_KEY + ", DOCKER_TLS_VERIFY) is not"
                    + " supported yet: use the engine's local socket, or forward the remote one over SSH"
                    + " (ssh -NL /tmp/docker.sock:/var/run/docker.sock host, then DOCKER_HOST=unix:///tmp/docker.sock)");
        }
        return problems;
    }
}
