package dev.progy.guard;

import dev.progy.guard.rule.Finding;
import dev.progy.guard.rule.Severity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A course silences a warning or note with a justified comment on the finding's line or the line above:
 * {@code # progy-guard: allow PG-D001 -- the course pins its image by digest in CI}. Errors cannot be silenced:
 * the comment is then pointed out next to the error. A comment without a reason (at least 10 characters after
 * {@code --}) silences nothing.
 */
final class Silencing {

    private static final Pattern ALLOW = Pattern.compile("progy-guard:\\s*allow\\s+(PG-[A-Z]\\d{3})(?:\\s*--\\s*(.*))?");

    private Silencing() { }

    static List<Finding> apply(Path root, List<Finding> findings) {
        Map<String, String[]> files = new HashMap<>();
        List<Finding> out = new ArrayList<>();
        for (Finding f : findings) {
            String comment = f.line() > 0 ? allowing(root, f, files) : null;
            if (comment == null) {
                out.add(f);
            } else if (f.severity() == Severity.ERROR) {
                out.add(new Finding(f.rule(), f.file(), f.line(), f.message() + " (an error cannot be silenced)", f.fix()));
            } else if (comment.trim().length() < 10) {
                out.add(new Finding(f.rule(), f.file(), f.line(), f.message() + " (the comment silencing it gives no reason)",
                        "say why after --, e.g. # progy-guard: allow " + f.rule().id() + " -- why this is safe here"));
            }
            // else: silenced with a reason
        }
        return out;
    }

    /** The reason of a comment allowing this finding's rule on its line or the line above; null when none. */
    private static String allowing(Path root, Finding f, Map<String, String[]> files) {
        String[] lines = files.computeIfAbsent(f.file(), name -> read(root.resolve(name)));
        for (int n = f.line() - 1; n >= Math.max(0, f.line() - 2); n--) {
            if (n < lines.length) {
                Matcher m = ALLOW.matcher(lines[n]);
                if (m.find() && m.group(1).equals(f.rule().id())) {
                    return m.group(2) == null ? "" : m.group(2);
                }
            }
        }
        return null;
    }

    private static String[] read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).split("\r?\n", -1);
        } catch (IOException | RuntimeException e) {
            return new String[0];
        }
    }
}
