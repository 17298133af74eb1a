package dev.progy;

import dev.progy.error.ArchiveRejectedException;
import dev.progy.error.ProgyException;
import dev.progy.error.UnsafePathException;
import dev.progy.model.ArchiveLimits;

import dev.progy.internal.archive.ArchiveDigest;
import dev.progy.internal.archive.ArchiveUnpacker;
import dev.progy.model.Course;
import dev.progy.spi.support.IoFailures;
import dev.progy.internal.archive.CoursePacker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.FileVisitResult;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The {@code .progy} archive: a zip of a course folder, with paths relative to the course root.
 *
 * <p>Packing is deterministic: the same folder packs to the same bytes (and so the same {@link #sha256}) on
 * every run, whatever the files' timestamps, owners or the order the disk lists them in. Build output,
 * dependencies and local state are left out (any path segment named {@code target}, {@code node_modules},
 * {@code .git}, {@code .DS_Store}, {@code .next}, {@code dist} or {@code .progy}).
 *
 * <p>Unpacking treats the archive as hostile: it refuses, with an {@link ArchiveRejectedException} naming
 * the entry and the rule, entries that would land outside the target, links, duplicates, and archives that
 * break the {@link ArchiveLimits}, measured on the bytes actually inflated. A refused archive leaves nothing
 * behind, neither outside the target nor inside it.
 */
public final class CourseArchive {

    /** Names left out of an archive wherever they appear: {@link Course#EXCLUDED_NAMES}. */
    public static final Set<String> EXCLUDED_NAMES = Course.EXCLUDED_NAMES;

    private CourseArchive() { }

    /**
     * Packs the course in {@code courseRoot} into {@code outFile}. The file is written to a temporary file
     * next to it and then moved into place atomically, so a crash never leaves half an archive; an existing
     * file is replaced. An archive written inside the course folder is not packed into itself.
     *
     * @throws ProgyException       when the folder has no {@code course.json}, holds a link, a special file,
     *                              a name other systems cannot unpack, or more than {@link ArchiveLimits#DEFAULT}
     *                              allows
     * @throws UnsafePathException  when the folder holds a link that points outside the course
     */
    public static void pack(Path courseRoot, Path outFile) {
        CoursePacker.pack(courseRoot, outFile);
    }

    /**
     * Unpacks {@code archive} into {@code targetDir}, which must not exist yet or be an empty folder; the
     * folder appears, complete, only when every entry passed. Executable bits recorded in the archive are
     * restored on systems with POSIX permissions; timestamps are not (they are fixed in the archive).
     *
     * @throws ArchiveRejectedException when the archive is not a zip, is truncated or damaged, or breaks a rule
     *                                  or one of {@code limits}
     * @throws ProgyException           when the archive is missing, the target is occupied, or the disk fails
     */
    public static void unpack(Path archive, Path targetDir, ArchiveLimits limits) {
        ArchiveUnpacker.unpack(archive, targetDir, limits);
    }

    /** {@link #unpack(Path, Path, ArchiveLimits)} with {@link ArchiveLimits#DEFAULT}. */
    public static void unpack(Path archive, Path targetDir) {
        unpack(archive, targetDir, ArchiveLimits.DEFAULT);
    }

    /**
     * Every regular file of the course folder {@code root} that a course is made of, in path order: what a checker or
     * an optimizer reads, the same files an archive would ship (nothing under {@link #EXCLUDED_NAMES}; links are not
     * followed, so nothing outside the folder is listed). An unreadable subfolder is skipped.
     *
     * @throws ProgyException when {@code root} cannot be read at all
     */
    public static List<Path> files(Path root) {
        List<Path> out = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(root) && EXCLUDED_NAMES.contains(String.valueOf(dir.getFileName()))
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()) {
                        out.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new ProgyException("could not read the course folder " + root + ": " + IoFailures.describe(e),
                    "check that the folder exists and is readable", e);
        }
        out.sort(Comparator.comparing(Path::toString));
        return out;
    }

    /** The SHA-256 of {@code file}'s bytes, as 64 lowercase hex digits. */
    public static String sha256(Path file) {
        return ArchiveDigest.sha256(file);
    }
}
