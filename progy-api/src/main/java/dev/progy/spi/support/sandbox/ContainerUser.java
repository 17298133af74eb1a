package dev.progy.spi.support.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The user an exercise container runs as: the owner of the workspace, so what course code writes into the
 * exercise folder stays the student's. Never root: a workspace owned by root runs as
 * {@value SandboxPolicy#NOBODY}:{@value SandboxPolicy#NOBODY} ({@code nobody}, {@code nogroup}), who owns nothing
 * on a usual host — unlike 1000, often the first real user; a root group becomes {@code nogroup}. Where owners
 * cannot be read (no Unix file attributes), 1000:1000.
 */
record ContainerUser(int uid, int gid) {

    ContainerUser {
        if (uid == 0 || gid == 0) {
            throw new IllegalArgumentException("a container never runs as root");
        }
    }

    /** The container user for a workspace owned by {@code uid}:{@code gid}. */
    static ContainerUser forOwner(int uid, int gid) {
        if (uid == 0) {
            return new ContainerUser(SandboxPolicy.NOBODY, SandboxPolicy.NOBODY);
        }
        return new ContainerUser(uid, gid == 0 ? SandboxPolicy.NOBODY : gid);
    }

    /** The container user for the workspace at {@code workspace} (a real path). */
    static ContainerUser of(Path workspace) {
        try {
            int uid = (Integer) Files.getAttribute(workspace, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            int gid = (Integer) Files.getAttribute(workspace, "unix:gid", LinkOption.NOFOLLOW_LINKS);
            return forOwner(uid, gid);
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException e) {
            return new ContainerUser(SandboxPolicy.FALLBACK_ID, SandboxPolicy.FALLBACK_ID);
        }
    }

    /**
     * Makes {@code folder} (made by this JVM) the container user's, so course code can write its results there.
     * Only root may give a file away; any other JVM user is the container's user already whenever the workspace
     * is its own, so a refusal is left to show as a missing results file rather than failing the run.
     */
    void giveOwnership(Path folder) {
        try {
            if (!Integer.valueOf(uid).equals(Files.getAttribute(folder, "unix:uid", LinkOption.NOFOLLOW_LINKS))) {
                Files.setAttribute(folder, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
            }
            if (!Integer.valueOf(gid).equals(Files.getAttribute(folder, "unix:gid", LinkOption.NOFOLLOW_LINKS))) {
                Files.setAttribute(folder, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
            }
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException e) {
            // not root, or no Unix owners here: see above
        }
    }
}
