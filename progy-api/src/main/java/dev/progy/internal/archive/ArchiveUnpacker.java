package dev.progy.internal.archive;

import dev.progy.spi.support.scratch.ScratchFolders;
import dev.progy.spi.support.IoFailures;

import dev.progy.model.ArchiveLimits;
import dev.progy.error.ArchiveRejectedException;
import dev.progy.error.ProgyException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * Unpacks an archive into a temporary sibling of the target and moves it into place only when every entry
 * passed, so a refused archive leaves nothing behind, inside the target or outside it. Only plain files and
 * folders are ever created, with {@code CREATE_NEW}, in a folder made for this call: no entry can overwrite
 * another or follow a link.
 */
public final class ArchiveUnpacker {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ArchiveUnpacker() { }

    /** Unpacks {@code archive} into {@code targetDir}, which must not exist or be an empty folder. */
    public static void unpack(Path archive, Path targetDir, ArchiveLimits limits) {
        Path target = targetDir.toAbsolutePath().normalize();
        refuseOccupied(target);
        Path staging = null;
        // the directory is checked on opening, so most hostile archives are refused before the disk is touched
        try (ZipArchive zip = ZipArchive.open(archive, limits)) {
            Files.createDirectories(target.getParent());
            staging = createStaging(target);
            for (ZipRecord record : zip.records()) {
                write(zip, record, staging);
            }
            if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(target);
            }
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            staging = null;
        } catch (IOException e) {
            throw new ProgyException("could not unpack " + archive + " into " + target + ": " + IoFailures.describe(e),
                    "check free disk space and that the folder is writable", e);
        } finally {
            if (staging != null) {
                ScratchFolders.deleteQuietly(staging);
            }
        }
    }

    /**
     * A fresh sibling folder. Not {@code Files.createTempDirectory}: its owner-only permissions would stay on
     * the course after the move, and a container runner under another user could not read it.
     */
    private static Path createStaging(Path target) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path candidate = target.resolveSibling("." + target.getFileName() + ".unpacking-"
                    + Long.toHexString(RANDOM.nextLong()));
            try {
                return Files.createDirectory(candidate);
            } catch (FileAlreadyExistsException e) {
                if (attempt == 10) {
                    throw e;
                }
            }
        }
    }

    private static void write(ZipArchive zip, ZipRecord record, Path staging) throws IOException {
        Path path = staging.resolve(record.name()).normalize();
        if (!path.startsWith(staging) || path.equals(staging)) {
            // EntryNames already refuses every name that could do this; this guards the guard
            throw Refusal.entry(zip.label(), record.name(), "resolves outside the target folder");
        }
        try {
            if (record.folder()) {
                Files.createDirectories(path);
                return;
            }
            Files.createDirectories(path.getParent());
            try (OutputStream out = Files.newOutputStream(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                zip.copy(record, out);
            }
        } catch (FileAlreadyExistsException e) {
            throw collision(zip, record);
        } catch (FileSystemException e) {
            if (Files.exists(path, LinkOption.NOFOLLOW_LINKS) || Files.isRegularFile(path.getParent())) {
                throw collision(zip, record);
            }
            throw e;
        }
        if (record.executable()) {
            PosixFileAttributeView posix = Files.getFileAttributeView(path, PosixFileAttributeView.class);
            if (posix != null) {
                posix.setPermissions(PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
    }

    private static ArchiveRejectedException collision(ZipArchive zip, ZipRecord record) {
        return Refusal.entry(zip.label(), record.name(), "collides with another entry (a file and a folder of the"
                + " same name, or names that differ only in letter case on this system)");
    }

    private static void refuseOccupied(Path target) {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        boolean empty = false;
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> children = Files.newDirectoryStream(target)) {
                empty = !children.iterator().hasNext();
            } catch (IOException e) {
                empty = false;
            }
        }
        if (!empty) {
            throw new ProgyException("cannot unpack into " + target + ": it exists and is not an empty folder",
                    "choose a new folder, or remove this one first");
        }
    }
}
