package dev.progy.spi.support.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.progy.error.ProgyException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads and writes Jackson trees with the streaming parser and generator only. An {@code ObjectMapper} costs a
 * command tens of milliseconds to set up; Progy's own state files (progress, manifest, saved runs) are small
 * trees that need none of its machinery. Trees read here equal those an {@code ObjectMapper} reads.
 */
public final class JsonTrees {

    /** Duplicate keys keep the last value, as ObjectMapper and JavaScript's JSON.parse (the original's runners) do. */
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonTrees() { }

    /** A fresh, empty JSON object. */
    public static ObjectNode object() {
        return NODES.objectNode();
    }

    /** The pretty-printed text of a tree. */
    public static String print(JsonNode tree) {
        return new String(write(tree, true), java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * The tree of JSON text.
     *
     * @throws ProgyException when it is not valid JSON, saying where
     */
    public static JsonNode parse(String text) {
        try {
            return read(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ProgyException("not valid JSON: " + e.getOriginalMessage(), "check the file's syntax");
        } catch (IOException e) {
            throw new ProgyException("not valid JSON: " + e.getMessage(), "check the file's syntax");
        }
    }

    /** The tree of a JSON document; a syntax error or trailing content is an {@link IOException}. */
    public static JsonNode read(byte[] json) throws IOException {
        try (JsonParser p = FACTORY.createParser(json)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new JsonParseException(p, "no content: the file is empty");
            }
            JsonNode tree = value(p, first);
            if (p.nextToken() != null) {
                throw new JsonParseException(p, "unexpected content after the end of the document");
            }
            return tree;
        }
    }

    /** The tree of a JSON document held in a string. */
    public static JsonNode read(String json) throws IOException {
        return read(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A parser over {@code chars} from {@code offset}, for reading one value out of longer text. */
    public static JsonParser parser(char[] chars, int offset) throws IOException {
        return FACTORY.createParser(chars, offset, chars.length - offset);
    }

    /** The next value of {@code p}, leaving whatever follows it unread; null at the end of the input. */
    public static JsonNode readValue(JsonParser p) throws IOException {
        JsonToken first = p.nextToken();
        return first == null ? null : value(p, first);
    }

    private static JsonNode value(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT -> {
                ObjectNode o = NODES.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    o.set(name, value(p, p.nextToken()));
                }
                return o;
            }
            case START_ARRAY -> {
                ArrayNode a = NODES.arrayNode();
                JsonToken next;
                while ((next = p.nextToken()) != JsonToken.END_ARRAY) {
                    a.add(value(p, next));
                }
                return a;
            }
            case VALUE_STRING -> {
                return NODES.textNode(p.getText());
            }
            case VALUE_NUMBER_INT -> {
                return switch (p.getNumberType()) {
                    case INT -> NODES.numberNode(p.getIntValue());
                    case LONG -> NODES.numberNode(p.getLongValue());
                    default -> NODES.numberNode(p.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                return NODES.numberNode(p.getDoubleValue());
            }
            case VALUE_TRUE -> {
                return NODES.booleanNode(true);
            }
            case VALUE_FALSE -> {
                return NODES.booleanNode(false);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> throw new JsonParseException(p, "unexpected " + t);
        }
    }

    /**
     * What is wrong with a document {@link #read} refused, in plain words for a student (never the parser's own
     * message): "it is not valid JSON: it ends in the middle (line 3)".
     */
    public static String problem(IOException e) {
        if (!(e instanceof com.fasterxml.jackson.core.JsonProcessingException j)) {
            return "it could not be read";
        }
        String original = j.getOriginalMessage() == null ? "" : j.getOriginalMessage();
        var where = j.getLocation();
        String line = where == null || where.getLineNr() < 1 ? ""
                : " (line " + where.getLineNr() + (where.getColumnNr() > 0 ? ", column " + where.getColumnNr() : "") + ")";
        if (original.startsWith("no content")) {
            return "it is empty";
        }
        if (original.contains("end-of-input")) {
            return "it is not valid JSON: it ends in the middle" + line + ", as if a write was cut short";
        }
        if (original.startsWith("unexpected content after")) {
            return "it is not valid JSON: there is more text after its end" + line;
        }
        return "it is not valid JSON: something unexpected" + line;
    }

    /** The text of a tree, indented for people when {@code pretty}. */
    public static byte[] write(JsonNode tree, boolean pretty) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            if (pretty) {
                g.useDefaultPrettyPrinter();
            }
            write(g, tree);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    private static void write(JsonGenerator g, JsonNode n) throws IOException {
        switch (n.getNodeType()) {
            case OBJECT -> {
                g.writeStartObject();
                for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    g.writeFieldName(e.getKey());
                    write(g, e.getValue());
                }
                g.writeEndObject();
            }
            case ARRAY -> {
                g.writeStartArray();
                for (JsonNode item : n) {
                    write(g, item);
                }
                g.writeEndArray();
            }
            case STRING -> g.writeString(n.textValue());
            case NUMBER -> {
                if (n.isIntegralNumber()) {
                    if (n.canConvertToLong()) {
                        g.writeNumber(n.longValue());
                    } else {
                        g.writeNumber(new BigInteger(n.asText()));
                    }
                } else {
                    g.writeNumber(n.doubleValue());
                }
            }
            case BOOLEAN -> g.writeBoolean(n.booleanValue());
            default -> g.writeNull();
        }
    }
}
