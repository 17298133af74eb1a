package dev.progy.internal.workspace;

import dev.progy.spi.support.scratch.ScratchFolders;
import dev.progy.spi.support.IoFailures;

import dev.progy.model.ArchiveLimits;
import dev.progy.internal.archive.ArchiveUnpacker;
import dev.progy.error.CourseInvalidException;
import dev.progy.error.ProgyException;
import dev.progy.internal.course.CourseReader;
import dev.progy.spi.support.scratch.AtomicFiles;
import dev.progy.model.Course;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Makes or refreshes a student workspace from a course archive: the course is unpacked (with the archive's
 * safety limits) and checked, kept pristine under {@code .progy/course/} without its solutions (which are kept apart in
 * {@code .progy/solutions/} for {@code progy solution}, shown only once an exercise passed), and its files
 * are copied into the workspace only where the student has no file yet, so a student's work is never overwritten.
 */
public final class WorkspaceInstaller {

    private WorkspaceInstaller() { }

    /**
     * Installs the course in {@code archive} into the workspace folder {@code root}. When that fails in a folder that
     * was no workspace yet, nothing of it is left behind: no {@code .progy/}, no file copied so far (and no folder
     * the install made).
     *
     * @return the course as checked when it was installed, with its warnings
     */
    public static Course install(Path archive, Path root, String sourceLabel, Instant now) {
        Path state = root.resolve(WorkspaceManifest.STATE_DIR);
        boolean fresh = !Files.exists(state);
        boolean rootExisted = Files.exists(root);
        List<Path> made = new ArrayList<>();
        boolean done = false;
        try {
            Course course = install(archive, root, state, sourceLabel, now, made);
            done = true;
            return course;
        } finally {
            if (!done && fresh) {
                undo(root, state, rootExisted, made);
            }
        }
    }

    private static Course install(Path archive, Path root, Path state, String sourceLabel, Instant now,
                                  List<Path> made) {
        Path incoming = state.resolve("course.incoming");
        Path pristine = root.resolve(WorkspaceManifest.PRISTINE_DIR);
        try {
            Files.createDirectories(state);
            ScratchFolders.delete(incoming);
            ArchiveUnpacker.unpack(archive, incoming, ArchiveLimits.DEFAULT);
            // the archive's course is read where it will live, so a course.json without an id gets the same id as
            // every later read of .progy/course/ (its name's slug, never the folder's name)
            Course course;
            try {
                course = CourseReader.read(incoming);
            } catch (CourseInvalidException e) {
                throw new CourseInvalidException(sourceLabel, e.problems()); // named as the student gave it
            }
            refuseOtherCourse(root, course);
            Path solutionsIncoming = state.resolve("solutions.incoming");
            ScratchFolders.delete(solutionsIncoming);
            Files.createDirectories(solutionsIncoming);
            ExerciseFiles.keepSolutions(course, solutionsIncoming);
            Path old = state.resolve("course.old");
            ScratchFolders.delete(old);
            if (Files.exists(pristine)) {
                AtomicFiles.move(pristine, old);
            }
            AtomicFiles.move(incoming, pristine);
            ScratchFolders.delete(old);
            Path solutions = root.resolve(ExerciseFiles.SOLUTIONS);
            ScratchFolders.delete(solutions);
            AtomicFiles.move(solutionsIncoming, solutions);
            copyMissing(pristine, root, made);
            Path manifest = root.resolve(WorkspaceManifest.MANIFEST);
            (Files.isRegularFile(manifest)
                    ? WorkspaceManifest.read(manifest).reinstalled(course.id(), course.version(), sourceLabel, now)
                    : new WorkspaceManifest(course.id(), course.version(), sourceLabel, now, Optional.empty(), Optional.empty()))
                    .write(manifest);
            return course;
        } catch (IOException e) {
            throw new ProgyException("could not set up the workspace in " + root + ": " + IoFailures.describe(e),
                    "check that the folder is writable", e);
        } finally {
            try {
                ScratchFolders.delete(incoming);
                ScratchFolders.delete(state.resolve("solutions.incoming"));
            } catch (IOException ignored) {
                // a leftover incoming folder is replaced on the next init
            }
        }
    }

    private static void refuseOtherCourse(Path root, Course course) {
        Path manifest = root.resolve(WorkspaceManifest.MANIFEST);
        if (Files.isRegularFile(manifest)) {
            String existing = WorkspaceManifest.read(manifest).courseId();
            // an id-less course was once installed under the name of the folder it was read in; that workspace may
            // take the course again under its real id
            boolean legacyId = existing.equals("course.incoming");
            if (!existing.equals(course.id()) && !legacyId) {
                throw new ProgyException(root + " is already the workspace of the course '" + existing
                        + "'; installing '" + course.id() + "' over it would mix two courses' files and progress",
                        "give another folder for '" + course.id() + "' (progy init <course> <new folder>); nothing"
                                + " was changed here");
            }
        }
    }

    /** What a failed first install made, removed again: the copied files, the folders made for them, .progy/. */
    private static void undo(Path root, Path state, boolean rootExisted, List<Path> made) {
        try {
            if (!rootExisted) {
                ScratchFolders.delete(root);
                return;
            }
            for (int i = made.size() - 1; i >= 0; i--) {
                Files.deleteIfExists(made.get(i)); // files, then their folders (empty by then), newest first
            }
            ScratchFolders.delete(state);
        } catch (IOException e) {
            // best effort: what is left is named by the error the student sees
        }
    }

    /**
     * Copies every file of the course that the student does not have yet; never replaces a file. Every file and
     * folder it makes is added to {@code made}, in the order made.
     */
    private static void copyMissing(Path pristine, Path root, List<Path> made) throws IOException {
        Files.walkFileTree(pristine, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path dest = root.resolve(pristine.relativize(dir).toString());
                if (!Files.exists(dest)) {
                    Files.createDirectories(dest);
                    made.add(dest);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path dest = root.resolve(pristine.relativize(file).toString());
                if (attrs.isRegularFile() && !Files.exists(dest)) {
                    Files.copy(file, dest);
                    made.add(dest);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
