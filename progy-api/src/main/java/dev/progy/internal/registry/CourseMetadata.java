package dev.progy.internal.registry;

import dev.progy.spi.support.version.SemanticVersion;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.progy.spi.support.IoFailures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.progy.error.ProgyException;

import java.io.IOException;

/**
 * What a registry needs from the course.json inside an archive: the name it is published under (its
 * {@code id}, else its {@code name}) and its version ({@code 1.0.0} when absent), both checked.
 */
public record CourseMetadata(String name, SemanticVersion version) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FIX = "set \"id\" in course.json to a registry name such as \"sql-basics\" or"
            + " \"@you/sql-basics\", and \"version\" to a semantic version such as \"1.0.0\"";

    public static CourseMetadata read(byte[] courseJson, String archive) {
        JsonNode root;
        try {
            root = JSON.readTree(courseJson);
        } catch (JsonProcessingException e) {
            throw new ProgyException("the course.json in " + archive + " is not valid JSON: " + e.getOriginalMessage(), FIX);
        } catch (IOException e) {
            throw new ProgyException("could not read the course.json in " + archive + ": " + IoFailures.describe(e), FIX);
        }
        if (root == null || !root.isObject()) {
            throw new ProgyException("the course.json in " + archive + " is not a JSON object", FIX);
        }
        String name = text(root, "id");
        if (name == null) {
            name = text(root, "name");
        }
        if (name == null) {
            throw new ProgyException("the course.json in " + archive + " has neither an id nor a name to publish it under", FIX);
        }
        String problem = CourseName.problem(name).orElse(null);
        if (problem != null) {
            throw new ProgyException("cannot publish " + archive + ": its course id '" + name + "' " + problem, FIX);
        }
        JsonNode given = root.get("version");
        String versionText = given == null ? "1.0.0" : given.isTextual() ? given.asText().trim() : given.toString();
        SemanticVersion version = SemanticVersion.parse(versionText).orElseThrow(() -> new ProgyException(
                "cannot publish " + archive + ": its version '" + versionText + "' is not a semantic version", FIX));
        return new CourseMetadata(name, version);
    }

    private static String text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        return node != null && node.isTextual() && !node.asText().isBlank() ? node.asText().trim() : null;
    }
}
