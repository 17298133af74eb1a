package dev.progy.guard.scripts;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The string values of a JSON or YAML document (course.json, package.json, a compose file) with their key paths
 * ({@code runners[0].args[1]}, {@code services.app.command}) and the lines they are written on, read with Jackson's
 * streaming parser so every value keeps its place in the file. A document that stops parsing yields what came before.
 */
final class DocumentScalars {

    /** One value: its key path, its text, the 1-based line it starts on. */
    record Scalar(String path, String text, int line) { }

    /** JSON as course tools write it: VS Code's files allow comments and trailing commas. */
    private static final JsonFactory JSON = JsonFactory.builder().enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA).build();
    private static final YAMLFactory YAML = new YAMLFactory();
    private static final int MAX_VALUES = 20_000;

    private final List<Scalar> scalars = new ArrayList<>();
    private final Map<String, Integer> keyLines = new HashMap<>();

    private DocumentScalars() { }

    static DocumentScalars json(String text) {
        return read(JSON, text);
    }

    static DocumentScalars yaml(String text) {
        return read(YAML, text);
    }

    /** Every string value (numbers and booleans as their text), in the order written. */
    List<Scalar> scalars() {
        return scalars;
    }

    /** The line of the key or list item at {@code path}, or of the nearest enclosing one ({@code services.app.volumes[0].source}). */
    Optional<Integer> lineOf(String path) {
        for (String p = path; !p.isEmpty(); p = parent(p)) {
            Integer line = keyLines.get(p);
            if (line != null) {
                return Optional.of(line);
            }
        }
        return Optional.empty();
    }

    /**
     * The line of the list item under {@code path} whose text {@code message} quotes (the refused
     * {@code seccomp:unconfined} of a {@code security_opt}), else that of {@link #lineOf(String) the key}.
     */
    Optional<Integer> lineOf(String path, String message) {
        for (Scalar s : scalars) {
            if (s.path().startsWith(path + "[") && s.text().length() >= 3 && message.contains(s.text())) {
                return Optional.of(s.line());
            }
        }
        if (!keyLines.containsKey(path)) {
            // a key merged in from an anchor (<<: *base) is written under the anchor, not the service
            String key = path.substring(Math.max(path.lastIndexOf('.'), 0));
            Optional<Integer> elsewhere = keyLines.entrySet().stream().filter(e -> e.getKey().endsWith(key)
                    && !e.getKey().startsWith("services.")).map(Map.Entry::getValue).min(Integer::compare);
            if (elsewhere.isPresent()) {
                return elsewhere;
            }
        }
        return lineOf(path);
    }

    private static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut <= 0 ? "" : path.substring(0, cut);
    }

    /** One open object or array, and where in it the parser is. */
    private static final class Frame {
        final boolean array;
        final String path;
        String field = "";
        int index;

        Frame(boolean array, String path) {
            this.array = array;
            this.path = path;
        }

        String child() {
            return array ? path + "[" + index + "]" : path.isEmpty() ? field : path + "." + field;
        }
    }

    private static DocumentScalars read(JsonFactory factory, String text) {
        DocumentScalars out = new DocumentScalars();
        Deque<Frame> open = new ArrayDeque<>();
        try (JsonParser p = factory.createParser(text)) {
            for (JsonToken t = p.nextToken(); t != null && out.scalars.size() < MAX_VALUES; t = p.nextToken()) {
                Frame top = open.peek();
                switch (t) {
                    case START_OBJECT, START_ARRAY -> {
                        String path = top == null ? "" : top.child();
                        if (top != null) {
                            out.keyLines.putIfAbsent(path, p.currentTokenLocation().getLineNr());
                        }
                        open.push(new Frame(t == JsonToken.START_ARRAY, path));
                    }
                    case END_OBJECT, END_ARRAY -> {
                        open.pop();
                        if (open.peek() != null && open.peek().array) {
                            open.peek().index++;
                        }
                    }
                    case FIELD_NAME -> {
                        if (top != null) {
                            top.field = p.currentName();
                            out.keyLines.putIfAbsent(top.child(), p.currentTokenLocation().getLineNr());
                        }
                    }
                    default -> {
                        if (top != null) {
                            int line = p.currentTokenLocation().getLineNr();
                            out.scalars.add(new Scalar(top.child(), p.getText(), line));
                            out.keyLines.putIfAbsent(top.child(), line);
                            if (top.array) {
                                top.index++;
                            }
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // a document that does not parse (validation reports it): what was read is checked
        }
        return out;
    }
}
