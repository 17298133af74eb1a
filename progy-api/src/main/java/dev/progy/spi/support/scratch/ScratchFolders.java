package dev.progy.spi.support.scratch;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Removes folders a module made for itself (a scratch workspace, staging, a temporary output), never following a
 * link out of them: the SDK's own removal, for adapters and the other modules alike.
 */
public final class ScratchFolders {

    private ScratchFolders() { }

    /** Deletes {@code folder} and everything in it; nothing when it does not exist. */
    public static void delete(Path folder) throws IOException {
        if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Deletes what it can of {@code folder}: for temporary folders, whose leftovers the system's temp cleaning takes. */
    public static void deleteQuietly(Path folder) {
        if (folder == null) {
            return;
        }
        try {
            delete(folder);
        } catch (IOException ignored) {
            // best effort, see above
        }
    }
}
