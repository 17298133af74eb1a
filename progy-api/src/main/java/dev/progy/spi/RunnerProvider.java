package dev.progy.spi;

import java.util.List;
import java.util.Optional;
import dev.progy.model.RunnerType;

/** Makes {@link Runner}s; registered in {@code META-INF/services/dev.progy.spi.RunnerProvider}. */
public interface RunnerProvider extends Provider<Runner> {

    /** Whether runners of this provider can run course runners of this type. */
    boolean supports(RunnerType type);

    /**
     * Key of the switch for warm re-runs ({@code true}/{@code false}, default false): a runner made with it
     * keeps one sandboxed container per course image alive between runs and runs each check in it with exec
     * (fresh {@code /tmp}, same limits, killed at its timeout) until {@link Runner#close()}. Set by
     * {@code progy watch}; runners without containers ignore it.
     */
    String WARM_KEY = "runner.warm";

    /**
     * What a student should know about runs of this provider on this machine, one sentence each, for
     * {@code progy doctor} and the first run of a workspace (for example that host runs are not isolated from
     * the student's other processes). None by default. May check the machine, so call it when it is shown.
     */
    default List<String> notes(ProviderConfig config) {
        return List.of();
    }

    /** The engine behind this provider's runners, for {@code progy doctor} and {@code progy gc}; none by default. */
    default Optional<EngineAdmin> admin(ProviderConfig config) {
        return Optional.empty();
    }
}
