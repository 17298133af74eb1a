package dev.progy.cli;

import dev.progy.ProviderDiscovery;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --engine}: which container engine runs container courses. */
final class EngineOption {
    static final String ABOUT = "Container engine for container courses: docker, podman or auto (default: auto, the one "
            + "that runs, Podman first; also PROGY_ENGINE).";

    @Option(names = "--engine", paramLabel = "<engine>", converter = EngineOption.Name.class, description = ABOUT)
    String engine;

    /** Refuses a name no engine has ("--engine dokcer") on the command line, instead of ignoring it. */
    static final class Name implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            String name = value.trim().toLowerCase(java.util.Locale.ROOT);
            if (!java.util.List.of("docker", "podman", "auto").contains(name)) {
                throw new CommandLine.TypeConversionException("use one of docker, podman or auto");
            }
            return name;
        }
    }

    /** Hands the choice to the SDK's configuration; call before anything makes the SDK. */
    void applyTo(CliContext ctx) {
        if (engine != null) {
            ctx.set(ProviderDiscovery.ENGINE_KEY, engine.trim());
        }
    }
}
