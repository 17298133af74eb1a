package dev.progy.server.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A body of named text parameters, as OAuth's endpoints take them: {@code application/x-www-form-urlencoded}
 * (RFC 6749, RFC 8628), or a flat JSON object of texts. A parameter given twice, text that is not valid UTF-8 or has
 * control characters, or a value longer than the route's {@link Limits#maxString} is refused with 400
 * {@code invalid_request}.
 */
final class FormBody {

    private FormBody() { }

    static Map<String, String> parse(byte[] body, String contentType, Limits limits) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (type.startsWith("application/json")) {
            JsonCheck.check(body, limits);
            return json(body);
        }
        if (!type.startsWith("application/x-www-form-urlencoded")) {
            throw new ApiException(415, "unsupported_media_type",
                    "Send the parameters as application/x-www-form-urlencoded (or a JSON object).");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw bad("The parameters are not valid UTF-8.");
        }
        Map<String, String> params = new LinkedHashMap<>();
        if (text.isEmpty()) {
            return params;
        }
        for (String pair : text.split("&", -1)) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = decode(eq < 0 ? "" : pair.substring(eq + 1));
            put(params, name, value, limits);
        }
        return params;
    }

    private static Map<String, String> json(byte[] body) {
        Map<String, String> params = new LinkedHashMap<>();
        try (JsonParser p = JsonFactory.builder().build().createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw bad("Send the parameters as one JSON object of texts.");
            }
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                if (p.nextToken() != JsonToken.VALUE_STRING) {
                    throw bad("The parameter " + name + " is not a text.");
                }
                if (params.putIfAbsent(name, p.getText()) != null) {
                    throw bad("The parameter " + name + " is given twice.");
                }
            }
        } catch (IOException e) {
            throw bad("The parameters are not a JSON object of texts.");
        }
        return params;
    }

    private static String decode(String s) {
        try {
            String d = URLDecoder.decode(s, StandardCharsets.UTF_8);
            if (d.indexOf('\uFFFD') >= 0) {
                throw bad("The parameters are not valid UTF-8.");
            }
            return d;
        } catch (IllegalArgumentException e) {
            throw bad("The parameters are not well-formed: a % is not followed by two hex digits.");
        }
    }

    private static void put(Map<String, String> params, String name, String value, Limits limits) {
        if (name.length() > 100 || value.length() > limits.maxString()) {
            throw bad("A parameter is longer than this route accepts (" + limits.maxString() + " characters).");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw bad("The parameter " + name + " has a control character.");
            }
        }
        if (params.putIfAbsent(name, value) != null) {
            throw bad("The parameter " + name + " is given twice.");
        }
    }

    private static ApiException bad(String message) {
        return new ApiException(400, "invalid_request", message);
    }
}
