package dev.progy.internal.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.progy.ProgyException;
import dev.progy.internal.io.AtomicFiles;
import dev.progy.internal.io.JsonTrees;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code .progy/workspace.json}: which course a workspace holds, where it came from, and the consents the
 * student gave (e.g. network access for a course that asks for it).
 */
public record WorkspaceManifest(String courseId, String courseVersion, String source, Instant initializedAt,
                                Optional<String> networkConsent, Optional<String> networkDeclined) {

    /** This manifest with the student's answer about network access: agreed at, or declined at, one of them. */
    public WorkspaceManifest withNetworkAnswer(Optional<String> consent, Optional<String> declined) {
        return new WorkspaceManifest(courseId, courseVersion, source, initializedAt, consent, declined);
    }

    /** This manifest for a (re)installed course, keeping the student's answer about network access. */
    public WorkspaceManifest reinstalled(String newCourseId, String newVersion, String newSource, Instant at) {
        return new WorkspaceManifest(newCourseId, newVersion, newSource, at, networkConsent, networkDeclined);
    }

    static final int FORMAT_VERSION = 1;

    /** Reads the manifest of a workspace. */
    public static WorkspaceManifest read(Path file) {
        try {
            JsonNode n = JsonTrees.read(Files.readAllBytes(file));
            if (n == null || !n.hasNonNull("courseId")) {
                throw new ProgyException(file + " does not name a course",
                        "run `progy init <course>` again in this folder; your files are kept");
            }
            return new WorkspaceManifest(n.path("courseId").asText(), n.path("courseVersion").asText("1.0.0"),
                    n.path("source").asText(""), Instant.parse(n.path("initializedAt").asText("1970-01-01T00:00:00Z")),
                    Optional.ofNullable(n.get("networkConsent")).map(JsonNode::asText),
                    Optional.ofNullable(n.get("networkDeclined")).map(JsonNode::asText));
        } catch (IOException | RuntimeException e) {
            if (e instanceof ProgyException pe) {
                throw pe;
            }
            throw new ProgyException(file + " is unreadable: " + e.getMessage(),
                    "run `progy init <course>` again in this folder; your files are kept", e);
        }
    }

    /** Writes it atomically. */
    public void write(Path file) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("formatVersion", FORMAT_VERSION);
        n.put("courseId", courseId);
        n.put("courseVersion", courseVersion);
        n.put("source", source);
        n.put("initializedAt", initializedAt.toString());
        networkConsent.ifPresent(c -> n.put("networkConsent", c));
        networkDeclined.ifPresent(c -> n.put("networkDeclined", c));
        try {
            AtomicFiles.write(file, JsonTrees.write(n, true));
        } catch (IOException e) {
            throw new ProgyException("could not write " + file + ": " + e.getMessage(),
                    "check that the folder is writable and the disk is not full", e);
        }
    }
}
