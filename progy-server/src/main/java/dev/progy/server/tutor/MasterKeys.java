package dev.progy.server.tutor;

import dev.progy.spi.support.scratch.AtomicFiles;
import dev.progy.error.ProgyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The master keys that wrap the data keys of stored AI keys, from the key file (setting {@code ai-master-key-file}):
 * one base64 line of 32 random bytes per key, the current one first, older ones (kept after a rotation until every
 * record is re-wrapped) below. A key's id is the start of the SHA-256 of its bytes, stored with each record, so a
 * record names the key that opens it. The file is made (mode 0600) with one new key when it does not exist; an
 * instance meeting a key id it does not know reads the file again (another instance or the admin may have rotated).
 */
public final class MasterKeys {

    private static final Logger LOG = LoggerFactory.getLogger(MasterKeys.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    static final int BYTES = 32;

    private final Path file;
    private volatile Ring ring;

    /** The keys of {@code file} in order, the current one first. */
    private record Ring(String currentId, Map<String, byte[]> byId) { }

    private MasterKeys(Path file, Ring ring) {
        this.file = file;
        this.ring = ring;
    }

    /** The keys of {@code file}, made with one new key (and said so in the log) when it does not exist. */
    public static MasterKeys open(Path file) {
        if (!Files.exists(file)) {
            create(file);
        }
        return new MasterKeys(file, read(file));
    }

    public Path file() {
        return file;
    }

    /** The id of the key new records are wrapped with. */
    public String currentId() {
        return ring.currentId();
    }

    byte[] current() {
        Ring r = ring;
        return r.byId().get(r.currentId());
    }

    /** The key {@code id}, reading the file again once when it is not known. */
    Optional<byte[]> byId(String id) {
        byte[] key = ring.byId().get(id);
        if (key == null) {
            reload();
            key = ring.byId().get(id);
        }
        return Optional.ofNullable(key);
    }

    /** Reads the key file again. */
    public void reload() {
        ring = read(file);
    }

    /**
     * Puts a new random key first in the file (the others stay, so records wrapped with them still open until they
     * are re-wrapped); returns its id.
     */
    public String rotate() {
        List<String> lines = new ArrayList<>();
        lines.add(Base64.getEncoder().encodeToString(random()));
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
                if (!line.isBlank()) {
                    lines.add(line.strip());
                }
            }
            AtomicFiles.write(file, String.join("\n", lines) + "\n", AtomicFiles.Durability.DURABLE); // owner-only
        } catch (IOException e) {
            throw new ProgyException("Could not write the AI master key file " + file + ": " + e.getMessage(),
                    "Check that its folder is writable by the server's user.", e);
        }
        reload();
        return ring.currentId();
    }

    private static void create(Path file) {
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            write(file, Base64.getEncoder().encodeToString(random()) + "\n");
            LOG.atWarn().addKeyValue("file", file.toAbsolutePath().toString()).log("made a new AI master key file: "
                    + "back it up, and give every instance the same file; without it the stored AI keys cannot be read");
        } catch (FileAlreadyExistsException e) {
            // another instance made it first
        } catch (IOException e) {
            throw new ProgyException("Could not make the AI master key file " + file + ": " + e.getMessage(),
                    "Check that its folder is writable, or name an existing file with the setting "
                            + "ai-master-key-file.", e);
        }
    }

    private static void write(Path file, String text) throws IOException {
        boolean posix = file.toAbsolutePath().getFileSystem().supportedFileAttributeViews().contains("posix");
        if (posix) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
        Files.writeString(file, text, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
    }

    private static Ring read(Path file) {
        Map<String, byte[]> byId = new LinkedHashMap<>();
        String current = null;
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new ProgyException("Could not read the AI master key file " + file + ": " + e.getMessage(),
                    "Check the setting ai-master-key-file and that the server's user may read the file.", e);
        }
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            byte[] key;
            try {
                key = Base64.getDecoder().decode(line.strip());
            } catch (IllegalArgumentException e) {
                key = new byte[0];
            }
            if (key.length != BYTES) {
                throw new ProgyException("The AI master key file " + file + " holds a line that is not 32 bytes in "
                        + "base64.", "Each line of the file is one key: 32 random bytes in base64, e.g. from "
                        + "`openssl rand -base64 32`; the first line is the current key.");
            }
            String id = id(key);
            byId.put(id, key);
            if (current == null) {
                current = id;
            }
        }
        if (current == null) {
            throw new ProgyException("The AI master key file " + file + " is empty.",
                    "Put a key in it (32 random bytes in base64: `openssl rand -base64 32`), or delete the file and "
                            + "the server makes one.");
        }
        return new Ring(current, byId);
    }

    static String id(byte[] key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key), 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static byte[] random() {
        byte[] key = new byte[BYTES];
        RANDOM.nextBytes(key);
        return key;
    }
}
