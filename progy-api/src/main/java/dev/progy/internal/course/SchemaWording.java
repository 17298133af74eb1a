package dev.progy.internal.course;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns the validator's generic messages ("does not have a value in the enumeration") into sentences a course
 * author can act on: which field, what was expected, what was found.
 */
final class SchemaWording {

    /**
     * One worded violation: a JSON pointer and a message; {@code unknownKey} for a field the format does not know,
     * which the original ignored and so is only a warning.
     */
    record Worded(String location, String message, boolean unknownKey) {
        Worded(String location, String message) {
            this(location, message, false);
        }
    }

    private SchemaWording() {
    }

    static List<Worded> word(List<Error> errors, JsonNode rawSchema) {
        List<Worded> out = new ArrayList<>();
        // "anyOf": [{"required":["name"]},{"required":["title"]}] fails as one missing field per branch;
        // the author needs one sentence naming the alternatives.
        Map<String, List<Error>> alternatives = new LinkedHashMap<>();
        for (Error e : errors) {
            String eval = e.getEvaluationPath().toString();
            int anyOf = eval.lastIndexOf("/anyOf/");
            if (anyOf >= 0 && "required".equals(e.getKeyword())) {
                alternatives.computeIfAbsent(pointer(e.getInstanceLocation()) + "|" + eval.substring(0, anyOf),
                        k -> new ArrayList<>()).add(e);
            } else {
                out.add(word(e, rawSchema));
            }
        }
        for (List<Error> group : alternatives.values()) {
            List<String> names = group.stream().map(e -> "`" + e.getProperty() + "`").distinct().toList();
            String where = pointer(group.get(0).getInstanceLocation());
            String message = names.size() == 1 ? names.get(0) + " is required"
                    : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1)
                    + " is required";
            out.add(new Worded(where + "/" + group.get(0).getProperty(), message));
        }
        return out;
    }

    private static Worded word(Error e, JsonNode rawSchema) {
        String at = pointer(e.getInstanceLocation());
        String field = field(e.getInstanceLocation());
        JsonNode found = e.getInstanceNode();
        JsonNode keywordNode = schemaAt(rawSchema, e.getSchemaLocation().getFragment());
        JsonNode owner = schemaAt(rawSchema, e.getSchemaLocation().getFragment().getParent());
        String keyword = e.getKeyword() == null ? "" : e.getKeyword();
        return switch (keyword) {
            case "required" -> new Worded(at + "/" + e.getProperty(), required(e, owner));
            case "additionalProperties" -> new Worded(at + "/" + e.getProperty(), unknownField(e.getProperty(), owner), true);
            case "type" -> new Worded(at, field + " must be " + typeName(keywordNode) + " (found " + describe(found) + ")");
            case "enum" -> new Worded(at, field + " must be one of " + list(keywordNode) + " (found " + describe(found) + ")");
            case "const" -> new Worded(at, field + " must be " + keywordNode + " (found " + describe(found) + ")");
            case "minItems" -> new Worded(at, field + " must list at least " + keywordNode.asInt() + " "
                    + (keywordNode.asInt() == 1 ? "entry" : "entries") + " (found " + found.size() + ")");
            case "minLength" -> new Worded(at, keywordNode.asInt() <= 1 ? field + " must not be empty"
                    : field + " must be at least " + keywordNode.asInt() + " characters long");
            case "minimum" -> new Worded(at, field + " must be at least " + keywordNode.asText() + " (found " + found + ")");
            case "maximum" -> new Worded(at, field + " must be at most " + keywordNode.asText() + " (found " + found + ")");
            case "exclusiveMinimum" -> new Worded(at, field + " must be more than " + keywordNode.asText()
                    + " (found " + found + ")");
            case "exclusiveMaximum" -> new Worded(at, field + " must be less than " + keywordNode.asText()
                    + " (found " + found + ")");
            case "pattern" -> new Worded(at, field + " must be " + expected(owner, "text matching " + keywordNode.asText())
                    + " (found " + describe(found) + ")");
            case "uniqueItems" -> new Worded(at, field + " must not list the same item twice");
            case "false" -> new Worded(at, field + " is not allowed here");
            default -> new Worded(at, field + " " + e.getMessage());
        };
    }

    private static String required(Error e, JsonNode owner) {
        String name = "`" + e.getProperty() + "` is required";
        JsonNode type = e.getInstanceNode() == null ? null : e.getInstanceNode().get("type");
        if (e.getEvaluationPath().toString().contains("/then/") && type != null && type.isTextual()) {
            return name + " when `type` is \"" + type.asText() + "\"";
        }
        JsonNode description = owner == null ? null : owner.path("properties").path(e.getProperty()).get("description");
        return description != null && description.isTextual() ? name + ": " + description.asText() : name;
    }

    private static String unknownField(String property, JsonNode owner) {
        List<String> known = new ArrayList<>();
        if (owner != null) {
            owner.path("properties").fieldNames().forEachRemaining(known::add);
        }
        String message = "unknown field `" + property + "`";
        String closest = Spelling.closest(property, known);
        if (closest != null) {
            return message + " (did you mean `" + closest + "`?)";
        }
        return known.isEmpty() ? message : message + "; expected one of " + String.join(", ", known);
    }

    private static String expected(JsonNode owner, String fallback) {
        JsonNode description = owner == null ? null : owner.get("description");
        return description != null && description.isTextual() ? description.asText() : fallback;
    }

    /** The JSON pointer of an instance location: {@code /runners/0/type}, or empty for the whole file. */
    static String pointer(NodePath path) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            sb.append('/').append(String.valueOf(path.getElement(i)).replace("~", "~0").replace("/", "~1"));
        }
        return sb.toString();
    }

    /** {@code `type`} for /runners/0/type, {@code `args[1]`} for /runners/0/args/1, "the file" for the root. */
    private static String field(NodePath path) {
        int n = path.getNameCount();
        if (n == 0) {
            return "the file";
        }
        Object last = path.getElement(n - 1);
        if (last instanceof Integer index) {
            return n >= 2 ? "`" + path.getElement(n - 2) + "[" + index + "]`" : "entry " + index;
        }
        return "`" + last + "`";
    }

    private static JsonNode schemaAt(JsonNode raw, NodePath fragment) {
        if (fragment == null) {
            return null;
        }
        JsonNode node = raw;
        for (int i = 0; i < fragment.getNameCount() && node != null; i++) {
            Object element = fragment.getElement(i);
            node = element instanceof Integer index ? node.get(index) : node.get(String.valueOf(element));
        }
        return node;
    }

    private static String typeName(JsonNode type) {
        if (type == null) {
            return "of another type";
        }
        if (type.isArray()) {
            List<String> names = new ArrayList<>();
            type.forEach(t -> names.add(typeName(t)));
            return String.join(" or ", names);
        }
        return switch (type.asText()) {
            case "string" -> "text";
            case "integer" -> "a whole number";
            case "number" -> "a number";
            case "boolean" -> "true or false";
            case "array" -> "a list";
            case "object" -> "an object";
            case "null" -> "null";
            default -> type.asText();
        };
    }

    private static String list(JsonNode values) {
        List<String> out = new ArrayList<>();
        for (Iterator<JsonNode> it = values.elements(); it.hasNext(); ) {
            JsonNode v = it.next();
            out.add(v.isTextual() ? v.asText() : v.toString());
        }
        return out.stream().collect(Collectors.joining(", "));
    }

    /** A short description of a value as the author wrote it. */
    static String describe(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "nothing";
        }
        if (value.isTextual()) {
            return "\"" + shorten(value.asText()) + "\"";
        }
        if (value.isArray()) {
            return "a list";
        }
        if (value.isObject()) {
            return "an object";
        }
        return value.toString();
    }

    private static String shorten(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
