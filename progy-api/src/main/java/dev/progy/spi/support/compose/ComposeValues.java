package dev.progy.spi.support.compose;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How compose spells values: command lines as one string, durations such as {@code 1m30s}, loose booleans. */
final class ComposeValues {

    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");

    private ComposeValues() { }

    /**
     * A command line split into words as compose splits a string {@code command} (shell words, not a shell):
     * blanks separate words, {@code '...'} keeps its text as written, {@code "..."} keeps it with {@code \"},
     * {@code \\}, {@code \$} and {@code \`} unescaped, and a backslash outside quotes keeps the next character.
     * Nothing is expanded and nothing is run by a shell: {@code a && b} is three words.
     *
     * @throws IllegalArgumentException for a quote that is never closed
     */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("a ' is never closed in: " + line);
                }
                word.append(line, i + 1, end);
                i = end;
                inWord = true;
            } else if (c == '"') {
                int j = i + 1;
                for (; j < line.length() && line.charAt(j) != '"'; j++) {
                    char d = line.charAt(j);
                    if (d == '\\' && j + 1 < line.length() && "\"\\$`".indexOf(line.charAt(j + 1)) >= 0) {
                        d = line.charAt(++j);
                    }
                    word.append(d);
                }
                if (j >= line.length()) {
                    throw new IllegalArgumentException("a \" is never closed in: " + line);
                }
                i = j;
                inWord = true;
            } else if (c == '\\' && i + 1 < line.length()) {
                word.append(line.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /**
     * A duration as compose writes it (Go's form): {@code 10s}, {@code 1m30s}, {@code 500ms}, {@code 1.5h}.
     *
     * @throws IllegalArgumentException for anything else, a bare number included
     */
    static Duration duration(String text) {
        String t = text.strip();
        if (t.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = DURATION_PART.matcher(t);
        int at = 0;
        BigDecimal nanos = BigDecimal.ZERO;
        while (at < t.length() && m.find(at) && m.start() == at) {
            BigDecimal n = new BigDecimal(m.group(1).startsWith(".") ? "0" + m.group(1) : m.group(1));
            long unit = switch (m.group(2)) {
                case "ns" -> 1L;
                case "us", "µs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            };
            nanos = nanos.add(n.multiply(BigDecimal.valueOf(unit)));
            at = m.end();
        }
        if (at != t.length() || t.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration such as 10s, 1m30s or 500ms");
        }
        if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("'" + text + "' is too long a duration");
        }
        return Duration.ofNanos(nanos.longValue());
    }

    /** The text of a scalar; empty for null or a missing value; the text of a mapping or list is empty too. */
    static Optional<String> text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode() || node.isContainerNode()) {
            return Optional.empty();
        }
        return Optional.of(node.asText());
    }

    /** Whether a value is set to something: not missing, null, false, "false", "no", "off", 0, "" or empty. */
    static boolean isSet(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return false;
        }
        if (node.isContainerNode()) {
            return !node.isEmpty();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        String t = node.asText().strip().toLowerCase(Locale.ROOT);
        return !(t.isEmpty() || t.equals("false") || t.equals("no") || t.equals("off") || t.equals("0"));
    }

    /** How a value looks in a message: its text, or its YAML-ish form for a mapping or list. */
    static String shown(JsonNode node) {
        String s = node == null ? "" : node.isContainerNode() ? node.toString() : node.asText();
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
