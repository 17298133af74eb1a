package dev.progy.cli;

import dev.progy.ProviderDiscovery;
import picocli.CommandLine.Option;

/** {@code --engine}: which container engine runs container courses. */
final class EngineOption {
    @Option(names = "--engine", paramLabel = "<engine>",
            description = "Container engine for container courses: docker, podman or auto (default: auto, the one "
                    + "that runs, Podman first; also PROGY_ENGINE).")
    String engine;

    /** Hands the choice to the SDK's configuration; call before anything makes the SDK. */
    void applyTo(CliContext ctx) {
        if (engine != null) {
            ctx.set(ProviderDiscovery.ENGINE_KEY, engine.trim());
        }
    }
}
