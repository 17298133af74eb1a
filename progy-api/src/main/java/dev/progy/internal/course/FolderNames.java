package dev.progy.internal.course;

import java.util.Comparator;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code NN_name} convention of module and exercise folders. */
final class FolderNames {

    /** Two digits, an underscore, a name: the pattern the original Progy enforces. */
    static final Pattern NUMBERED = Pattern.compile("(\\d{2})_(.+)");

    /** How misnamed folders are told to fix themselves. */
    static final String EXPECTED = "two digits, an underscore and a name, e.g. 01_intro";

    /** Folder order: by number, then by name. */
    static final Comparator<String> ORDER = Comparator.comparingInt(FolderNames::number)
            .thenComparing(Comparator.naturalOrder());

    /** Build and tool output that appears next to exercises without being part of the course. */
    private static final Set<String> TOOL_FOLDERS = Set.of("node_modules", "target", "dist", "__pycache__");

    private FolderNames() {
    }

    static boolean isNumbered(String folderName) {
        return NUMBERED.matcher(folderName).matches();
    }

    /** Folders the course reader never looks at: hidden ones ({@code .git}, {@code .progy}) and tool output. */
    static boolean isIgnored(String folderName) {
        return folderName.startsWith(".") || TOOL_FOLDERS.contains(folderName);
    }

    /** {@code 01_hello_world} → {@code Hello world}: what a folder is called when info.toml gives no title. */
    static String title(String folderName) {
        Matcher m = NUMBERED.matcher(folderName);
        String name = m.matches() ? m.group(2) : folderName;
        String words = name.replace('_', ' ').replace('-', ' ').trim().replaceAll("\\s+", " ");
        if (words.isEmpty()) {
            return folderName;
        }
        return words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }

    /** {@code name} with every character a runner refuses made {@code _}: what to rename a folder to. */
    static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    private static int number(String folderName) {
        Matcher m = NUMBERED.matcher(folderName);
        return m.matches() ? Integer.parseInt(m.group(1)) : Integer.MAX_VALUE;
    }
}
