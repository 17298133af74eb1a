package dev.progy.spi.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A memory-backed folder of an exercise container, as {@link SandboxPolicy} describes it: the size-capped
 * {@code /tmp}, or an empty read-only folder laid over a part of the workspace the container must not see.
 * Its pages count against the container's memory limit.
 *
 * @param target     the absolute path inside the container
 * @param sizeBytes  the most it may hold, at least 1
 * @param readOnly   whether nothing may be written to it (a mask)
 * @param executable whether programs written to it may be run
 * @param mode       its permission bits, e.g. {@code 01777} for {@code /tmp}
 */
public record TmpfsMount(String target, long sizeBytes, boolean readOnly, boolean executable, int mode) {

    public TmpfsMount {
        Objects.requireNonNull(target, "target");
        if (sizeBytes < 1) {
            // a tmpfs of size 0 is unlimited, the opposite of what is meant
            throw new IllegalArgumentException("a tmpfs needs a size of at least 1 byte, was " + sizeBytes);
        }
    }

    /**
     * Its mount options, as both engines take them (Docker's {@code HostConfig.Tmpfs} value joined with
     * {@code ,}; Podman's mount {@code options}): {@code rw|ro}, {@code nosuid}, {@code nodev},
     * {@code exec|noexec}, {@code size=<bytes>}, {@code mode=<octal>}.
     */
    public List<String> options() {
        List<String> options = new ArrayList<>(6);
        options.add(readOnly ? "ro" : "rw");
        options.add("nosuid");
        options.add("nodev");
        options.add(executable ? "exec" : "noexec");
        options.add("size=" + sizeBytes);
        options.add("mode=" + Integer.toOctalString(mode));
        return List.copyOf(options);
    }
}
