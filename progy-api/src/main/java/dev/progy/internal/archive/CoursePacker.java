package dev.progy.internal.archive;

import dev.progy.model.ArchiveLimits;
import dev.progy.spi.support.IoFailures;
import dev.progy.error.ProgyException;
import dev.progy.internal.archive.CourseFiles.CourseFile;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** Packs a course folder into a {@code .progy} archive; see {@link dev.progy.CourseArchive#pack}. */
public final class CoursePacker {

    private CoursePacker() { }

    /** Packs {@code courseRoot} into {@code outFile}, replacing it atomically. */
    public static void pack(Path courseRoot, Path outFile) {
        if (!Files.isDirectory(courseRoot)) {
            throw new ProgyException("there is no course folder at " + courseRoot,
                    "give the folder that holds course.json");
        }
        if (!Files.isRegularFile(courseRoot.resolve("course.json"))) {
            throw new ProgyException(courseRoot + " has no course.json, so it is not a course folder",
                    "give the folder that holds course.json");
        }
        if (Files.isDirectory(outFile)) {
            throw new ProgyException("cannot write the archive to " + outFile + ": it is a folder",
                    "give a file name such as course.progy");
        }
        Path temp = null;
        try {
            Path root = courseRoot.toRealPath();
            Path outDir = outFile.toAbsolutePath().normalize().getParent();
            Files.createDirectories(outDir);
            Path out = outDir.toRealPath().resolve(outFile.getFileName());
            List<CourseFile> files = CourseFiles.collect(root, out);
            refuseOversized(files);
            // not createTempFile: its files are private (0600), and an archive is for sharing, so it gets the mode
            // the user's umask gives any new file (0644, usually)
            temp = outDir.resolve("." + out.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW)) {
                DeterministicZipWriter zip = new DeterministicZipWriter(channel, ArchiveLimits.DEFAULT.maxCompressionRatio());
                for (CourseFile f : files) {
                    zip.addFile(f.name(), f.path(), f.executable());
                }
                zip.finish();
                channel.force(true);
            }
            // A crash leaves either the old archive or the new one, never half of one.
            Files.move(temp, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temp = null;
        } catch (IOException e) {
            throw new ProgyException("could not pack " + courseRoot + " into " + outFile + ": " + IoFailures.describe(e),
                    "check that the course is readable and the archive's folder writable", e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // a leftover temp file is harmless; the error that brought us here matters more
                }
            }
        }
    }

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    /** An archive that unpacking would refuse is refused here, where the author can still fix the course. */
    private static void refuseOversized(List<CourseFile> files) {
        ArchiveLimits limits = ArchiveLimits.DEFAULT;
        String fix = "move large or generated files out of the course, or into an excluded folder such as dist/";
        if (files.size() > limits.maxEntries()) {
            throw new ProgyException("the course has " + files.size() + " files, more than the "
                    + limits.maxEntries() + " an archive may hold", fix);
        }
        long total = 0;
        for (CourseFile f : files) {
            if (f.size() > limits.maxEntryBytes()) {
                throw new ProgyException("'" + f.name() + "' is " + f.size() + " bytes, more than the "
                        + limits.maxEntryBytes() + " one file in an archive may have", fix);
            }
            total += f.size();
        }
        if (total > limits.maxTotalBytes()) {
            throw new ProgyException("the course holds " + total + " bytes, more than the "
                    + limits.maxTotalBytes() + " an archive may unpack to", fix);
        }
    }
}
