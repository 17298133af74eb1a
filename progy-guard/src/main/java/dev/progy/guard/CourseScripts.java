package dev.progy.guard;

import dev.progy.CourseArchive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Every script of a course the behaviour rules read: shell, Python and JavaScript/TypeScript files and Makefiles
 * anywhere in the course (runner scripts, build helpers, starters and solutions alike: all of it runs on the
 * student's machine), except what a course archive leaves out and files over 1 MiB.
 */
final class CourseScripts {

    private static final Set<String> EXTENSIONS = Set.of("sh", "bash", "zsh", "py", "js", "mjs", "cjs", "ts");
    private static final long MAX_BYTES = 1 << 20;

    private CourseScripts() { }

    static List<Finding> check(Path root) {
        List<Finding> out = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(root) && CourseArchive.EXCLUDED_NAMES.contains(dir.getFileName().toString())
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && attrs.size() <= MAX_BYTES && isScript(file)) {
                        String relative = root.relativize(file).toString().replace('\\', '/');
                        try {
                            out.addAll(ScriptChecks.check(relative, Files.readString(file, StandardCharsets.UTF_8)));
                        } catch (IOException notText) {
                            // not UTF-8 text (or gone): the structure checks' business; the walk goes on
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // an unreadable folder: what was read is reported
        }
        return out;
    }

    private static boolean isScript(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return name.equals("Makefile") || dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
