package dev.progy.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** Folder trees for tests: a sample course copied to a test's own folder, so the test may change it. */
public final class Folders {

    private Folders() { }

    /**
     * Copies the tree at {@code from} into {@code to} (made if missing), keeping executable bits; a file already in
     * {@code to} is left as it is.
     *
     * @return {@code to}
     */
    public static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                // relative names as strings: the source may be on another file system (an archive's, say)
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (!Files.exists(target)) {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return to;
    }
}
