package dev.progy.internal.course;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The JSON Schemas of course.json and quiz.json (resources under {@code dev/progy/schema/}), compiled once on
 * first use, and the check that turns their violations into problems worded for a course author.
 */
enum CourseSchemas {
    COURSE("course.schema.json"),
    QUIZ("quiz.schema.json");

    private final String resource;

    CourseSchemas(String resource) {
        this.resource = resource;
    }

    /** Where the schema lives on the classpath. */
    String resourcePath() {
        return "/dev/progy/schema/" + resource;
    }

    /** Reports every violation of this schema by {@code document}, sorted by place in the file. */
    void check(JsonNode document, Path file, Problems problems) {
        Compiled compiled = Compiled.of(this);
        List<Error> errors = compiled.schema.validate(document);
        List<SchemaWording.Worded> worded = new ArrayList<>(SchemaWording.word(errors, compiled.raw));
        worded.sort(Comparator.comparing(SchemaWording.Worded::location));
        for (SchemaWording.Worded w : worded) {
            if (w.unknownKey()) {
                problems.warn(file, w.location(), w.message() + "; it is ignored");
            } else {
                problems.add(file, w.location(), w.message());
            }
        }
    }

    /** A compiled schema with its raw JSON, which the wording reads descriptions and field lists from. */
    private record Compiled(Schema schema, JsonNode raw) {

        static Compiled of(CourseSchemas kind) {
            return kind == COURSE ? Holder.COURSE : Holder.QUIZ;
        }
    }

    // Initialization-on-demand holder: compiling costs tens of milliseconds, paid once and only when a course
    // is actually read (class loading makes it thread-safe without locks).
    private static final class Holder {
        private static final ObjectMapper MAPPER = new ObjectMapper();
        private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
                SpecificationVersion.DRAFT_2020_12,
                b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().pathType(PathType.JSON_POINTER).build()));
        static final Compiled COURSE = compile(CourseSchemas.COURSE);
        static final Compiled QUIZ = compile(CourseSchemas.QUIZ);

        private static Compiled compile(CourseSchemas kind) {
            try (InputStream in = CourseSchemas.class.getResourceAsStream(kind.resourcePath())) {
                if (in == null) {
                    throw new IllegalStateException("schema resource missing from the jar: " + kind.resourcePath());
                }
                JsonNode raw = MAPPER.readTree(in);
                Schema schema = REGISTRY.getSchema(SchemaLocation.of(raw.get("$id").asText()), raw);
                schema.initializeValidators();
                return new Compiled(schema, raw);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + kind.resourcePath(), e);
            }
        }
    }
}
