package dev.progy.internal.archive;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The rules a name inside a {@code .progy} archive obeys, shared by packing (so every archive we write can be
 * unpacked) and unpacking (so no archive can write outside its target). Names are relative, use {@code /},
 * and have no segment that could climb out or mean something special on Windows. One instance also remembers
 * the names seen so far, to refuse duplicates and names that would collide on a case-insensitive disk.
 */
final class EntryNames {

    private final Map<String, String> seenFolded = new HashMap<>();

    /** Why {@code name} may not appear in an archive, or empty when it may. A trailing {@code /} marks a folder. */
    static Optional<String> problem(String name) {
        if (name.isEmpty() || name.equals("/")) {
            return Optional.of("has an empty name");
        }
        if (name.length() > 4096) {
            return Optional.of("has a name longer than 4096 characters");
        }
        if (name.startsWith("/")) {
            return Optional.of("is an absolute path");
        }
        if (name.length() >= 2 && name.charAt(1) == ':' && Character.isLetter(name.charAt(0))) {
            return Optional.of("is an absolute Windows path (drive letter)");
        }
        if (name.startsWith("\\")) {
            return Optional.of("is an absolute Windows path (starts with a backslash)");
        }
        if (name.indexOf('\\') >= 0) {
            return Optional.of("contains a backslash, which Windows reads as a folder separator");
        }
        if (name.indexOf(':') >= 0) {
            return Optional.of("contains ':', which Windows reads as a drive or a hidden stream");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return Optional.of("contains a control character");
            }
        }
        String path = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        for (String segment : path.split("/", -1)) {
            if (segment.equals("..")) {
                return Optional.of("contains '..' and could escape the target folder");
            }
            if (segment.isEmpty() || segment.equals(".")) {
                return Optional.of("has an empty or '.' path segment");
            }
        }
        return Optional.empty();
    }

    /**
     * Records {@code name}; says why not when an earlier name is the same, or the same but for letter case
     * (on Windows and macOS the second would overwrite the first).
     */
    Optional<String> add(String name) {
        String path = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        String previous = seenFolded.putIfAbsent(path.toLowerCase(Locale.ROOT), path);
        if (previous == null) {
            return Optional.empty();
        }
        if (previous.equals(path)) {
            return Optional.of("is a duplicate entry");
        }
        return Optional.of("differs from '" + previous + "' only in letter case, so one would overwrite the other");
    }

    /** {@code name} fit for a message: control characters shown as {@code ?}. */
    static String shown(String name) {
        StringBuilder b = new StringBuilder(name.length());
        name.chars().forEach(c -> b.append(c < 0x20 || c == 0x7f ? '?' : (char) c));
        return b.toString();
    }
}
