package dev.progy.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code progy ui}'s tutor on the exercise page, against the scripted tutor server: the offer after failures in a row,
 * Ask the tutor giving the lesson (its HTML shown as text), rating it, past lessons, and when no lesson can come the
 * line {@code progy tutor} says and the course's hint.
 */
class UiTutorTest {
    private static final String HELLO = "01_basics/01_hello";
    private static final String PAGE = "/exercise?id=" + HELLO;
    private static final Map<String, String> OWN = Map.of();

    @TempDir
    Path tmp;
    private TutorOnLoopback server;
    private CliHarness cli;

    @BeforeEach
    void setUp() throws IOException {
        server = new TutorOnLoopback();
        cli = new CliHarness(tmp);
        assertThat(cli.run("init", CliHarness.example("python-original").toString(), "ws").code()).isZero();
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

    private static void runThrice(UiSession ui) {
        for (int i = 0; i < 3; i++) {
            UiSession.Response r = ui.post("/run?id=" + HELLO, "", OWN);
            assertThat(r.status()).as(r.body()).isEqualTo(303);
        }
    }

    @Test
    @DisplayName("after three failing runs the page offers the tutor as progy run does; Ask the tutor shows the lesson, "
            + "its raw HTML as text; it can be rated; past lessons list the server's too")
    void askTheTutor() {
        signIn();
        server.lessonMarkdown = "## Returning a value\n\nA function **returns** its answer.\n\n"
                + "<script>alert('owned')</script>\n\n<img src=x onerror=alert(1)>\n";
        try (UiSession ui = new UiSession(cli, "-C", "ws")) {
            ui.signIn();
            assertThat(ui.get(PAGE).body()).contains("id=\"ask-tutor\"").doesNotContain("times in a row");
            runThrice(ui);
            String offered = ui.get(PAGE).body();
            assertThat(offered).contains("failed 3 times in a row: `progy tutor " + HELLO + "` explains the idea behind it");
            assertThat(server.received).as("an offer sends nothing").isEmpty();

            UiSession.Response asked = ui.post("/tutor?id=" + HELLO, "", OWN);
            assertThat(asked.status()).as(asked.body()).isEqualTo(303);
            assertThat(server.requests("POST", "/api/v1/tutor/lessons")).hasSize(1);
            String page = ui.get(PAGE).body();
            assertThat(page).contains("🎓 Lesson", "<h2>Returning a value</h2>", "<strong>returns</strong>",
                    "What seems to be going on:</strong> Returning an empty text instead of building the greeting",
                    "name=\"stars\" value=\"5\"");
            assertThat(page).doesNotContain("<script>alert", "<img src=x").contains("&lt;script&gt;alert(");
            assertThat(tmp.resolve("ws/.progy")).isDirectory();

            UiSession.Response rated = ui.post("/rate?id=" + HELLO, "lesson=L42&stars=4", OWN);
            assertThat(rated.status()).isEqualTo(303);
            assertThat(rated.header("location")).contains("Thank+you%3A+lesson+L42+rated+4+of+5.")
                    .as("the notice is the line progy tutor rate prints");
            assertThat(server.requests("POST", "/api/v1/tutor/lessons/L42/rating")).hasSize(1);
            assertThat(ui.get(PAGE).body()).contains("You rated it 4 of 5.");

            String past = ui.get("/lessons?id=" + HELLO).body();
            assertThat(past).contains("Read on another laptop.", "Returning a value", "You rated it 3 of 5.");
        }
    }

    @Test
    @DisplayName("out of quota (429): the page says the line progy tutor says, and the course's next hint joins the hints")
    void outOfQuotaGivesTheReasonAndTheHint() {
        signIn();
        server.refuseWith = 429;
        server.refusalRetryAfter = "3600";
        server.refusalBody = "{\"error\":\"daily lessons used\",\"fix\":\"wait\",\"resetsAt\":\"2026-12-07T00:00:00Z\","
                + "\"limit\":\"lessons\"}";
        assertThat(cli.run("run", HELLO, "--dir", tmp.resolve("ws").toString()).code()).isNotZero();
        CliHarness.Result cliSays = cli.run("tutor", HELLO, "--dir", tmp.resolve("ws").toString());
        String line = cliSays.out().lines().findFirst().orElseThrow();
        assertThat(line).startsWith("No lesson: you have used all of today");
        try (UiSession ui = new UiSession(cli, "-C", "ws")) {
            ui.signIn();
            ui.post("/run?id=" + HELLO, "", OWN);
            assertThat(ui.post("/tutor?id=" + HELLO, "", OWN).status()).isEqualTo(303);
            String page = ui.get(PAGE).body();
            assertThat(page).contains("id=\"tutor-reason\">" + line.replace("&", "&amp;").replace("<", "&lt;")
                    .replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;"));
            assertThat(page).contains("resets at 2026-12-07 00:00 UTC", "progy ai usage");
            // the CLI took hint 1; the page's ask took the next one, as a second progy tutor would
            assertThat(page).contains("Hint 2 of 2");
        }
    }

    @Test
    @DisplayName("signed out: no request leaves, the page says to sign in, and the course's hint comes")
    void signedOut() {
        try (UiSession ui = new UiSession(cli, "-C", "ws")) {
            ui.signIn();
            ui.post("/run?id=" + HELLO, "", OWN);
            ui.post("/tutor?id=" + HELLO, "", OWN);
            String page = ui.get(PAGE).body();
            assertThat(page).contains("No lesson: you are not signed in to a Progy server. Sign in with", "Hint 1 of 2",
                    "An f-string puts values into text");
            assertThat(server.received).isEmpty();
        }
    }

    @Test
    @DisplayName("Ask the tutor and rating from another site's page are refused, and nothing is sent")
    void foreignPostsAreRefused() {
        signIn();
        try (UiSession ui = new UiSession(cli, "-C", "ws")) {
            ui.signIn();
            ui.post("/run?id=" + HELLO, "", OWN);
            assertThat(ui.post("/tutor?id=" + HELLO, "", Map.of("Origin", "http://evil.example")).status()).isEqualTo(403);
            assertThat(ui.post("/rate?id=" + HELLO, "lesson=L42&stars=1", Map.of("Sec-Fetch-Site", "cross-site"))
                    .status()).isEqualTo(403);
            assertThat(server.received).isEmpty();
        }
    }
}
