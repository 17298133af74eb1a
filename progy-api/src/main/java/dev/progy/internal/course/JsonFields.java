package dev.progy.internal.course;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads fields of a JSON object the schema has already checked. A field of the wrong type reads as absent, so a
 * course with problems can still be walked to the end and every problem reported.
 */
final class JsonFields {

    private JsonFields() {
    }

    static Optional<String> text(JsonNode object, String field) {
        JsonNode v = object == null ? null : object.get(field);
        return v != null && v.isTextual() ? Optional.of(v.asText()) : Optional.empty();
    }

    static String text(JsonNode object, String field, String fallback) {
        return text(object, field).filter(s -> !s.isBlank()).orElse(fallback);
    }

    static boolean bool(JsonNode object, String field, boolean fallback) {
        JsonNode v = object == null ? null : object.get(field);
        return v != null && v.isBoolean() ? v.asBoolean() : fallback;
    }

    static Optional<Boolean> bool(JsonNode object, String field) {
        JsonNode v = object == null ? null : object.get(field);
        return v != null && v.isBoolean() ? Optional.of(v.asBoolean()) : Optional.empty();
    }

    static double number(JsonNode object, String field, double fallback) {
        JsonNode v = object == null ? null : object.get(field);
        return v != null && v.isNumber() && v.asDouble() > 0 ? v.asDouble() : fallback;
    }

    static int integer(JsonNode object, String field, int fallback) {
        JsonNode v = object == null ? null : object.get(field);
        return v != null && v.isIntegralNumber() && v.canConvertToInt() ? v.asInt() : fallback;
    }

    /** The string items of an array field; non-strings are skipped. */
    static List<String> strings(JsonNode object, String field) {
        JsonNode v = object == null ? null : object.get(field);
        List<String> out = new ArrayList<>();
        if (v != null && v.isArray()) {
            v.forEach(item -> {
                if (item.isTextual()) {
                    out.add(item.asText());
                }
            });
        }
        return out;
    }

    /** The object items of an array field; anything else is skipped. */
    static List<JsonNode> objects(JsonNode object, String field) {
        JsonNode v = object == null ? null : object.get(field);
        List<JsonNode> out = new ArrayList<>();
        if (v != null && v.isArray()) {
            v.forEach(item -> {
                if (item.isObject()) {
                    out.add(item);
                }
            });
        }
        return out;
    }
}
