package dev.progy.runner.podman;

import dev.progy.spi.container.EngineLocation;
import dev.progy.error.ProgyException;
import dev.progy.model.RunnerType;
import dev.progy.spi.Availability;
import dev.progy.spi.ProviderConfig;
import dev.progy.spi.Runner;
import dev.progy.spi.RunnerProvider;

import java.util.List;

/**
 * Makes {@link PodmanRunner}s: id {@code podman}, priority 25 (above Docker's 20, so Podman wins where both run),
 * for {@code docker-file} course runners. Available when the service's socket
 * ({@link PodmanRunnerConfig#podmanHost()}) exists and is a socket; that check makes no call to the service, so a
 * socket left by a stopped service passes it and the run then fails with a
 * {@link dev.progy.error.RunnerUnavailableException}.
 */
public final class PodmanRunnerProvider implements RunnerProvider {

    /** Does nothing: discovery may make providers it never uses. */
    public PodmanRunnerProvider() { }

    @Override
    public String id() {
        return "podman";
    }

    @Override
    public int priority() {
        return 25;
    }

    @Override
    public boolean supports(RunnerType type) {
        return type == RunnerType.DOCKER_FILE || type == RunnerType.DOCKER_COMPOSE;
    }

    @Override
    public Availability availability(ProviderConfig config) {
        return PodmanAddress.availability(
                PodmanAddress.locate(PodmanRunnerConfig.of(config).find(PodmanRunnerConfig.HOST_KEY), System::getenv));
    }

    /**
     * The service at {@link PodmanRunnerConfig#podmanHost()}, for {@code progy doctor} (what answers there, and
     * everywhere else a service was looked for) and {@code progy gc} (what crashed runs left on it).
     */
    @Override
    public java.util.Optional<dev.progy.spi.EngineAdmin> admin(ProviderConfig config) {
        return java.util.Optional.of(new PodmanEngineAdmin(PodmanAddress.locate(
                PodmanRunnerConfig.of(config).find(PodmanRunnerConfig.HOST_KEY), System::getenv)));
    }

    /**
     * A runner on the service at {@link PodmanRunnerConfig#podmanHost()}; connects lazily, on the first run.
     *
     * @throws ProgyException when the settings are invalid (every problem listed)
     */
    @Override
    public Runner create(ProviderConfig config) {
        PodmanRunnerConfig settings = PodmanRunnerConfig.of(config);
        List<String> problems = settings.validate();
        if (!problems.isEmpty()) {
            throw new ProgyException("the Podman runner's settings are invalid: " + String.join("; ", problems),
                    "fix " + PodmanRunnerConfig.HOST_KEY + " (or CONTAINER_HOST)");
        }
        EngineLocation address = PodmanAddress.locate(settings.find(PodmanRunnerConfig.HOST_KEY), System::getenv);
        return new PodmanRunner(address, settings.buildTimeout(), settings.warm(), settings.warmAgent());
    }
}
