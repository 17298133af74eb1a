package dev.progy.internal.registry;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A course's registry name ({@code sql-basics} or {@code @scope/slug}) and the folder that holds its
 * versions. The charset is npm's: lowercase letters, digits, {@code .}, {@code _} and {@code -}, starting
 * with a letter or digit, so no name can be {@code ..}, hold a separator of its own, or collide with another
 * on a case-insensitive disk. {@code @scope/slug} is stored as {@code @scope+slug}: {@code +} is outside the
 * charset, so the mapping is reversible.
 */
final class CourseName {

    private static final String PART = "[a-z0-9][a-z0-9._-]*";
    private static final Pattern NAME = Pattern.compile("(@" + PART + "/)?" + PART);
    private static final int MAX_LENGTH = 214;

    private CourseName() { }

    /** Why {@code name} cannot be a registry name, or empty when it can. */
    static Optional<String> problem(String name) {
        if (name.length() > MAX_LENGTH) {
            return Optional.of("is longer than " + MAX_LENGTH + " characters");
        }
        if (!NAME.matcher(name).matches()) {
            return Optional.of("is not a registry name: use lowercase letters, digits, '.', '_' and '-', starting with"
                    + " a letter or digit, optionally as @scope/name");
        }
        return Optional.empty();
    }

    static boolean valid(String name) {
        return problem(name).isEmpty();
    }

    /** The folder name for a valid {@code name}. */
    static String folder(String name) {
        return name.replace('/', '+');
    }

    /** The name a folder stands for; empty for folders that are not course folders (temp files, strays). */
    static Optional<String> fromFolder(String folder) {
        String name = folder.startsWith("@") ? folder.replaceFirst("\\+", "/") : folder;
        return valid(name) ? Optional.of(name) : Optional.empty();
    }
}
