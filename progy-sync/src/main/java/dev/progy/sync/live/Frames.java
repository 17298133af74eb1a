package dev.progy.sync.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Optional;

/** The live API's JSON frames: made, written and read. */
public final class Frames {
    static final ObjectMapper JSON = new ObjectMapper();

    private Frames() { }

    /** A frame of type {@code t} to fill in. */
    public static ObjectNode of(String t) {
        ObjectNode n = JSON.createObjectNode();
        n.put("t", t);
        return n;
    }

    /** The frame's text. */
    public static String write(JsonNode frame) {
        try {
            return JSON.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    /** The frame in {@code text}, or empty when it is not a JSON object. */
    public static Optional<JsonNode> read(String text) {
        try {
            JsonNode n = JSON.readTree(text);
            return n != null && n.isObject() ? Optional.of(n) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** A JSON string literal of {@code text}. */
    static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a string could not be written", e);
        }
    }
}
