package dev.progy.sync.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a course asks its students for telemetry: {@code "telemetry": {"ask": true}} in its course.json. A course
 * can only ask; the student's answer decides, and without it nothing is recorded.
 */
public final class CourseRequest {

    private CourseRequest() { }

    /** True when the course.json in {@code courseRoot} asks; false when it does not, or cannot be read. */
    public static boolean asks(Path courseRoot) {
        try {
            JsonNode json = new ObjectMapper().readTree(Files.readString(courseRoot.resolve("course.json")));
            return json.path("telemetry").path("ask").asBoolean(false);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
