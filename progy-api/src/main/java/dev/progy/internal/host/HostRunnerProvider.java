package dev.progy.internal.host;

import dev.progy.model.RunnerType;
import dev.progy.spi.ProviderConfig;
import dev.progy.spi.Runner;
import dev.progy.spi.RunnerProvider;
import dev.progy.spi.support.sandbox.EnvironmentAllowlist;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The host process runner: runs {@code process} course runners directly on this machine, with a clean
 * environment, limits on time and output, cleanup of every process a run starts and, where bubblewrap works,
 * namespaces of their own with only the exercise's folder writable ({@link HostIsolation}). Id {@code host},
 * priority 10 (container runners, when available, rank above it), always available.
 *
 * <p>Settings:
 * <ul>
 *   <li>{@code progy.host.setsid} (default {@code true}): start each run in a session of its own through the
 *       {@code setsid} program when it is on {@code PATH}, so that every process the run forks can be found and
 *       killed, even one whose parent died. {@code false} kills only the processes still in the run's tree. Any other value counts as
 *       {@code true}.</li>
 *   <li>{@code progy.host.isolation} (default {@code auto}): {@code auto} isolates runs with bubblewrap
 *       ({@code bwrap} on {@code PATH}) when it works here; {@code none} runs without isolation (shown by
 *       {@link #notes}).</li>
 * </ul>
 */
public final class HostRunnerProvider implements RunnerProvider {

    static final String SETSID_KEY = "progy.host.setsid";
    static final String ISOLATION_KEY = "progy.host.isolation";

    /** The check of bubblewrap costs a process start: made once per JVM, at the first run that needs it. */
    private static volatile HostIsolation probed;

    /** Does nothing: discovery may make providers it never uses. */
    public HostRunnerProvider() { }

    @Override
    public String id() {
        return "host";
    }

    @Override
    public int priority() {
        return 10;
    }

    @Override
    public boolean supports(RunnerType type) {
        return type == RunnerType.PROCESS;
    }

    @Override
    public Runner create(ProviderConfig config) {
        Optional<Path> setsid = useSetsid(config)
                ? CommandLookup.find("setsid", Path.of("/"), System.getenv("PATH")).filter(p -> !CommandLookup.WINDOWS)
                : Optional.empty();
        return new HostRunner(EnvironmentAllowlist.fromHost(System.getenv()), setsid, () -> isolation(config));
    }

    @Override
    public List<String> notes(ProviderConfig config) {
        return List.of(isolation(config).note());
    }

    static HostIsolation isolation(ProviderConfig config) {
        String mode = config.get(ISOLATION_KEY, "auto").trim().toLowerCase(Locale.ROOT);
        if (mode.equals("none")) {
            return HostIsolation.none("turned off with " + ISOLATION_KEY + "=none");
        }
        HostIsolation known = probed;
        if (known == null) {
            known = HostIsolation.probe(CommandLookup.WINDOWS ? Optional.empty()
                    : CommandLookup.find("bwrap", Path.of("/"), System.getenv("PATH")));
            probed = known;
        }
        return known;
    }

    private static boolean useSetsid(ProviderConfig config) {
        return !config.get(SETSID_KEY, "true").equalsIgnoreCase("false");
    }
}
