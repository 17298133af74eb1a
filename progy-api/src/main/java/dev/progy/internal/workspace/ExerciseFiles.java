package dev.progy.internal.workspace;

import dev.progy.error.ProgyException;
import dev.progy.model.Course;
import dev.progy.model.Exercise;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * An exercise's files in a workspace beside the student's own: the starter files in the pristine course, and the
 * solution kept at init under {@value #SOLUTIONS} (inside Progy's state folder, which container runs never see).
 */
public final class ExerciseFiles {

    /** Where the course's solutions are kept, relative to the workspace root, laid out as the exercises folder. */
    public static final String SOLUTIONS = WorkspaceManifest.STATE_DIR + "/solutions";
    /** Where {@link #reset} keeps the student's copies, one folder per reset, relative to the workspace root. */
    public static final String RESET_BACKUPS = WorkspaceManifest.STATE_DIR + "/reset-backup";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private ExerciseFiles() { }

    /**
     * Puts the starter files of an exercise back in the student's folder. The student's folder is first copied to
     * {@code .progy/reset-backup/<time>/<exercise path>}; files the student added that the course does not have
     * stay where they are.
     *
     * @return the backup folder of this reset
     */
    public static Path reset(Path root, Course course, Path own, Exercise ex, Instant now) {
        Path pristine = course.exercisesDir().resolve(ex.relativeDir());
        if (!Files.isDirectory(pristine)) {
            throw new ProgyException("the course's starter files of " + ex.id() + " are missing from "
                    + root.relativize(pristine), "run `progy init <course>` again in this workspace to restore them");
        }
        Path backup = backupFolder(root, now).resolve(root.relativize(own).toString());
        try {
            if (Files.isDirectory(own)) {
                copyTree(own, backup);
            }
            copyTree(pristine, own);
            return backup;
        } catch (IOException e) {
            throw new ProgyException("could not reset " + ex.id() + ": " + e.getMessage(),
                    "check that " + root.relativize(own) + " and .progy/ are writable", e);
        }
    }

    private static Path backupFolder(Path root, Instant now) {
        Path base = root.resolve(RESET_BACKUPS);
        String stamp = STAMP.format(now);
        Path dir = base.resolve(stamp);
        for (int i = 2; Files.exists(dir); i++) {
            dir = base.resolve(stamp + "-" + i);
        }
        return dir;
    }

    /**
     * The solution files of an exercise kept at init (its {@code solution.<ext>}, or every file of its
     * {@code solution/} folder), in path order; empty when the course has none for it (or the workspace was made
     * before solutions were kept).
     */
    public static List<Path> solution(Path root, Exercise ex) {
        Path dir = root.resolve(SOLUTIONS).resolve(ex.relativeDir());
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> {
                        String top = dir.relativize(p).getName(0).toString();
                        return top.equals("solution") || top.startsWith("solution.");
                    })
                    .sorted().toList();
        } catch (IOException e) {
            throw new ProgyException("cannot read the solution of " + ex.id() + ": " + e.getMessage(),
                    "run `progy init <course>` again in this workspace to restore it", e);
        }
    }

    /** Moves the solutions out of a course being installed into {@code target}, laid out as the exercises folder. */
    static void keepSolutions(dev.progy.model.Course course, Path target) throws IOException {
        for (Exercise e : course.exercises()) {
            if (e.solution().isPresent()) {
                Path from = course.exercisesDir().resolve(e.relativeDir()).resolve(e.solution().get());
                if (Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
                    Path to = target.resolve(e.relativeDir()).resolve(e.solution().get());
                    Files.createDirectories(to.getParent());
                    Files.move(from, to);
                }
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        List<Path> made = new ArrayList<>();
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                made.add(Files.createDirectories(to.resolve(from.relativize(dir).toString())));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) {
                    Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
