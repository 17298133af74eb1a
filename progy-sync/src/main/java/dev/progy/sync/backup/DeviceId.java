package dev.progy.sync.backup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The id of the machine a workspace lives on, made once and kept in {@code .progy/device-id}: the host's name (when
 * the environment tells it) and random hex, e.g. {@code laptop-3f9a2c1d}. It names the backup branch, so two
 * machines of one student push to branches of their own and never fight.
 */
final class DeviceId {

    private DeviceId() { }

    /** The id kept in {@code file}; made and written first when there is none (two racing makers agree on one). */
    static String of(Path file) throws IOException {
        String existing = read(file);
        if (existing != null) {
            return existing;
        }
        byte[] random = new byte[4];
        new SecureRandom().nextBytes(random);
        String host = slug(System.getenv("HOSTNAME") != null ? System.getenv("HOSTNAME") : System.getenv("COMPUTERNAME"));
        String made = (host.isEmpty() ? "device" : host) + "-" + HexFormat.of().formatHex(random);
        Files.createDirectories(file.getParent());
        try {
            Files.writeString(file, made + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
            return made;
        } catch (FileAlreadyExistsException e) {
            String other = read(file);
            return other != null ? other : made;
        }
    }

    private static String read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        String id = Files.readString(file, StandardCharsets.UTF_8).trim();
        return id.matches("[a-z0-9][a-z0-9-]{0,62}") ? id : null;
    }

    /** Lower-case letters, digits and single dashes: always a valid part of a git branch name. */
    static String slug(String text) {
        if (text == null) {
            return "";
        }
        String s = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return s.length() > 24 ? s.substring(0, 24).replaceAll("-+$", "") : s;
    }
}
