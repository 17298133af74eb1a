package dev.progy.spi.support.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Variables in a compose file ({@code ${DB_USER}}, {@code ${PORT:-5432}}, {@code $$} for a dollar), filled from
 * the course's own {@code .env} beside the compose file and nowhere else: docker compose reads the shell's
 * environment too, but on a student's machine that holds tokens and keys, and a course must not be able to ask
 * for them. A variable with no value there becomes its default, or empty (listed by {@link #unset()}), as
 * compose does; {@code ${NAME:?message}} makes it an error. Also reads {@code env_file}s, in the same format.
 */
final class ComposeVariables {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

    /** The variables of an env file, and the names it lists without a value (compose would take the host's). */
    record EnvFile(Map<String, String> values, List<String> withoutValue) { }

    private final Map<String, String> values;
    private final Set<String> unset = new TreeSet<>();

    ComposeVariables(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** Names used in the file that the course's {@code .env} does not set. */
    Set<String> unset() {
        return unset;
    }

    /**
     * A copy of {@code node} with every string value filled (keys stay as written).
     *
     * @throws IllegalArgumentException naming the value and why, for {@code ${NAME:?message}} with no value or a
     *                                  malformed {@code ${...}}
     */
    JsonNode fill(JsonNode node, String where) {
        if (node.isTextual()) {
            return JsonNodeFactory.instance.textNode(fill(node.asText(), where));
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            int i = 0;
            for (JsonNode item : node) {
                copy.add(fill(item, where + "[" + i++ + "]"));
            }
            return copy;
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                // extension fields (x-...) are only anchors' holders: never filled, so never an error
                copy.set(e.getKey(), e.getKey().startsWith("x-") ? e.getValue()
                        : fill(e.getValue(), where.isEmpty() ? e.getKey() : where + "." + e.getKey()));
            }
            return copy;
        }
        return node;
    }

    /** {@code text} with its variables filled. */
    String fill(String text, String where) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '$' || i + 1 == text.length()) {
                out.append(c);
                i++;
                continue;
            }
            char next = text.charAt(i + 1);
            if (next == '$') {
                out.append('$');
                i += 2;
            } else if (next == '{') {
                int end = closingBrace(text, i + 2);
                if (end < 0) {
                    throw new IllegalArgumentException(where + ": '" + text + "' opens ${ without closing it");
                }
                out.append(braced(text.substring(i + 2, end), where));
                i = end + 1;
            } else {
                Matcher m = NAME.matcher(text).region(i + 1, text.length());
                if (m.lookingAt()) {
                    out.append(lookup(m.group()));
                    i = m.end();
                } else {
                    out.append('$');
                    i++;
                }
            }
        }
        return out.toString();
    }

    private String braced(String inside, String where) {
        Matcher m = NAME.matcher(inside);
        if (!m.lookingAt()) {
            throw new IllegalArgumentException(where + ": '${" + inside + "}' does not start with a variable name");
        }
        String name = m.group();
        String rest = inside.substring(m.end());
        String value = values.get(name);
        if (rest.isEmpty()) {
            return lookup(name);
        }
        boolean colon = rest.startsWith(":");
        String op = rest.substring(colon ? 1 : 0, Math.min(rest.length(), colon ? 2 : 1));
        String word = rest.substring(colon ? 2 : 1);
        boolean missing = value == null || (colon && value.isEmpty());
        return switch (op) {
            case "-" -> missing ? fill(word, where) : value;
            case "+" -> missing ? "" : fill(word, where);
            case "?" -> {
                if (missing) {
                    throw new IllegalArgumentException(where + ": the variable " + name + " must be set ("
                            + (word.isEmpty() ? "no message" : fill(word, where)) + "); set it in the course's .env"
                            + " beside the compose file (your machine's environment is never read)");
                }
                yield value;
            }
            default -> throw new IllegalArgumentException(where + ": '${" + inside + "}' is not a form compose knows"
                    + " (${NAME}, ${NAME:-default}, ${NAME-default}, ${NAME:?message}, ${NAME:+other})");
        };
    }

    private String lookup(String name) {
        String value = values.get(name);
        if (value == null) {
            unset.add(name);
            return "";
        }
        return value;
    }

    private static int closingBrace(String text, int from) {
        int depth = 1;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{' && text.charAt(i - 1) == '$') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Reads an env file: {@code NAME=value} lines, {@code #} comments, blank lines, an optional {@code export}
     * prefix, values in single quotes (as written) or double quotes ({@code \n}, {@code \"}, {@code \\} escapes),
     * and unquoted values cut at {@code  #}.
     *
     * @throws IllegalArgumentException naming the line, for a line that is not {@code NAME=value} or {@code NAME}
     */
    static EnvFile readEnvFile(Path file) throws IOException {
        if (Files.size(file) > ComposeYaml.MAX_BYTES) {
            throw new IllegalArgumentException("is larger than " + ComposeYaml.MAX_BYTES / 1024 + " KiB");
        }
        Map<String, String> values = new LinkedHashMap<>();
        List<String> withoutValue = new ArrayList<>();
        int number = 0;
        for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            number++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).strip();
            }
            int eq = line.indexOf('=');
            String name = (eq < 0 ? line : line.substring(0, eq)).strip();
            if (!ENV_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("line " + number + " is not NAME=value");
            }
            if (eq < 0) {
                withoutValue.add(name);
                continue;
            }
            values.put(name, value(line.substring(eq + 1).strip()));
        }
        return new EnvFile(values, withoutValue);
    }

    private static String value(String v) {
        if (v.length() >= 2 && v.startsWith("'") && v.endsWith("'")) {
            return v.substring(1, v.length() - 1);
        }
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            StringBuilder out = new StringBuilder();
            String inner = v.substring(1, v.length() - 1);
            for (int i = 0; i < inner.length(); i++) {
                char c = inner.charAt(i);
                if (c == '\\' && i + 1 < inner.length()) {
                    char e = inner.charAt(++i);
                    out.append(switch (e) {
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        default -> e;
                    });
                } else {
                    out.append(c);
                }
            }
            return out.toString();
        }
        int comment = v.indexOf(" #");
        return (comment < 0 ? v : v.substring(0, comment)).strip();
    }
}
