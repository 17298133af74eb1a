package dev.progy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code progy tutor} and the lesson offer after runs, against a scripted server that speaks the tutor contract. */
class TutorCommandTest {

    private static final String HELLO = "01_basics/01_hello";
    private static final String SECRET = "sk-live-4f9a8b7c6d5e4f3a2b1c0d9e";

    @TempDir
    Path tmp;
    private TutorOnLoopback server;
    private CliHarness cli;
    private Path ws;

    @BeforeEach
    void setUp() throws IOException {
        server = new TutorOnLoopback();
        cli = new CliHarness(tmp);
        assertThat(cli.run("init", CliHarness.example("python-original").toString(), "ws").code()).isZero();
        ws = tmp.resolve("ws");
        cli.env.put("PROGY_TUTOR_POLL", "0.01");
        cli.env.put("PROGY_TELEMETRY_BACKGROUND", "0");
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private void signIn() {
        server.signIn(cli);
    }

    private CliHarness.Result inWs(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--dir");
        all.add(ws.toString());
        return cli.run(all.toArray(String[]::new));
    }

    private Path helloFile() {
        return ws.resolve("content/01_basics/01_hello/exercise.py");
    }

    @Test
    @DisplayName("the same test failing three runs in a row brings one line offering progy tutor, not before")
    void offersALessonAfterThreeFailures() {
        CliHarness.Result first = inWs("run", HELLO);
        CliHarness.Result second = inWs("run", HELLO);
        CliHarness.Result third = inWs("run", HELLO);
        assertThat(first.out()).doesNotContain("progy tutor");
        assertThat(second.out()).doesNotContain("progy tutor");
        assertThat(third.out()).as(third.toString())
                .contains("failed 3 times in a row: `progy tutor " + HELLO + "` explains the idea behind it");
        assertThat(third.out().lines().filter(l -> l.contains("progy tutor")).count()).isEqualTo(1);
        assertThat(server.received).as("an offer sends nothing").isEmpty();
        assertThat(ws.resolve(".progy/tutor/history/01_basics--01_hello.json")).isRegularFile();
    }

    @Test
    @DisplayName("progy watch offers the lesson too, on its run that makes the third failure in a row")
    void watchOffersTheLessonToo() {
        inWs("run", HELLO);
        inWs("run", HELLO);
        CliHarness.Result watch = cli.runWithInput(new java.io.StringReader(""), "watch", HELLO, "--max-runs", "1",
                "--dir", ws.toString());
        assertThat(watch.out()).as(watch.toString()).contains("failed 3 times in a row: `progy tutor " + HELLO + "`");
    }

    @Test
    @DisplayName("tutor.after set with --after 2 offers the lesson after two failures")
    void theNumberOfFailuresIsASetting() {
        assertThat(inWs("tutor", "--after", "2").out()).contains("failed 2 times in a row");
        assertThat(inWs("run", HELLO).out()).doesNotContain("progy tutor");
        assertThat(inWs("run", HELLO).out()).contains("failed 2 times in a row");
    }

    @Test
    @DisplayName("the request carries only the exercise's own files, with a planted API key redacted, and the diffs")
    void theRequestHoldsOnlyTheExercisesFilesAndNoSecret() throws IOException {
        signIn();
        Files.writeString(ws.resolve("notes-outside.txt"), "NOT_THE_EXERCISE\n");
        Files.writeString(ws.resolve("content/01_basics/02_conditions/exercise.py"), "OTHER_EXERCISE = 1\n");
        String starter = Files.readString(helloFile());
        Files.writeString(helloFile(), "API_KEY = \"" + SECRET + "\"\n" + starter);
        inWs("run", HELLO);
        Files.writeString(helloFile(), Files.readString(helloFile()).replace("return \"\"", "print(name)"));
        inWs("run", HELLO);
        inWs("run", HELLO);

        CliHarness.Result r = inWs("tutor", HELLO);

        assertThat(r.code()).as(r.toString()).isZero();
        List<TutorOnLoopback.Received> posts = server.requests("POST", "/api/v1/tutor/lessons");
        assertThat(posts).hasSize(1);
        TutorOnLoopback.Received post = posts.get(0);
        assertThat(post.authorization()).isEqualTo("Bearer tok-ada");
        JsonNode body = post.json();
        List<String> paths = new ArrayList<>();
        body.path("files").forEach(f -> paths.add(f.path("path").asText()));
        assertThat(paths).containsExactly("exercise.py", "test_exercise.py");
        assertThat(post.body()).doesNotContain(SECRET, "NOT_THE_EXERCISE", "OTHER_EXERCISE")
                .contains("API_KEY = [redacted]");
        assertThat(body.path("exercise").asText()).isEqualTo(HELLO);
        assertThat(body.path("failures").asInt()).isEqualTo(3);
        assertThat(body.path("test").asText()).isNotBlank();
        assertThat(body.path("readme").asText()).contains("Hello");
        assertThat(body.path("hints")).hasSize(2);
        assertThat(body.path("attempts").toString()).contains("-    return \\\"\\\"", "+    print(name)");
        // the lesson is shown rendered, then kept to read again
        assertThat(r.out()).contains("Lesson", "Returning an empty text instead of building the greeting",
                "Returning a value", "printing is not returning", "progy tutor rate L42 <1-5>");
        assertThat(r.out()).doesNotContain("## ", "**returns**");
        CliHarness.Result past = inWs("tutor", "--past");
        assertThat(past.out()).contains("L42", HELLO);
        // a lesson received on another device comes from the server's list, and is kept here too
        assertThat(past.out()).contains("L7", "rated 3/5");
        assertThat(server.requests("GET", "/api/v1/tutor/lessons?course=python-original").get(0).path())
                .isEqualTo("/api/v1/tutor/lessons?course=python-original");
        assertThat(inWs("tutor", "--past", "L7").out()).contains("Read on another laptop.");
        assertThat(inWs("tutor", "--past", "L42").out()).contains("printing is not returning");
    }

    @Test
    @DisplayName("big files are cut at 32 KiB each and the whole request stays under 256 KiB")
    void theRequestIsCapped() throws IOException {
        signIn();
        for (int i = 0; i < 12; i++) {
            Files.writeString(ws.resolve("content/01_basics/01_hello/data" + i + ".txt"), "x".repeat(40_000));
        }
        inWs("run", HELLO);
        inWs("tutor", HELLO);
        TutorOnLoopback.Received post = server.requests("POST", "/api/v1/tutor/lessons").get(0);
        assertThat(post.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(256 * 1024);
        post.json().path("files").forEach(f -> assertThat(f.path("content").asText().length()).isLessThanOrEqualTo(32 * 1024));
        assertThat(post.json().path("files").get(0).path("path").asText()).isEqualTo("exercise.py");
    }

    @Test
    @DisplayName("out of quota (429 with resetsAt): one line says why and when it resets, then the course's hint")
    void outOfQuotaGivesTheReasonAndTheCoursesHint() {
        signIn();
        server.refuseWith = 429;
        server.refusalRetryAfter = "3600";
        server.refusalBody = "{\"error\":\"daily lessons used\",\"fix\":\"wait\",\"resetsAt\":\"2026-12-07T00:00:00Z\","
                + "\"limit\":\"lessons\"}";
        inWs("run", HELLO);

        CliHarness.Result r = inWs("tutor", HELLO);

        assertThat(r.code()).as(r.toString()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).startsWith("No lesson: you have used all of today's tutor lessons on your plan.")
                .contains("resets at 2026-12-07 00:00 UTC", "progy ai usage");
        assertThat(r.out()).contains("Hint 1 of 2", "An f-string puts values into text");
        assertThat(r.err()).doesNotContain("Exception");
    }

    @Test
    @DisplayName("signed out: no request leaves, the line says to sign in, and the course's hint follows")
    void signedOutGivesTheCoursesHint() {
        inWs("run", HELLO);
        CliHarness.Result r = inWs("tutor", HELLO);
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("No lesson: you are not signed in to a Progy server. Sign in with `progy login")
                .contains("Hint 1 of 2");
        assertThat(server.received).isEmpty();
    }

    @Test
    @DisplayName("offline: the line says the server could not be reached, and the course's hint follows")
    void offlineGivesTheCoursesHint() {
        signIn();
        server.close();
        inWs("run", HELLO);
        CliHarness.Result r = inWs("tutor", HELLO);
        assertThat(r.out()).startsWith("No lesson: could not reach the Progy server at " + server.url())
                .contains("Hint 1 of 2");
    }

    @Test
    @DisplayName("with --auto on, the third failure fetches the lesson by itself")
    void autoFetchesTheLesson() {
        signIn();
        assertThat(inWs("tutor", "--auto", "on").out()).contains("fetch a lesson by themselves");
        inWs("run", HELLO);
        inWs("run", HELLO);
        CliHarness.Result third = inWs("run", HELLO);
        assertThat(third.out()).as(third.toString()).contains("asking the tutor for a lesson", "printing is not returning");
        assertThat(server.requests("POST", "/api/v1/tutor/lessons")).hasSize(1);
    }

    @Test
    @DisplayName("a lesson that gives the course's solution away is held back on this machine too")
    void aLeakyLessonIsNotShown() {
        signIn();
        server.lessonMarkdown = "Write this:\n\n```python\ndef greet(name):\n    return f\"Hello, {name}!\"\n```\n";
        inWs("run", HELLO);
        CliHarness.Result r = inWs("tutor", HELLO);
        assertThat(r.out()).as(r.toString()).contains("too close to the course's solution", "Hint 1 of 2")
                .doesNotContain("return f\"Hello, {name}!\"");
    }

    @Test
    @DisplayName("with telemetry turned on, a lesson shown and its rating are recorded as lesson_given and lesson_rated")
    void lessonsGoToTelemetryWhenConsented() {
        signIn();
        inWs("run", HELLO);
        inWs("tutor", HELLO);
        assertThat(inWs("telemetry", "show").out()).doesNotContain("lesson_given");
        inWs("telemetry", "on");
        inWs("tutor", HELLO);
        inWs("tutor", "rate", "L42", "5");
        String shown = inWs("telemetry", "show").out();
        assertThat(shown).contains("lesson_given", "lesson_rated", HELLO);
        assertThat(shown).doesNotContain("printing is not returning");
    }

    @Test
    @DisplayName("progy tutor rate sends the rating and keeps it with the lesson")
    void ratesALesson() {
        signIn();
        inWs("run", HELLO);
        inWs("tutor", HELLO);
        CliHarness.Result r = inWs("tutor", "rate", "L42", "4");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("rated 4 of 5");
        assertThat(server.requests("POST", "/api/v1/tutor/lessons/L42/rating").get(0).json().path("rating").asInt())
                .isEqualTo(4);
        assertThat(inWs("tutor", "--past").out()).contains("rated 4/5");
        assertThat(inWs("tutor", "rate", "L42", "9").err()).contains("from 1 to 5");
    }
}
