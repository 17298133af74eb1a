package dev.progy.spi.support.sandbox;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A host folder mounted into an exercise container, as {@link SandboxPolicy} describes it. An adapter mounts it
 * as it is: a plain bind mount of {@code source} at {@code target}, read-only when {@code readOnly}, with the
 * engine's default (private) propagation; it never resolves, widens or relabels the source on its own.
 *
 * @param source   the host folder: a real path (links resolved), already checked by the policy
 * @param target   the absolute path inside the container, {@code /}-separated
 * @param readOnly whether the container may only read it
 */
public record BindMount(Path source, String target, boolean readOnly) {

    public BindMount {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
    }
}
