package dev.progy.spi;

import dev.progy.model.RunnerType;

/** Makes {@link Runner}s; registered in {@code META-INF/services/dev.progy.spi.RunnerProvider}. */
public interface RunnerProvider extends Provider<Runner> {

    /** Whether runners of this provider can run course runners of this type. */
    boolean supports(RunnerType type);
}
