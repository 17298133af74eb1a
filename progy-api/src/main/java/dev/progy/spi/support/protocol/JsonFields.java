package dev.progy.spi.support.protocol;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/** Lenient reads of the fields runners report: a missing or mistyped optional field is simply absent. */
final class JsonFields {


    private JsonFields() { }

    /** A text field ({@code ""} when absent or null); numbers and booleans as their text. */
    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || !v.isValueNode() ? "" : v.asText();
    }

    /** A positive whole number (a line, a column), if present. */
    static OptionalInt positiveInt(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v != null && v.isNumber() && v.asDouble() >= 1 && v.asDouble() <= Integer.MAX_VALUE) {
            return OptionalInt.of(v.asInt());
        }
        return OptionalInt.empty();
    }

    /** A score 0–100, rounded, if present and in range. */
    static OptionalInt score(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v != null && v.isNumber() && v.asDouble() >= 0 && v.asDouble() <= 100) {
            return OptionalInt.of((int) Math.round(v.asDouble()));
        }
        return OptionalInt.empty();
    }

    /** A duration in milliseconds (a number), or a text such as {@code 12ms}, {@code 0.5s}, if present. */
    static Optional<Duration> duration(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        try {
            if (v.isNumber()) {
                return millis(v.asDouble());
            }
            if (v.isTextual()) {
                String s = v.asText().trim().toLowerCase(java.util.Locale.ROOT);
                if (s.endsWith("ms")) {
                    return millis(Double.parseDouble(s.substring(0, s.length() - 2).trim()));
                }
                if (s.endsWith("s")) {
                    return millis(Double.parseDouble(s.substring(0, s.length() - 1).trim()) * 1000);
                }
                return millis(Double.parseDouble(s));
            }
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static Optional<Duration> millis(double ms) {
        return ms >= 0 && ms < 1e12 ? Optional.of(Duration.ofNanos(Math.round(ms * 1_000_000))) : Optional.empty();
    }
}
