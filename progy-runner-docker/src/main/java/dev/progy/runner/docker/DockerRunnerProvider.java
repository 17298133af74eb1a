package dev.progy.runner.docker;

import dev.progy.error.ProgyException;
import dev.progy.model.RunnerType;
import dev.progy.spi.Availability;
import dev.progy.spi.EngineAdmin;
import dev.progy.spi.ProviderConfig;
import dev.progy.spi.Runner;
import dev.progy.spi.RunnerProvider;

import java.util.List;
import java.util.Optional;

/**
 * Makes {@link DockerRunner}s: id {@code docker}, priority 20 (above the host runner), for {@code docker-file}
 * and {@code docker-compose} course runners. Available when the engine's socket
 * ({@link DockerRunnerConfig#dockerHost()}) exists and is a socket; that check makes no call to the engine, so a
 * socket left by a stopped engine passes it and the run then fails with a
 * {@link dev.progy.error.RunnerUnavailableException}.
 */
public final class DockerRunnerProvider implements RunnerProvider {

    /** Does nothing: discovery may make providers it never uses. */
    public DockerRunnerProvider() { }

    @Override
    public String id() {
        return "docker";
    }

    @Override
    public int priority() {
        return 20;
    }

    @Override
    public boolean supports(RunnerType type) {
        return type == RunnerType.DOCKER_FILE || type == RunnerType.DOCKER_COMPOSE;
    }

    @Override
    public Availability availability(ProviderConfig config) {
        return DockerAddress.availability(DockerAddress.of(DockerRunnerConfig.of(config)));
    }

    /**
     * The engine at {@link DockerRunnerConfig#dockerHost()}, for {@code progy doctor} (what answers there, and
     * everywhere else an engine was looked for) and {@code progy gc} (what crashed runs left on it).
     */
    @Override
    public Optional<EngineAdmin> admin(ProviderConfig config) {
        return Optional.of(new DockerEngineAdmin(DockerAddress.of(DockerRunnerConfig.of(config))));
    }

    /**
     * A runner on the engine at {@link DockerRunnerConfig#dockerHost()}, with warm re-runs when
     * {@link RunnerProvider#WARM_KEY} is true; connects lazily, on the first run.
     *
     * @throws ProgyException when the settings are invalid (every problem listed)
     */
    @Override
    public Runner create(ProviderConfig config) {
        DockerRunnerConfig settings = DockerRunnerConfig.of(config);
        List<String> problems = settings.validate();
        if (!problems.isEmpty()) {
            throw new ProgyException("the Docker runner's settings are invalid: " + String.join("; ", problems),
                    "fix " + DockerRunnerConfig.HOST_KEY + " (or DOCKER_HOST)");
        }
        return new DockerRunner(DockerAddress.of(settings), settings.buildTimeout(),
                settings.warmReRuns());
    }
}
