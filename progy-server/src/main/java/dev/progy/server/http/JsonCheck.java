package dev.progy.server.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

import java.io.IOException;

/**
 * The checks every JSON body passes before a route reads it: one value and nothing after it, nesting and text
 * lengths within the route's {@link Limits}, and texts that are valid Unicode without control characters. A lone
 * UTF-16 surrogate (such as U+D800) is refused here: databases store it as {@code ?}, so two different keys could
 * become one; a NUL is refused by PostgreSQL with its own error text.
 */
final class JsonCheck {

    private JsonCheck() { }

    static void check(byte[] body, Limits limits) {
        JsonFactory json = JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(limits.maxDepth() + 1)
                .maxStringLength(Math.max(limits.maxString() + 1, 1000))
                .maxNameLength(Math.max(limits.maxString() + 1, 1000))
                .maxNumberLength(40)
                .build()).build();
        int depth = 0;
        try (JsonParser p = json.createParser(body)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw bad("The request has no body; send a JSON object.");
            }
            do {
                switch (t) {
                    case START_OBJECT, START_ARRAY -> {
                        if (++depth > limits.maxDepth()) {
                            throw bad("The JSON body nests deeper than " + limits.maxDepth() + " levels.");
                        }
                    }
                    case END_OBJECT, END_ARRAY -> depth--;
                    case FIELD_NAME, VALUE_STRING -> text(p, limits.maxString());
                    default -> { }
                }
                if (depth == 0) {
                    break;
                }
                t = p.nextToken();
            } while (t != null);
            if (depth != 0) {
                throw bad("The JSON body ends before its value does.");
            }
            boolean more;
            try {
                more = p.nextToken() != null;
            } catch (JsonProcessingException e) {
                more = true;
            }
            if (more) {
                throw bad("The request has text after its JSON value; send one JSON value and nothing else.");
            }
        } catch (StreamConstraintsException e) {
            throw bad("The JSON body has a text, name or number longer than this address accepts.");
        } catch (JsonProcessingException e) {
            throw bad(e.getLocation() == null ? "The request body is not valid JSON."
                    : "The request body is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ").");
        } catch (IOException e) {
            throw bad("The request body could not be read as JSON.");
        }
    }

    private static void text(JsonParser p, int max) throws IOException {
        String s = p.getText();
        String what = p.currentToken() == JsonToken.FIELD_NAME ? "A field name" : "A text";
        if (s.length() > max) {
            throw bad(what + " in the body has " + s.length() + " characters; at most " + max + " are allowed.");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw bad(what + " in the body is not valid Unicode: it holds a lone surrogate (\\u"
                        + Integer.toHexString(c) + ").");
            } else if (c == 0) {
                throw bad(what + " in the body holds a NUL character (\\u0000).");
            }
        }
    }

    private static ApiException bad(String message) {
        return new ApiException(400, "bad_request", message);
    }
}
