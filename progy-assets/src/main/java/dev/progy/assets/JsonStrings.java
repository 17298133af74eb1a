package dev.progy.assets;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The string values of a JSON text with where each character of the value sits in the text, so that an edit
 * of the value can be made to the text itself (escapes included) and leave every other byte alone. Jackson
 * finds the strings and their paths; the literal's own characters are walked here.
 */
final class JsonStrings {

    private static final JsonFactory JSON = new JsonFactory();

    /**
     * One string value.
     *
     * @param path    its field path, e.g. {@code branding.coverImage} (array elements add nothing)
     * @param value   the decoded value
     * @param offsets for each character of the value (and one past the end), its index in the text
     */
    record Value(String path, String value, int[] offsets) { }

    private JsonStrings() { }

    /** Every string value of {@code text}; throws IOException when the text is not JSON. */
    static List<Value> of(String text) throws IOException {
        List<Value> out = new ArrayList<>();
        try (JsonParser p = JSON.createParser(text)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.VALUE_STRING) {
                    int quote = (int) p.currentTokenLocation().getCharOffset();
                    if (quote >= 0 && quote < text.length() && text.charAt(quote) == '"') {
                        out.add(decode(text, quote, path(p.getParsingContext())));
                    }
                }
            }
        }
        return out;
    }

    private static String path(JsonStreamContext ctx) {
        StringBuilder sb = new StringBuilder();
        for (JsonStreamContext c = ctx; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) {
                sb.insert(0, sb.length() == 0 ? c.getCurrentName() : c.getCurrentName() + ".");
            }
        }
        return sb.toString();
    }

    private static Value decode(String text, int quote, String path) {
        StringBuilder value = new StringBuilder();
        List<Integer> offsets = new ArrayList<>();
        int i = quote + 1;
        while (i < text.length() && text.charAt(i) != '"') {
            char c = text.charAt(i);
            if (c != '\\') {
                offsets.add(i);
                value.append(c);
                i++;
                continue;
            }
            char e = text.charAt(i + 1);
            offsets.add(i);
            if (e == 'u') {
                value.append((char) Integer.parseInt(text.substring(i + 2, i + 6), 16));
                i += 6;
            } else {
                value.append(switch (e) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    case 'b' -> '\b';
                    case 'f' -> '\f';
                    default -> e;
                });
                i += 2;
            }
        }
        offsets.add(i);
        return new Value(path, value.toString(), offsets.stream().mapToInt(Integer::intValue).toArray());
    }
}
