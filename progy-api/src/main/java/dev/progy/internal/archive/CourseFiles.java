package dev.progy.internal.archive;

import dev.progy.model.Course;
import dev.progy.error.ProgyException;
import dev.progy.error.UnsafePathException;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The files of a course folder that belong in its archive: everything but build output, dependencies,
 * version control and Progy's own state, in a fixed order. Links are never followed; finding one is an
 * error, because unpacking refuses links and an archive we write must always unpack.
 */
final class CourseFiles {

    /** Path segments left out wherever they appear. */
    static final Set<String> EXCLUDED = Course.EXCLUDED_NAMES;

    /** One file to pack: its name in the archive, where it is, and whether its owner may execute it. */
    record CourseFile(String name, Path path, boolean executable, long size) { }

    private CourseFiles() { }

    /**
     * The files under {@code root} (a real path), sorted by archive name, leaving out {@code skip} (the
     * archive being written, when it lies inside the course).
     */
    static List<CourseFile> collect(Path root, Path skip) throws IOException {
        List<CourseFile> files = new ArrayList<>();
        EntryNames seen = new EntryNames();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return !dir.equals(root) && EXCLUDED.contains(dir.getFileName().toString())
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (EXCLUDED.contains(file.getFileName().toString()) || file.equals(skip)) {
                    return FileVisitResult.CONTINUE;
                }
                String name = archiveName(root.relativize(file));
                if (attrs.isSymbolicLink()) {
                    throw linkRefused(root, file, name);
                }
                if (!attrs.isRegularFile()) {
                    throw new ProgyException("'" + name + "' in the course is not a regular file (a device, pipe or socket)",
                            "remove it from the course folder");
                }
                String problem = EntryNames.problem(name).or(() -> seen.add(name)).orElse(null);
                if (problem != null) {
                    throw new ProgyException("'" + EntryNames.shown(name) + "' cannot go into an archive: it " + problem,
                            "rename it so the course can be unpacked on every system");
                }
                files.add(new CourseFile(name, file, ownerMayExecute(file), attrs.size()));
                return FileVisitResult.CONTINUE;
            }
        });
        files.sort(Comparator.comparing(CourseFile::name));
        return files;
    }

    private static ProgyException linkRefused(Path root, Path link, String name) throws IOException {
        Path target = Files.readSymbolicLink(link);
        Path resolved = link.getParent().resolve(target).normalize();
        if (!resolved.startsWith(root)) {
            return new UnsafePathException("'" + name + "' is a link to " + target
                    + ", outside the course; links are never packed");
        }
        return new ProgyException("'" + name + "' is a link (to " + target + "); archives never hold links because"
                + " unpacking refuses them", "replace the link with a copy of the file it points to");
    }

    private static String archiveName(Path relative) {
        StringBuilder b = new StringBuilder();
        for (Path segment : relative) {
            if (b.length() > 0) {
                b.append('/');
            }
            b.append(segment);
        }
        return b.toString();
    }

    private static boolean ownerMayExecute(Path file) throws IOException {
        PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        return posix != null && posix.readAttributes().permissions().contains(PosixFilePermission.OWNER_EXECUTE);
    }
}
