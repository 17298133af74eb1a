package dev.progy;

import dev.progy.error.ArchiveRejectedException;
import dev.progy.error.ProgyException;
import dev.progy.model.ArchiveLimits;

import dev.progy.internal.archive.ArchiveInspection;
import dev.progy.spi.support.IoFailures;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Map;

/**
 * The files of a {@code .progy} archive, read where they are, without unpacking anything to disk: a checker
 * (the Course Guard, a registry) walks {@link #root()} with the ordinary {@link java.nio.file.Files} calls.
 *
 * <p>The archive is first read through once under its {@link ArchiveLimits}, exactly as {@link
 * CourseArchive#unpack} would read it: an archive that unpacking would refuse (a bomb, a forged size, a name
 * that climbs out, a link, a duplicate) is refused here too, so every entry read afterwards gives exactly the
 * bytes its header promises. The view is for reading: never write through it.
 */
public final class ArchiveContents implements AutoCloseable {

    private final FileSystem fileSystem;
    private final Path root;

    private ArchiveContents(FileSystem fileSystem) {
        this.fileSystem = fileSystem;
        this.root = fileSystem.getPath("/");
    }

    /**
     * Opens {@code archive} for reading in place.
     *
     * @throws ArchiveRejectedException when unpacking would refuse it
     * @throws ProgyException           when it is missing or cannot be read
     */
    public static ArchiveContents open(Path archive, ArchiveLimits limits) {
        ArchiveInspection.verify(archive, limits);
        try {
            // the JDK's zip file system reads entries in place; no "create" key, so it never makes a file
            return new ArchiveContents(FileSystems.newFileSystem(archive, Map.of()));
        } catch (IOException e) {
            throw new ProgyException("could not open " + archive + ": " + IoFailures.describe(e),
                    "check that the file is a .progy archive and readable", e);
        }
    }

    /** The course's root folder inside the archive (where {@code course.json} is). */
    public Path root() {
        return root;
    }

    @Override
    public void close() {
        try {
            fileSystem.close();
        } catch (IOException e) {
            // nothing was written through the view, so there is nothing to lose
        }
    }
}
