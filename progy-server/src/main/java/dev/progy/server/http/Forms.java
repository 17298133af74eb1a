package dev.progy.server.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an HTML form body ({@code application/x-www-form-urlencoded}) strictly: text that is not valid UTF-8, a
 * broken {@code %} escape, a control character other than a line break or tab, a value past the route's
 * {@link Limits#maxString}, or more than {@value #MAX_FIELDS} fields is refused with 400, never stored changed.
 */
final class Forms {

    static final int MAX_FIELDS = 200;

    private Forms() { }

    static Map<String, List<String>> parse(byte[] body, Limits limits) {
        Map<String, List<String>> form = new LinkedHashMap<>();
        if (body.length == 0) {
            return form;
        }
        String ascii = new String(body, StandardCharsets.ISO_8859_1);
        String[] pairs = ascii.split("&", -1);
        if (pairs.length > MAX_FIELDS) {
            throw refused("it has more than " + MAX_FIELDS + " fields");
        }
        for (String pair : pairs) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), limits);
            String value = decode(eq < 0 ? "" : pair.substring(eq + 1), limits);
            form.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return form;
    }

    private static String decode(String s, Limits limits) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+') {
                out.write(' ');
            } else if (c == '%') {
                if (i + 2 >= s.length() || Character.digit(s.charAt(i + 1), 16) < 0
                        || Character.digit(s.charAt(i + 2), 16) < 0) {
                    throw refused("it has a broken % escape");
                }
                out.write(Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16));
                i += 2;
            } else {
                out.write(c);
            }
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(out.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw refused("it is not valid UTF-8");
        }
        if (text.length() > limits.maxString()) {
            throw refused("a field is longer than " + limits.maxString() + " characters");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7f) {
                throw refused("a field holds a control character");
            }
        }
        return text;
    }

    private static ApiException refused(String why) {
        return new ApiException(400, "bad_request", "The form could not be read: " + why + ". Send it from the page again.");
    }
}
