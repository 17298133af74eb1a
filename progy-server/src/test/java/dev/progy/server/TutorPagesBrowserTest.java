package dev.progy.server;

import dev.progy.server.account.People;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The AI tutor's pages")
class TutorPagesBrowserTest {

    static final String PASSWORD = WebPagesBrowserTest.PASSWORD;

    @Test
    @DisplayName("/my/ai shows the plan, today's usage and the key's provider and last four characters, never the key; "
            + "a course's manager sees the lessons given per exercise with their average rating, linked from analytics")
    void pages(@TempDir Path tmp) throws Exception {
        String database = TestDatabases.sqlite(tmp);
        try (ScriptedModel model = new ScriptedModel().byDefault(ScriptedModel.Answer.says("# A lesson"));
             ProgyServer server = TestServers.start(database, "ai-own-key-urls", model.url())) {
            People.Person ada = server.people().signUp("ada", "ada@example.org", PASSWORD);
            server.people().signUp("bob", "bob@example.org", PASSWORD);
            TelemetryCohort.course(database, 1, "@school/python-basics", ada.account().id());
            TutorCalls calls = new TutorCalls(TestServers.url(server), server.accounts().createToken("ada",
                    Set.of("ai"), Optional.empty(), "t"));
            assertThat(calls.put("/api/v1/ai/key", "{\"provider\": \"openai\", \"key\": \"" + AiKeyTest.KEY
                    + "\", \"baseUrl\": \"" + model.url() + "\"}").status()).isEqualTo(200);
            String first = calls.post("/api/v1/tutor/lessons", TutorCalls.lessonRequest("basics/fizzbuzz", 1))
                    .json().path("id").asText();
            String second = calls.post("/api/v1/tutor/lessons", TutorCalls.lessonRequest("basics/fizzbuzz", 2))
                    .json().path("id").asText();
            calls.finished(first);
            calls.finished(second);
            calls.post("/api/v1/tutor/lessons/" + first + "/rating", "{\"rating\": 5}");
            calls.post("/api/v1/tutor/lessons/" + second + "/rating", "{\"rating\": 2}");

            try (Browser b = Browser.open(TestServers.url(server))) {
                WebPagesBrowserTest.signIn(b, "ada", PASSWORD);
                b.go("/my/ai");
                assertThat(b.text("#plan")).contains("free");
                assertThat(b.text("#lessons-used")).isEqualTo("2");
                assertThat(b.text("#lessons-limit")).isEqualTo("5");
                // two lessons, each: a diagnosis that is not JSON, asked again, then the lesson: 3 × 160 tokens
                assertThat(b.text("#tokens-used")).isEqualTo("960");
                assertThat(b.text("#key-status")).contains("openai").contains("WXYZ");
                assertThat(b.pageText()).doesNotContain(AiKeyTest.KEY).doesNotContain(AiKeyTest.KEY.substring(0, 10));
                b.assertAccessible();
                b.screenshot("my-ai");

                b.go("/courses/@school/python-basics/analytics");
                b.click("#lessons-link");
                assertThat(b.text("#lessons tbody")).isEqualTo("basics/fizzbuzz 2 2 3.5");
                b.assertAccessible();
                b.screenshot("course-lessons");
            }
            try (Browser b = Browser.open(TestServers.url(server))) {
                WebPagesBrowserTest.signIn(b, "bob", PASSWORD);
                b.go("/courses/@school/python-basics/lessons");
                assertThat(b.has("#lessons")).isFalse();
                b.go("/my/ai");
                assertThat(b.text("#key-status")).contains("No key is set");
            }
        }
    }
}
