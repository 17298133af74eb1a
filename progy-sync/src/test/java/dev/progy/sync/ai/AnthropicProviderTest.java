package dev.progy.sync.ai;

import dev.progy.error.AiProviderException;
import dev.progy.spi.AiProvider;
import dev.progy.spi.AiProviderProvider;
import dev.progy.spi.HintRequest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Anthropic provider (scripted server on loopback)")
class AnthropicProviderTest extends ModelProviderBehaviour {

    @Override
    AiProviderProvider factory() {
        return new AnthropicProviderProvider();
    }

    @Override
    String basePath() {
        return "/v1";
    }

    @Override
    String endpoint() {
        return "/messages";
    }

    @Override
    String answer(String text) {
        return AnthropicWire.message(text);
    }

    @Override
    List<String> stream(List<String> pieces) {
        return AnthropicWire.stream(pieces);
    }

    @Override
    String badKey() {
        return AnthropicWire.error("authentication_error", "invalid x-api-key");
    }

    @Override
    ScriptedModelServer.Answer quotaExhausted() {
        return ScriptedModelServer.Answer.json(400, AnthropicWire.error("invalid_request_error",
                "Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade "
                        + "or purchase credits."));
    }

    @Override
    String modelNotFound() {
        return AnthropicWire.error("not_found_error", "model: test-model");
    }

    @Override
    String rateLimited() {
        return AnthropicWire.error("rate_limit_error", "Number of request tokens has exceeded your per-minute rate "
                + "limit (https://docs.anthropic.com/en/api/rate-limits); see the response headers for current usage.");
    }

    @Override
    String serverError() {
        return AnthropicWire.error("api_error", "Internal server error");
    }

    @Override
    String sentKey(ScriptedModelServer.Received request) {
        return request.header("x-api-key");
    }

    @Override
    String userMessage(ScriptedModelServer.Received request) {
        return StreamSupport.stream(ScriptedJson.read(request.body()).path("messages").spliterator(), false)
                .filter(m -> m.path("role").asText().equals("user"))
                .map(m -> m.path("content").isTextual() ? m.path("content").asText()
                        : m.path("content").path(0).path("text").asText())
                .findFirst().orElse("");
    }

    @Test
    @DisplayName("every request names the API version Anthropic requires")
    void apiVersionHeader() {
        try (AiProvider ai = provider()) {
            ai.hint(new HintRequest(exercise(List.of()), 0, Optional.empty(), ""));
        }
        assertThat(server.received().get(0).header("anthropic-version")).isNotBlank();
    }

    @Test
    @DisplayName("Anthropic's 529 'overloaded' is retried like a 5xx")
    void overloadedIsRetried() {
        server.then(ScriptedModelServer.Answer.json(529, AnthropicWire.error("overloaded_error", "Overloaded")))
                .then(ScriptedModelServer.Answer.json(200, answer("After the storm.")));
        try (AiProvider ai = provider()) {
            assertThat(ai.hint(new HintRequest(exercise(List.of()), 0, Optional.empty(), "")).text())
                    .isEqualTo("After the storm.");
        }
    }

    @Test
    @DisplayName("an error event in the middle of a stream ends the hint with an error, not half a hint")
    void errorEventMidStream() {
        List<String> events = new ArrayList<>(AnthropicWire.stream(List.of("Look ")).subList(0, 4));
        events.add(AnthropicWire.event("error", "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
                + "\"message\":\"Overloaded\"}}"));
        server.then(ScriptedModelServer.Answer.events(events, 0));
        try (AiProvider ai = provider()) {
            assertThatThrownBy(() -> ai.hint(new HintRequest(exercise(List.of()), 0, Optional.empty(), ""), p -> { }))
                    .isInstanceOf(AiProviderException.class);
        }
    }
}
