package dev.progy.spi.support.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A memory-backed folder of an exercise container, as {@link SandboxPolicy} describes it: the size-capped
 * {@code /tmp} and {@code $HOME}, or an empty read-only folder laid over a part of the workspace the container must
 * not see. Its pages count against the container's memory limit.
 *
 * @param target     the absolute path inside the container
 * @param sizeBytes  the most it may hold, at least 1
 * @param readOnly   whether nothing may be written to it (a mask)
 * @param executable whether programs written to it may be run
 * @param mode       its permission bits, e.g. {@code 01777} for {@code /tmp}
 * @param uid        the owner of its top folder; 0 (root) unless it is the container user's own, like {@code $HOME}
 * @param gid        the group of its top folder; 0 (root) unless it is the container user's own
 */
public record TmpfsMount(String target, long sizeBytes, boolean readOnly, boolean executable, int mode, int uid,
                         int gid) {

    public TmpfsMount {
        Objects.requireNonNull(target, "target");
        if (sizeBytes < 1) {
            // a tmpfs of size 0 is unlimited, the opposite of what is meant
            throw new IllegalArgumentException("a tmpfs needs a size of at least 1 byte, was " + sizeBytes);
        }
    }

    /** A tmpfs owned by root. */
    public TmpfsMount(String target, long sizeBytes, boolean readOnly, boolean executable, int mode) {
        this(target, sizeBytes, readOnly, executable, mode, 0, 0);
    }

    /** Whether its top folder belongs to someone other than root (the container's user). */
    public boolean ownedByUser() {
        return uid != 0 || gid != 0;
    }

    /**
     * Its mount options, as the kernel's tmpfs and Docker's {@code HostConfig.Tmpfs} value (joined with {@code ,})
     * take them: {@code rw|ro}, {@code nosuid}, {@code nodev}, {@code exec|noexec}, {@code size=<bytes>},
     * {@code mode=<octal>}, and {@code uid=<n>}, {@code gid=<n>} when {@link #ownedByUser()}. Podman refuses
     * {@code uid=} and {@code gid=} and takes {@code U} (owned by the container's user) instead.
     */
    public List<String> options() {
        List<String> options = new ArrayList<>(8);
        options.add(readOnly ? "ro" : "rw");
        options.add("nosuid");
        options.add("nodev");
        options.add(executable ? "exec" : "noexec");
        options.add("size=" + sizeBytes);
        options.add("mode=" + Integer.toOctalString(mode));
        if (ownedByUser()) {
            options.add("uid=" + Integer.toUnsignedString(uid));
            options.add("gid=" + Integer.toUnsignedString(gid));
        }
        return List.copyOf(options);
    }
}
