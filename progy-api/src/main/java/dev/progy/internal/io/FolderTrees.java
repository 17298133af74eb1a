package dev.progy.internal.io;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** Removes folders Progy made (staging, temporary and output folders), never following a link out of them. */
public final class FolderTrees {

    private FolderTrees() { }

    /** Deletes {@code root} and everything in it; nothing when it does not exist. */
    public static void delete(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
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

    /** Deletes what it can of {@code root}: for temporary folders, whose leftovers the system's temp cleaning takes. */
    public static void deleteQuietly(Path root) {
        if (root == null) {
            return;
        }
        try {
            delete(root);
        } catch (IOException ignored) {
            // best effort, see above
        }
    }
}
