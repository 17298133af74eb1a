package dev.progy.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Plans, daily quotas and the AI rate limit")
class TutorQuotaTest {

    @TempDir
    Path tmp;

    @Test
    @DisplayName("past the plan's lessons a day, a lesson is refused 429 with Retry-After and when it resets; "
            + "an admin's set-plan raises it")
    void dailyQuota() throws Exception {
        String database = TestDatabases.sqlite(tmp);
        try (ScriptedModel model = new ScriptedModel().byDefault(ScriptedModel.Answer.says("# A lesson"))) {
            try (ProgyServer server = TestServers.start(database, "ai-key", "sk-server-key-0000", "ai-base-url",
                    model.url(), "ai-plans", "free:lessons=2,tokens=unlimited;pro:lessons=3,tokens=unlimited",
                    "rate-ai", "1000/1m")) {
                TutorCalls ada = TutorCalls.account(server, "ada");
                assertThat(ada.post("/api/v1/tutor/lessons", TutorCalls.lessonRequest("basics/a", 1)).status())
                        .isEqualTo(202);
                assertThat(ada.post("/api/v1/tutor/lessons", TutorCalls.lessonRequest("basics/a", 2)).status())
                        .isEqualTo(202);
                TutorCalls.Answer refused = ada.post("/api/v1/tutor/lessons", TutorCalls.lessonRequest("basics/a", 3));
                assertThat(refused.status()).isEqualTo(429);
                JsonNode body = refused.json();
                assertThat(body.path("limit").asText()).isEqualTo("lessons");
                Instant midnight = LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
                assertThat(Instant.parse(body.path("resetsAt").asText())).isEqualTo(midnight);
                assertThat(Long.parseLong(refused.retryAfter().orElseThrow())).isPositive();
                assertThat(body.path("message").asText()).contains("2 tutor lessons a day");
                assertThat(body.path("fix").asText()).contains("hints go on");
                assertThat(ada.get("/api/v1/tutor/lessons").json().path("lessons")).hasSize(2);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            assertThat(Main.run(new String[] {"admin", "set-plan", "ada", "gold", "--db", database,
                    "--ai-plans", "free:lessons=2,tokens=unlimited;pro:lessons=3,tokens=unlimited"},
                    new PrintStream(out, true), new PrintStream(err, true), Map.of())).isEqualTo(5);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("There is no AI plan gold")
                    .contains("free, pro");
            assertThat(Main.run(new String[] {"admin", "set-plan", "ada", "pro", "--db", database,
                    "--ai-plans", "free:lessons=2,tokens=unlimited;pro:lessons=3,tokens=unlimited"},
                    new PrintStream(out, true), new PrintStream(err, true), Map.of())).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("ada now has the AI plan pro.");
            try (ProgyServer server = TestServers.start(database, "ai-key", "sk-server-key-0000", "ai-base-url",
                    model.url(), "ai-plans", "free:lessons=2,tokens=unlimited;pro:lessons=3,tokens=unlimited",
                    "rate-ai", "1000/1m")) {
                TutorCalls ada = new TutorCalls(TestServers.url(server), server.accounts().createToken("ada",
                        java.util.Set.of("ai"), java.util.Optional.empty(), "t"));
                JsonNode usage = ada.get("/api/v1/ai/usage").json();
                assertThat(usage.path("plan").asText()).isEqualTo("pro");
                assertThat(usage.path("lessons").path("limit").asLong()).isEqualTo(3);
                assertThat(usage.path("tokens").path("limit").isNull()).isTrue();
                assertThat(ada.post("/api/v1/tutor/lessons", TutorCalls.lessonRequest("basics/a", 4)).status())
                        .isEqualTo(202);
                assertThat(ada.post("/api/v1/tutor/lessons", TutorCalls.lessonRequest("basics/a", 5)).status())
                        .isEqualTo(429);
            }
        }
    }

    @Test
    @DisplayName("used-up tokens refuse the next lesson with limit tokens")
    void tokens() throws Exception {
        try (ScriptedModel model = new ScriptedModel().byDefault(ScriptedModel.Answer.says("# A lesson"));
             ProgyServer server = TestServers.start(TestDatabases.sqlite(tmp), "ai-key", "sk-server-key-0000",
                     "ai-base-url", model.url(), "ai-plans", "free:lessons=100,tokens=300", "rate-ai", "1000/1m")) {
            TutorCalls ada = TutorCalls.account(server, "ada");
            JsonNode first = ada.finished(ada.post("/api/v1/tutor/lessons", TutorCalls.lessonRequest("basics/a", 1))
                    .json().path("id").asText());
            assertThat(first.path("status").asText()).isEqualTo("done");
            TutorCalls.Answer refused = ada.post("/api/v1/tutor/lessons", TutorCalls.lessonRequest("basics/a", 2));
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.json().path("limit").asText()).isEqualTo("tokens");
        }
    }

    @Test
    @DisplayName("past rate-ai an account is refused 429 with limit rate, before its quota is touched")
    void rate() throws Exception {
        try (ScriptedModel model = new ScriptedModel().byDefault(ScriptedModel.Answer.says("# A lesson"));
             ProgyServer server = TestServers.start(TestDatabases.sqlite(tmp), "ai-key", "sk-server-key-0000",
                     "ai-base-url", model.url(), "rate-ai", "2/1m")) {
            TutorCalls ada = TutorCalls.account(server, "ada");
            assertThat(ada.post("/api/v1/tutor/lessons", TutorCalls.lessonRequest("basics/a", 1)).status()).isEqualTo(202);
            assertThat(ada.post("/api/v1/tutor/lessons", TutorCalls.lessonRequest("basics/a", 2)).status()).isEqualTo(202);
            TutorCalls.Answer refused = ada.post("/api/v1/tutor/lessons", TutorCalls.lessonRequest("basics/a", 3));
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.json().path("limit").asText()).isEqualTo("rate");
            assertThat(Long.parseLong(refused.retryAfter().orElseThrow())).isBetween(1L, 60L);
            assertThat(ada.get("/api/v1/ai/usage").json().path("lessons").path("used").asLong()).isEqualTo(2);
            // another account has its own bucket
            TutorCalls bob = TutorCalls.account(server, "bob");
            assertThat(bob.post("/api/v1/tutor/lessons", TutorCalls.lessonRequest("basics/a", 1)).status()).isEqualTo(202);
        }
    }
}
