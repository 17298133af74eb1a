package dev.progy.internal.course;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the JSON files of a course, turning syntax errors into problems with a line number. */
final class JsonFiles {

    // JSON.parse (what the original used) rejects trailing garbage; so do we.
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    // Jackson names where an unclosed list or object began as "[Source: ...; line: 2, column: 15]"
    private static final Pattern OPENED_AT = Pattern.compile(
            "\\(for (Array|Object) starting at \\[Source: .*?; line: (\\d+), column: (\\d+)]\\)");

    private JsonFiles() {
    }

    /** The parsed file, or empty after reporting why it could not be read. */
    static Optional<JsonNode> read(Path file, Problems problems) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            problems.add(file, "", "cannot be read: " + e.getMessage());
            return Optional.empty();
        }
        try {
            JsonNode node = MAPPER.readTree(bytes);
            if (node == null || node.isMissingNode()) {
                problems.add(file, "", "is empty: expected a JSON object");
                return Optional.empty();
            }
            return Optional.of(node);
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            String location = where == null || where.getLineNr() < 1 ? "" : "line " + where.getLineNr();
            String column = where == null || where.getColumnNr() < 1 ? "" : " at column " + where.getColumnNr();
            problems.add(file, location, "is not valid JSON" + column + ": " + firstLine(e.getOriginalMessage()));
            return Optional.empty();
        } catch (IOException e) {
            problems.add(file, "", "cannot be read: " + e.getMessage());
            return Optional.empty();
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "syntax error";
        }
        int nl = message.indexOf('\n');
        String line = nl < 0 ? message : message.substring(0, nl);
        Matcher m = OPENED_AT.matcher(line);
        return m.replaceAll(r -> "(the " + (r.group(1).equals("Array") ? "list" : "object") + " opened at line "
                + r.group(2) + ", column " + r.group(3) + ")");
    }
}
