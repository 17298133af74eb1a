package dev.progy.internal.archive;

import dev.progy.model.ArchiveLimits;
import dev.progy.spi.support.IoFailures;
import dev.progy.error.ProgyException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Reads an archive through without unpacking it: every entry is inflated and checked exactly as
 * {@link ArchiveUnpacker} would, but nothing touches the disk. A registry uses this to accept only archives
 * that students will be able to unpack, and to read their {@code course.json}.
 */
public final class ArchiveInspection {

    private ArchiveInspection() { }

    /**
     * The bytes of {@code course.json} at the root of {@code archive}, after checking the whole archive
     * against {@code limits}.
     *
     * @throws dev.progy.error.ArchiveRejectedException when unpacking would refuse the archive
     * @throws ProgyException                     when it has no course.json or cannot be read
     */
    public static byte[] courseJson(Path archive, ArchiveLimits limits) {
        ByteArrayOutputStream courseJson = readThrough(archive, limits, "course.json");
        if (courseJson == null) {
            throw new ProgyException(archive.getFileName() + " has no course.json at its root, so it is not a course",
                    "pack the folder that holds course.json (progy pack)");
        }
        return courseJson.toByteArray();
    }

    /**
     * Checks the whole of {@code archive} against {@code limits}, inflating every entry into nothing: what
     * passes here unpacks, and reads of its entries give exactly the bytes its headers promise.
     *
     * @throws dev.progy.error.ArchiveRejectedException when unpacking would refuse the archive
     * @throws ProgyException                     when it cannot be read
     */
    public static void verify(Path archive, ArchiveLimits limits) {
        readThrough(archive, limits, null);
    }

    /** Inflates every entry, keeping the one named {@code keep} (null when there is none or none is wanted). */
    private static ByteArrayOutputStream readThrough(Path archive, ArchiveLimits limits, String keep) {
        ByteArrayOutputStream kept = null;
        try (ZipArchive zip = ZipArchive.open(archive, limits)) {
            for (ZipRecord record : zip.records()) {
                if (record.name().equals(keep)) {
                    kept = new ByteArrayOutputStream();
                    zip.copy(record, kept);
                } else if (!record.folder()) {
                    zip.copy(record, OutputStream.nullOutputStream());
                }
            }
        } catch (IOException e) {
            throw new ProgyException("could not read " + archive + ": " + IoFailures.describe(e),
                    "check that the file is readable", e);
        }
        return kept;
    }
}
