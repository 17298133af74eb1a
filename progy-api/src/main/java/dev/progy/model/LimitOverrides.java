package dev.progy.model;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * An exercise's own limits, from its entry in {@code info.toml} ({@code timeout_seconds}, {@code memory_mb},
 * {@code cpus}, {@code pids}): each one set replaces the runner's; the rest stay the runner's. A sandbox still
 * holds every limit to its ceilings.
 *
 * @param timeout   wall-clock limit of a run
 * @param memoryMb  memory limit in MiB (swap included)
 * @param cpus      CPU limit
 * @param pids      process limit
 */
public record LimitOverrides(Optional<Duration> timeout, OptionalInt memoryMb, OptionalDouble cpus, OptionalInt pids) {

    /** Nothing overridden. */
    public static final LimitOverrides NONE = new LimitOverrides(Optional.empty(), OptionalInt.empty(),
            OptionalDouble.empty(), OptionalInt.empty());

    public LimitOverrides {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(memoryMb, "memoryMb");
        Objects.requireNonNull(cpus, "cpus");
        Objects.requireNonNull(pids, "pids");
    }

    /** {@code runnerLimits} with what this sets replaced. */
    public RunnerSpec.Limits applyTo(RunnerSpec.Limits runnerLimits) {
        return new RunnerSpec.Limits(timeout.orElse(runnerLimits.timeout()), memoryMb.orElse(runnerLimits.memoryMb()),
                cpus.orElse(runnerLimits.cpus()), pids.orElse(runnerLimits.pids()), runnerLimits.diskMb());
    }

    /** Whether nothing is overridden. */
    public boolean isEmpty() {
        return timeout.isEmpty() && memoryMb.isEmpty() && cpus.isEmpty() && pids.isEmpty();
    }
}
