package dev.progy.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The tutor's lesson job: diagnosis, micro-lesson, leak guard, failures a student can act on")
class TutorLessonTest {

    static final String DIAGNOSIS = """
            Here is my analysis:
            {"misconception": "You believe the first matching condition is the most specific one.",
             "concept": "order of conditions", "lines": [{"file": "main.py", "line": 2}]}""";
    static final String LESSON = """
            # Order of conditions

            When several conditions can hold at once, check the most specific one first.

            ```python
            def size(n):
                if n > 100:
                    return "huge"
                if n > 10:
                    return "big"
                return "small"
            ```

            **Question:** what would `size(500)` return if the two checks were swapped?

            See *Checking several conditions* in the README.""";
    /** The exercise's own function written out in full: the solution. */
    static final String LEAKY = """
            # Order of conditions

            ```python
            def fizzbuzz(n):
                if n % 15 == 0:
                    return 'FizzBuzz'
                if n % 3 == 0:
                    return 'Fizz'
                if n % 5 == 0:
                    return 'Buzz'
                return str(n)
            ```""";

    @TempDir
    Path tmp;

    @Test
    @DisplayName("with the server's key, a student gets a lesson that names the misconception; tokens are counted")
    void lesson() throws Exception {
        try (ScriptedModel model = new ScriptedModel();
             ProgyServer server = TestServers.start(TestDatabases.sqlite(tmp), "ai-key", "sk-server-key-0000",
                     "ai-base-url", model.url())) {
            model.then(ScriptedModel.Answer.says(DIAGNOSIS)).then(ScriptedModel.Answer.says(LESSON));
            TutorCalls ada = TutorCalls.account(server, "ada");
            TutorCalls.Answer asked = ada.post("/api/v1/tutor/lessons", TutorCalls.lessonRequest("basics/fizzbuzz", 1));
            assertThat(asked.status()).isEqualTo(202);
            assertThat(asked.json().path("status").asText()).isEqualTo("queued");
            String id = asked.json().path("id").asText();
            assertThat(asked.json().path("poll").asText()).isEqualTo("/api/v1/tutor/lessons/" + id);

            JsonNode l = ada.finished(id);
            assertThat(l.path("status").asText()).isEqualTo("done");
            assertThat(l.path("source").asText()).isEqualTo("model");
            assertThat(l.path("lesson").asText()).startsWith("# Order of conditions");
            assertThat(l.path("misconception").path("summary").asText()).contains("most specific");
            assertThat(l.path("misconception").path("concept").asText()).isEqualTo("order of conditions");
            assertThat(l.path("misconception").path("lines").get(0).path("line").asInt()).isEqualTo(2);
            assertThat(l.path("exercise").asText()).isEqualTo("basics/fizzbuzz");
            assertThat(l.path("rating").isNull()).isTrue();
            assertThat(model.chats()).hasSize(2);
            assertThat(model.chats().get(0).authorization()).isEqualTo("Bearer sk-server-key-0000");
            assertThat(model.chats().get(0).body()).contains("def fizzbuzz(n):").contains("test_fizzbuzz_15");

            JsonNode usage = ada.get("/api/v1/ai/usage").json();
            assertThat(usage.path("plan").asText()).isEqualTo("free");
            assertThat(usage.path("lessons").path("used").asLong()).isEqualTo(1);
            assertThat(usage.path("lessons").path("limit").asLong()).isEqualTo(5);
            assertThat(usage.path("tokens").path("used").asLong()).isEqualTo(320);
            assertThat(usage.path("ownKey").asBoolean()).isFalse();

            assertThat(ada.post("/api/v1/tutor/lessons/" + id + "/rating", "{\"rating\": 4}").status()).isEqualTo(204);
            assertThat(ada.get("/api/v1/tutor/lessons/" + id).json().path("rating").asInt()).isEqualTo(4);
            assertThat(ada.post("/api/v1/tutor/lessons/" + id + "/rating", "{\"rating\": 9}").status()).isEqualTo(400);
            JsonNode list = ada.get("/api/v1/tutor/lessons?course=@school/python-basics&exercise=basics/fizzbuzz").json();
            assertThat(list.path("lessons")).hasSize(1);
            assertThat(list.path("lessons").get(0).path("id").asText()).isEqualTo(id);

            // the same body again within a minute is the same lesson, not a second one
            TutorCalls.Answer again = ada.post("/api/v1/tutor/lessons", TutorCalls.lessonRequest("basics/fizzbuzz", 1));
            assertThat(again.json().path("id").asText()).isEqualTo(id);
            assertThat(ada.get("/api/v1/ai/usage").json().path("lessons").path("used").asLong()).isEqualTo(1);

            TutorCalls bob = TutorCalls.account(server, "bob");
            assertThat(bob.get("/api/v1/tutor/lessons/" + id).status()).isEqualTo(404);
            assertThat(bob.post("/api/v1/tutor/lessons/" + id + "/rating", "{\"rating\": 1}").status()).isEqualTo(404);
            assertThat(bob.get("/api/v1/tutor/lessons").json().path("lessons")).isEmpty();
        }
    }

    @Test
    @DisplayName("an account's own Anthropic key is sent only to Anthropic's Messages API, as x-api-key")
    void anthropic() throws Exception {
        try (ScriptedModel model = new ScriptedModel();
             ProgyServer server = TestServers.start(TestDatabases.sqlite(tmp), "ai-own-key-urls", model.url())) {
            TutorCalls ada = TutorCalls.account(server, "ada");
            assertThat(ada.put("/api/v1/ai/key", "{\"provider\": \"anthropic\", \"key\": \"sk-ant-api03-abcdef\", "
                    + "\"baseUrl\": \"" + model.url() + "\"}").status()).isEqualTo(200);
            model.then(ScriptedModel.Answer.says(DIAGNOSIS)).then(ScriptedModel.Answer.says(LESSON));
            JsonNode l = ada.finished(ada.post("/api/v1/tutor/lessons", TutorCalls.lessonRequest("basics/fizzbuzz", 1))
                    .json().path("id").asText());
            assertThat(l.path("status").asText()).isEqualTo("done");
            assertThat(l.path("misconception").path("concept").asText()).isEqualTo("order of conditions");
            assertThat(model.chats()).hasSize(2).allSatisfy(r -> {
                assertThat(r.path()).isEqualTo("/v1/messages");
                assertThat(r.apiKey()).isEqualTo("sk-ant-api03-abcdef");
                assertThat(r.authorization()).isNull();
            });
            assertThat(ada.get("/api/v1/ai/usage").json().path("tokens").path("used").asLong()).isEqualTo(320);
        }
    }

    @Test
    @DisplayName("an unreadable diagnosis is asked for once more; a leaky lesson is rewritten, and if still leaky "
            + "replaced by the course's hint")
    void guard() throws Exception {
        try (ScriptedModel model = new ScriptedModel();
             ProgyServer server = TestServers.start(TestDatabases.sqlite(tmp), "ai-key", "sk-server-key-0000",
                     "ai-base-url", model.url())) {
            TutorCalls ada = TutorCalls.account(server, "ada");
            model.then(ScriptedModel.Answer.says("I think the student is confused about ordering."))
                    .then(ScriptedModel.Answer.says(DIAGNOSIS))
                    .then(ScriptedModel.Answer.says(LEAKY))
                    .then(ScriptedModel.Answer.says(LESSON));
            JsonNode rewritten = ada.finished(ada.post("/api/v1/tutor/lessons",
                    TutorCalls.lessonRequest("basics/fizzbuzz", 1)).json().path("id").asText());
            assertThat(rewritten.path("status").asText()).isEqualTo("done");
            assertThat(rewritten.path("source").asText()).isEqualTo("rewritten");
            assertThat(rewritten.path("misconception").path("summary").asText()).contains("most specific");
            assertThat(rewritten.path("lesson").asText()).doesNotContain("'FizzBuzz'");
            assertThat(model.chats()).hasSize(4);
            assertThat(model.chats().get(3).body()).contains("gives away too much");

            model.then(ScriptedModel.Answer.says(DIAGNOSIS)).then(ScriptedModel.Answer.says(LEAKY))
                    .then(ScriptedModel.Answer.says(LEAKY));
            JsonNode hinted = ada.finished(ada.post("/api/v1/tutor/lessons",
                    TutorCalls.lessonRequest("basics/fizzbuzz", 2)).json().path("id").asText());
            assertThat(hinted.path("source").asText()).isEqualTo("course-hint");
            assertThat(hinted.path("lesson").asText())
                    .isEqualTo("Which case must be checked first: multiples of 3, of 5, or of both?");
        }
    }

    @Test
    @DisplayName("a key the provider refuses ends the lesson failed, saying to set a new key, and the lesson is not counted")
    void providerFailures() throws Exception {
        try (ScriptedModel model = new ScriptedModel();
             ProgyServer server = TestServers.start(TestDatabases.sqlite(tmp), "ai-key", "sk-server-key-0000",
                     "ai-base-url", model.url(), "ai-own-key-urls", "http://127.0.0.1:9/v1")) {
            TutorCalls ada = TutorCalls.account(server, "ada");
            model.then(ScriptedModel.Answer.fails(401));
            JsonNode failed = ada.finished(ada.post("/api/v1/tutor/lessons",
                    TutorCalls.lessonRequest("basics/fizzbuzz", 1)).json().path("id").asText());
            assertThat(failed.path("status").asText()).isEqualTo("failed");
            assertThat(failed.path("error").asText()).contains("refused the key").contains("progy ai key set");
            assertThat(ada.get("/api/v1/ai/usage").json().path("lessons").path("used").asLong()).isZero();

            model.then(ScriptedModel.Answer.fails(429));
            JsonNode quota = ada.finished(ada.post("/api/v1/tutor/lessons",
                    TutorCalls.lessonRequest("basics/fizzbuzz", 2)).json().path("id").asText());
            assertThat(quota.path("error").asText()).contains("no quota or credit left");

            TutorCalls bob = TutorCalls.account(server, "bob");
            assertThat(bob.put("/api/v1/ai/key", "{\"provider\": \"openai\", \"key\": \"sk-bob-0123456789\", "
                    + "\"baseUrl\": \"http://127.0.0.1:9/v1\"}").status()).isEqualTo(200);
            JsonNode unreachable = bob.finished(bob.post("/api/v1/tutor/lessons",
                    TutorCalls.lessonRequest("basics/fizzbuzz", 3)).json().path("id").asText());
            assertThat(unreachable.path("status").asText()).isEqualTo("failed");
            assertThat(unreachable.path("error").asText()).contains("could not be reached");
        }
    }

    @Test
    @DisplayName("without a model for the account's plan, a lesson is refused 403 with what to do, and nothing is queued")
    void noModel() throws Exception {
        try (ProgyServer server = TestServers.start(TestDatabases.sqlite(tmp))) {
            TutorCalls ada = TutorCalls.account(server, "ada");
            TutorCalls.Answer refused = ada.post("/api/v1/tutor/lessons", TutorCalls.lessonRequest("basics/fizzbuzz", 1));
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.json().path("fix").asText()).contains("progy ai key set");
            assertThat(ada.get("/api/v1/tutor/lessons").json().path("lessons")).isEmpty();
            TutorCalls.Answer bad = ada.post("/api/v1/tutor/lessons", "{\"course\": \"x\"}");
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.json().path("message").asText()).isEqualTo("The lesson request has no exercise.");
        }
    }
}
