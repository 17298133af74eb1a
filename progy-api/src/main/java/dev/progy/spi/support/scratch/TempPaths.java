package dev.progy.spi.support.scratch;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ThreadLocalRandom;

/**
 * New temporary files and folders, private to their owner as {@link Files#createTempFile} and
 * {@link Files#createTempDirectory} make them, without their cost on a command's path: the JDK names them from a
 * {@code SecureRandom}, whose first use loads the security providers (≈ 15 ms of a one-shot {@code progy run}).
 * The names need not be unguessable: each is created only if nothing is there (never through a link), and a name
 * taken already is drawn again.
 */
public final class TempPaths {
    private static final int ATTEMPTS = 100;
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private TempPaths() { }

    /** A new empty folder in {@code parent}, named {@code prefix} and a random number, readable by its owner only. */
    public static Path createDirectory(Path parent, String prefix) throws IOException {
        FileAttribute<?>[] attrs = POSIX
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))}
                : new FileAttribute<?>[0];
        for (int i = 0; ; i++) {
            try {
                return Files.createDirectory(parent.resolve(name(prefix, "")), attrs);
            } catch (FileAlreadyExistsException e) {
                if (i >= ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** A new empty folder in the system's temporary folder ({@code java.io.tmpdir}). */
    public static Path createDirectory(String prefix) throws IOException {
        return createDirectory(Path.of(System.getProperty("java.io.tmpdir")), prefix);
    }

    /** A new empty file in {@code dir}, named {@code prefix}, a random number and {@code suffix}, for its owner only. */
    public static Path createFile(Path dir, String prefix, String suffix) throws IOException {
        FileAttribute<?>[] attrs = POSIX
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        for (int i = 0; ; i++) {
            try {
                return Files.createFile(dir.resolve(name(prefix, suffix)), attrs);
            } catch (FileAlreadyExistsException e) {
                if (i >= ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private static String name(String prefix, String suffix) {
        if (prefix.indexOf('/') >= 0 || suffix.indexOf('/') >= 0) {
            throw new IllegalArgumentException("a name's prefix and suffix hold no '/': " + prefix + ", " + suffix);
        }
        return prefix + Long.toUnsignedString(ThreadLocalRandom.current().nextLong()) + suffix;
    }
}
