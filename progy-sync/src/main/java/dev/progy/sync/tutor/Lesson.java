package dev.progy.sync.tutor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.progy.spi.support.json.JsonTrees;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A tutor lesson as the server tells it ({@code GET /api/v1/tutor/lessons/{id}}).
 *
 * @param id            the lesson's id on the server
 * @param status        {@code queued}, {@code diagnosing}, {@code writing}, {@code done} or {@code failed}
 * @param course        the course it was asked for
 * @param exercise      the exercise, {@code <module>/<exercise>}
 * @param test          the failing test it is about
 * @param createdAt     when it was asked for, when known
 * @param misconception what the student misunderstood, in a sentence, when known
 * @param concept       the concept at stake, when known
 * @param markdown      the lesson, when done
 * @param source        {@code model}, {@code rewritten} or {@code course-hint}
 * @param rating        the student's rating, 1 to 5, when rated
 * @param error         when failed: what happened and what to do
 */
public record Lesson(String id, String status, String course, String exercise, String test,
                     Optional<Instant> createdAt, String misconception, String concept, String markdown,
                     String source, Optional<Integer> rating, String error) {

    /** Whether the lesson is written (or failed): nothing more will change but its rating. */
    public boolean finished() {
        return status.equals("done") || status.equals("failed");
    }

    /** Whether it is a written lesson to show. */
    public boolean done() {
        return status.equals("done") && !markdown.isBlank();
    }

    /** The lesson with its rating set. */
    public Lesson rated(int stars) {
        return new Lesson(id, status, course, exercise, test, createdAt, misconception, concept, markdown, source,
                Optional.of(stars), error);
    }

    /** The lesson read from the server's JSON. */
    public static Lesson of(JsonNode n) {
        Optional<Instant> created;
        try {
            created = n.path("createdAt").isTextual() ? Optional.of(Instant.parse(n.path("createdAt").asText()))
                    : Optional.empty();
        } catch (DateTimeParseException e) {
            created = Optional.empty();
        }
        JsonNode m = n.path("misconception");
        return new Lesson(n.path("id").asText(""), n.path("status").asText("queued"), n.path("course").asText(""),
                n.path("exercise").asText(""), n.path("test").asText(""), created, m.path("summary").asText(""),
                m.path("concept").asText(""), n.path("lesson").asText(""), n.path("source").asText(""),
                n.path("rating").isInt() ? Optional.of(n.path("rating").asInt()) : Optional.empty(),
                n.path("error").asText(""));
    }

    /** The lesson as the server's JSON, as it is kept in the workspace. */
    public ObjectNode json() {
        ObjectNode n = JsonTrees.object();
        n.put("id", id);
        n.put("status", status);
        n.put("course", course);
        n.put("exercise", exercise);
        n.put("test", test);
        createdAt.ifPresent(t -> n.put("createdAt", t.toString()));
        if (!misconception.isBlank() || !concept.isBlank()) {
            n.putObject("misconception").put("summary", misconception).put("concept", concept);
        }
        n.put("lesson", markdown);
        n.put("source", source);
        if (rating.isPresent()) {
            n.put("rating", rating.get());
        } else {
            n.putNull("rating");
        }
        if (!error.isBlank()) {
            n.put("error", error);
        }
        return n;
    }

    static Lesson parse(String text) {
        return of(JsonTrees.parse(text));
    }
}
