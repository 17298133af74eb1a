package dev.progy.internal.workspace;

import dev.progy.internal.io.FolderTrees;
import dev.progy.spi.support.IoFailures;

import dev.progy.ArchiveLimits;
import dev.progy.CourseArchive;
import dev.progy.ProgyException;
import dev.progy.Workspace;
import dev.progy.internal.course.CourseReader;
import dev.progy.internal.io.AtomicFiles;
import dev.progy.model.Course;
import dev.progy.model.Exercise;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Optional;

/**
 * Makes or refreshes a student workspace from a course archive: the course is unpacked (with the archive's
 * safety limits) and checked, kept pristine under {@code .progy/course/} without its solutions, and its files
 * are copied into the workspace only where the student has no file yet, so a student's work is never overwritten.
 */
public final class WorkspaceInstaller {

    private WorkspaceInstaller() { }

    /**
     * Installs the course in {@code archive} into the workspace folder {@code root}.
     *
     * @return the pristine course folder
     */
    public static Path install(Path archive, Path root, String sourceLabel, Instant now) {
        Path state = root.resolve(Workspace.STATE_DIR);
        Path incoming = state.resolve("course.incoming");
        Path pristine = root.resolve(Workspace.PRISTINE_DIR);
        try {
            Files.createDirectories(state);
            FolderTrees.delete(incoming);
            CourseArchive.unpack(archive, incoming, ArchiveLimits.DEFAULT);
            Course course = CourseReader.read(incoming);
            refuseOtherCourse(root, course);
            for (Exercise e : course.exercises()) {
                if (e.solution().isPresent()) {
                    FolderTrees.delete(course.exercisesDir().resolve(e.relativeDir()).resolve(e.solution().get()));
                }
            }
            Path old = state.resolve("course.old");
            FolderTrees.delete(old);
            if (Files.exists(pristine)) {
                AtomicFiles.move(pristine, old);
            }
            AtomicFiles.move(incoming, pristine);
            FolderTrees.delete(old);
            copyMissing(pristine, root);
            Path manifest = root.resolve(Workspace.MANIFEST);
            (Files.isRegularFile(manifest)
                    ? WorkspaceManifest.read(manifest).reinstalled(course.id(), course.version(), sourceLabel, now)
                    : new WorkspaceManifest(course.id(), course.version(), sourceLabel, now, Optional.empty(), Optional.empty()))
                    .write(manifest);
            return pristine;
        } catch (IOException e) {
            throw new ProgyException("could not set up the workspace in " + root + ": " + IoFailures.describe(e),
                    "check that the folder is writable", e);
        } finally {
            try {
                FolderTrees.delete(incoming);
            } catch (IOException ignored) {
                // a leftover incoming folder is replaced on the next init
            }
        }
    }

    private static void refuseOtherCourse(Path root, Course course) {
        Path manifest = root.resolve(Workspace.MANIFEST);
        if (Files.isRegularFile(manifest)) {
            String existing = WorkspaceManifest.read(manifest).courseId();
            if (!existing.equals(course.id())) {
                throw new ProgyException(root + " already holds the course '" + existing + "', not '" + course.id() + "'",
                        "choose another folder for this course");
            }
        }
    }

    /** Copies every file of the course that the student does not have yet; never replaces a file. */
    private static void copyMissing(Path pristine, Path root) throws IOException {
        Files.walkFileTree(pristine, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(root.resolve(pristine.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path dest = root.resolve(pristine.relativize(file).toString());
                if (attrs.isRegularFile() && !Files.exists(dest)) {
                    Files.copy(file, dest);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
