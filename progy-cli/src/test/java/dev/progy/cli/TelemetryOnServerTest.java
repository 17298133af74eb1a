package dev.progy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.progy.sync.hub.SyncHub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Telemetry from a student's workspace to a real Progy server: a course installed from the server's registry, the
 * student agrees, runs and asks for a hint, and the server stores what {@code progy telemetry show} printed.
 */
@DisplayName("Telemetry from the command line to a real server")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class TelemetryOnServerTest {

    @TempDir
    Path tmp;
    RegistryOnLoopback server;
    CliHarness author;
    CliHarness student;

    @BeforeEach
    void start() throws Exception {
        server = new RegistryOnLoopback(Files.createDirectories(tmp.resolve("server")));
        author = new CliHarness(Files.createDirectories(tmp.resolve("author")));
        server.signIn(author);
        student = new CliHarness(Files.createDirectories(tmp.resolve("student")));
        student.env.put("PROGY_REGISTRY_SERVER", server.url);
        student.env.put("PROGY_TELEMETRY_BACKGROUND", "0");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    @DisplayName("the events of a failing run and a hint reach the server as shown, once, and forget erases them")
    void eventsReachTheServer() throws Exception {
        Path course = author.cwd.resolve("course");
        PublishDryRunTest.sampleAs(course, "@tester/java-basics", "1.0.0");
        CliHarness.Result published = author.run("publish", course.toString(), "--no-color");
        assertThat(published.code()).as(published.toString()).isZero();
        CliHarness.Result init = student.run("init", "@tester/java-basics", "ws", "--no-color");
        assertThat(init.code()).as(init.toString()).isZero();
        String ws = student.cwd.resolve("ws").toString();

        assertThat(student.run("telemetry", "on", "--dir", ws).code()).isZero();
        assertThat(student.run("run", "01_basics/01_hello", "--dir", ws).code()).isNotZero(); // the starter fails
        student.run("hint", "01_basics/01_hello", "--dir", ws);
        String shown = student.run("telemetry", "show", "--dir", ws).out();
        JsonNode batch = CliJson.parse(shown);
        String installation = batch.path("installation").asText();
        assertThat(batch.path("events")).isNotEmpty();
        assertThat(shown).doesNotContain(tmp.toString()).doesNotContain("tester@example.org");

        CliHarness.Result sent = student.run("telemetry", "send", "--dir", ws);
        assertThat(sent.code()).as(sent.toString()).isZero();

        try (SyncHub hub = SyncHub.open("sqlite:" + server.dir.resolve("server.db"), 1, Clock.systemUTC())) {
            assertThat(hub.telemetry().events(installation)).isEqualTo(batch.path("events").size());
            // a second send has nothing new to send: nothing is stored twice
            student.run("telemetry", "send", "--dir", ws);
            assertThat(hub.telemetry().events(installation)).isEqualTo(batch.path("events").size());

            CliHarness.Result forget = student.run("telemetry", "forget", "--dir", ws);
            assertThat(forget.code()).as(forget.toString()).isZero();
            assertThat(hub.telemetry().events(installation)).isZero();
        }
    }
}
