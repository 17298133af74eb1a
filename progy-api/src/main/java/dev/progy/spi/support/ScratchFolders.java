package dev.progy.spi.support;

import dev.progy.internal.io.FolderTrees;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Removes folders a module made for itself (a scratch workspace, staging, a temporary output), never following a
 * link out of them: the SDK's own removal, for adapters and the other modules alike.
 */
public final class ScratchFolders {

    private ScratchFolders() { }

    /** Deletes {@code folder} and everything in it; nothing when it does not exist. */
    public static void delete(Path folder) throws IOException {
        FolderTrees.delete(folder);
    }

    /** Deletes what it can of {@code folder}: for temporary folders, whose leftovers the system's temp cleaning takes. */
    public static void deleteQuietly(Path folder) {
        FolderTrees.deleteQuietly(folder);
    }
}
