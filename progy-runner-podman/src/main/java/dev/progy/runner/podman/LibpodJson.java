package dev.progy.runner.podman;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.progy.spi.support.json.JsonTrees;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;

/**
 * The libpod API's JSON, read and written without an {@code ObjectMapper}: its static set-up (a date format, and with
 * it the JDK's locale data for a calendar) was ≈ 17 % of a Podman {@code progy run}'s CPU. A tree's
 * {@code toString()} makes one too, so text is written here. Reading is as lenient as {@code ObjectMapper.readTree}:
 * no content is a missing node, text after the first value is ignored.
 */
final class LibpodJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private LibpodJson() { }

    static ObjectNode object() {
        return NODES.objectNode();
    }

    static ArrayNode strings(Collection<String> values) {
        ArrayNode a = NODES.arrayNode();
        values.forEach(a::add);
        return a;
    }

    static ObjectNode strings(Map<String, String> values) {
        ObjectNode o = NODES.objectNode();
        values.forEach(o::put);
        return o;
    }

    /** The compact text of {@code tree}. */
    static String text(JsonNode tree) {
        return new String(bytes(tree), StandardCharsets.UTF_8);
    }

    static byte[] bytes(JsonNode tree) {
        return JsonTrees.write(tree, false);
    }

    static JsonNode read(InputStream in) throws IOException {
        return read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }

    static JsonNode read(String text) throws IOException {
        char[] chars = text.toCharArray();
        try (JsonParser p = JsonTrees.parser(chars, 0)) {
            JsonNode tree = JsonTrees.readValue(p);
            return tree == null ? MissingNode.getInstance() : tree;
        }
    }
}
