package dev.progy.spi.support.compose;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads one YAML file of a course (a compose file, a file it extends) into a tree, within limits a hostile file
 * cannot get past: at most {@value #MAX_BYTES} bytes, {@value #MAX_DEPTH} levels of nesting,
 * {@value #MAX_ALIASES} aliases and {@value #MAX_NODES} values once every alias is expanded — so a "billion
 * laughs" file of anchors that alias each other is refused before it grows, whatever it would expand to.
 *
 * <p>Anchors on mappings and lists, aliases to them and merge keys ({@code <<: *common}, the compose idiom for
 * shared settings) are expanded. Jackson's YAML parser does not report anchors on single values, so an alias to
 * one is an error saying so. Scalars keep their text as written ({@code 0755}, {@code 1.10}, {@code yes} stay
 * strings); {@code true}/{@code false} become booleans and {@code ~}/{@code null} nulls. Duplicate keys and
 * more than one document are errors.
 */
final class ComposeYaml {

    /** The largest file read: compose files are a few KiB. */
    static final int MAX_BYTES = 256 * 1024;
    /** The deepest nesting of mappings and lists. */
    static final int MAX_DEPTH = 40;
    /** The most aliases in one file. */
    static final int MAX_ALIASES = 200;
    /** The most values (mappings, lists, scalars) in one file with every alias expanded. */
    static final int MAX_NODES = 20_000;

    private static final YAMLFactory FACTORY = YAMLFactory.builder()
            .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Why a file was not read, with the line where it stopped when known. */
    static final class Unreadable extends Exception {
        final String location;

        Unreadable(String location, String message) {
            super(message, null, false, false);
            this.location = location;
        }
    }

    private final YAMLParser parser;
    private final Map<String, Anchored> anchors = new HashMap<>();
    private int nodes;
    private int aliases;

    private record Anchored(JsonNode node, int size) { }

    private ComposeYaml(YAMLParser parser) {
        this.parser = parser;
    }

    /** The document in {@code file}: a tree of mappings, lists and scalars. */
    static JsonNode read(Path file) throws Unreadable {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new Unreadable("", "cannot be read: " + e.getMessage());
        }
        if (bytes.length > MAX_BYTES) {
            throw new Unreadable("", "is larger than " + MAX_BYTES / 1024 + " KiB; a compose file is a few KiB");
        }
        try (YAMLParser parser = (YAMLParser) FACTORY.createParser(bytes)) {
            ComposeYaml reader = new ComposeYaml(parser);
            if (parser.nextToken() == null) {
                throw new Unreadable("", "is empty");
            }
            JsonNode root = reader.value(1);
            if (parser.nextToken() != null) {
                throw new Unreadable(reader.line(), "holds more than one YAML document; keep only one");
            }
            return root;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null || e.getLocation().getLineNr() < 1 ? ""
                    : "line " + e.getLocation().getLineNr();
            throw new Unreadable(where, "is not valid YAML: " + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new Unreadable("", "cannot be read: " + e.getMessage());
        } catch (RuntimeException e) {
            // SnakeYAML's own limits and errors surface unchecked
            throw new Unreadable("", "is not valid YAML: " + e.getMessage());
        }
    }

    /** The value starting at the current token. */
    private JsonNode value(int depth) throws IOException, Unreadable {
        if (depth > MAX_DEPTH) {
            throw new Unreadable(line(), "nests deeper than " + MAX_DEPTH + " levels");
        }
        JsonToken token = parser.currentToken();
        if (parser.isCurrentAlias()) {
            return alias(parser.getText());
        }
        String anchor = token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY
                ? (String) parser.getObjectId() : null;
        int before = nodes;
        count(1);
        JsonNode node = switch (token) {
            case START_OBJECT -> mapping(depth);
            case START_ARRAY -> list(depth);
            case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> NODES.textNode(parser.getText());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new Unreadable(line(), "holds a value Progy does not read (" + token + ")");
        };
        if (anchor != null) {
            anchors.put(anchor, new Anchored(node, nodes - before));
        }
        return node;
    }

    private ObjectNode mapping(int depth) throws IOException, Unreadable {
        ObjectNode mapping = NODES.objectNode();
        List<JsonNode> merged = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            String keyLine = line();
            parser.nextToken();
            JsonNode value = value(depth + 1);
            if (key.equals("<<")) {
                merged.add(value);
            } else if (mapping.has(key)) {
                throw new Unreadable(keyLine, "has the key '" + key + "' twice in one mapping; keep one");
            } else {
                mapping.set(key, value);
            }
        }
        if (token != JsonToken.END_OBJECT) {
            throw new Unreadable(line(), "has a mapping key that is not a plain value");
        }
        // merge keys: keys of the mapping itself win, then the first merged mapping that has the key
        for (JsonNode source : merged) {
            List<JsonNode> sources = new ArrayList<>();
            if (source.isArray()) {
                source.forEach(sources::add);
            } else {
                sources.add(source);
            }
            for (JsonNode s : sources) {
                if (!s.isObject()) {
                    throw new Unreadable(line(), "merges ('<<') something that is not a mapping");
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = s.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (!mapping.has(e.getKey())) {
                        mapping.set(e.getKey(), e.getValue());
                    }
                }
            }
        }
        return mapping;
    }

    private ArrayNode list(int depth) throws IOException, Unreadable {
        ArrayNode list = NODES.arrayNode();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() == null) {
                throw new Unreadable(line(), "ends inside a list");
            }
            list.add(value(depth + 1));
        }
        return list;
    }

    /** A copy of the anchored value: shared nodes would let a later change to one show in every place. */
    private JsonNode alias(String name) throws Unreadable {
        if (++aliases > MAX_ALIASES) {
            throw new Unreadable(line(), "uses more than " + MAX_ALIASES + " aliases");
        }
        Anchored anchored = anchors.get(name);
        if (anchored == null) {
            throw new Unreadable(line(), "uses the alias *" + name + ", which names no anchor on a mapping or"
                    + " list before it (anchors on single values are not supported: write the value out)");
        }
        count(anchored.size());
        return anchored.node().deepCopy();
    }

    private void count(int more) throws Unreadable {
        nodes += more;
        if (nodes > MAX_NODES) {
            throw new Unreadable(line(), "expands to more than " + MAX_NODES
                    + " values (anchors and aliases multiplying each other, a \"billion laughs\" file?)");
        }
    }

    private String line() {
        int line = parser.currentTokenLocation().getLineNr();
        return line < 1 ? "" : "line " + line;
    }
}
