package dev.progy.sync;

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
 * The id of the machine a workspace lives on, made once and kept in {@code .progy/device-id}: the host's name
 * (from the environment or {@code /etc/hostname}, when either tells it) and random hex, e.g. {@code laptop-3f9a2c1d}.
 * It names the backup branch, so two machines of one student push to branches of their own and never fight, and it
 * is the device a new progress database counts this machine's attempts under: one id per workspace, not one per use.
 */
public final class DeviceId {

    private DeviceId() { }

    /** The id kept in {@code file}; made and written first when there is none (two racing makers agree on one). */
    public static String of(Path file) throws IOException {
        String existing = read(file);
        if (existing != null) {
            return existing;
        }
        byte[] random = new byte[4];
        new SecureRandom().nextBytes(random);
        String host = slug(hostName());
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

    /** The machine's name without a network lookup (which can hang on a badly set-up resolver); null if unknown. */
    private static String hostName() {
        for (String name : new String[] {"HOSTNAME", "COMPUTERNAME"}) {
            if (System.getenv(name) != null && !System.getenv(name).isBlank()) {
                return System.getenv(name);
            }
        }
        try {
            Path etc = Path.of("/etc/hostname");
            return Files.isRegularFile(etc) ? Files.readString(etc, StandardCharsets.UTF_8).trim() : null;
        } catch (IOException | RuntimeException e) {
            return null;
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
    public static String slug(String text) {
        if (text == null) {
            return "";
        }
        String s = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return s.length() > 24 ? s.substring(0, 24).replaceAll("-+$", "") : s;
    }
}
