package dev.progy.internal.archive;

import dev.progy.error.ProgyException;
import dev.progy.spi.support.IoFailures;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The checksum that names an archive's bytes in a registry's index and in what a student downloads. */
public final class ArchiveDigest {

    private ArchiveDigest() { }

    /** The SHA-256 of {@code file}'s bytes, as 64 lowercase hex digits. */
    public static String sha256(Path file) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new ProgyException("could not read " + file + " to checksum it: " + IoFailures.describe(e),
                    "check that the file exists and is readable", e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
