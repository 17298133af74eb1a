package dev.progy.runner.docker;

import dev.progy.spi.ProviderConfig;

import java.net.URI;
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
 *       {@code docker} command reads it, else {@value #DEFAULT_HOST}.</li>
 * </ul>
 */
@FunctionalInterface
public interface DockerRunnerConfig extends ProviderConfig {

    /** Key of the engine's address. */
    String HOST_KEY = "docker.host";
    /** The engine's address when nothing is set: Docker's own default socket. */
    String DEFAULT_HOST = "unix:///var/run/docker.sock";

    /** The Docker settings of {@code config}. */
    static DockerRunnerConfig of(ProviderConfig config) {
        return config::get;
    }

    /** The engine's address: {@value #HOST_KEY}, else {@code $DOCKER_HOST}, else {@value #DEFAULT_HOST}. */
    default String dockerHost() {
        return find(HOST_KEY).orElseGet(() -> {
            String env = System.getenv("DOCKER_HOST");
            return env == null || env.isBlank() ? DEFAULT_HOST : env.trim();
        });
    }

    /** Every problem with these settings: an engine address that is not a {@code unix://}, {@code tcp://} or {@code npipe://} URI. */
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
        return problems;
    }
}
