package dev.progy.sync.ai;

import dev.progy.error.AiProviderException;
import dev.progy.spi.AiProvider;
import dev.progy.spi.AiProviderProvider;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("OpenAI-compatible provider (scripted server on loopback)")
class OpenAiProviderTest extends ModelProviderBehaviour {

    @Override
    AiProviderProvider factory() {
        return new OpenAiProviderProvider();
    }

    @Override
    String basePath() {
        return "/v1";
    }

    @Override
    String endpoint() {
        return "/chat/completions";
    }

    @Override
    String answer(String text) {
        return OpenAiWire.completion(text);
    }

    @Override
    List<String> stream(List<String> pieces) {
        return OpenAiWire.stream(pieces);
    }

    @Override
    String badKey() {
        return OpenAiWire.error("Incorrect API key provided: sk-test-***mnop. You can find your API key at "
                + "https://platform.openai.com/account/api-keys.", "invalid_request_error", "invalid_api_key");
    }

    @Override
    ScriptedModelServer.Answer quotaExhausted() {
        return ScriptedModelServer.Answer.json(429, OpenAiWire.error("You exceeded your current quota, please check "
                + "your plan and billing details.", "insufficient_quota", "insufficient_quota"));
    }

    @Override
    String modelNotFound() {
        return OpenAiWire.error("The model `test-model` does not exist or you do not have access to it.",
                "invalid_request_error", "model_not_found");
    }

    @Override
    String rateLimited() {
        return OpenAiWire.error("Rate limit reached for gpt-4o-mini on requests per min (RPM): Limit 3, Used 3, "
                + "Requested 1. Please try again in 1s.", "requests", "rate_limit_exceeded");
    }

    @Override
    String serverError() {
        return OpenAiWire.error("The server had an error while processing your request. Sorry about that!",
                "server_error", null);
    }

    @Override
    String sentKey(ScriptedModelServer.Received request) {
        String auth = request.header("Authorization");
        return auth == null ? null : auth.replaceFirst("^Bearer ", "");
    }

    @Override
    String userMessage(ScriptedModelServer.Received request) {
        return StreamSupport.stream(ScriptedJson.read(request.body()).path("messages").spliterator(), false)
                .filter(m -> m.path("role").asText().equals("user")).map(m -> m.path("content").asText())
                .findFirst().orElse("");
    }

    @Test
    @DisplayName("a local server without a key (Ollama) is usable and answers")
    void localServerWithoutKey() {
        Map<String, String> s = settings();
        s.remove("progy.ai.openai.key");
        assertThat(factory().availability(dev.progy.spi.ProviderConfig.of(s)).usable()).isTrue();
        try (AiProvider ai = factory().create(dev.progy.spi.ProviderConfig.of(s))) {
            assertThat(ai.hint(new dev.progy.spi.HintRequest(exercise(List.of()), 0, java.util.Optional.empty(), ""))
                    .text()).startsWith("Think about step 1");
        }
    }

    @Test
    @DisplayName("Ollama's answer for a model it has not pulled is an unknown model, with how to pull it")
    void ollamaModelNotPulled() {
        server.then(ScriptedModelServer.Answer.json(404, """
                {"error":{"message":"model \\"test-model\\" not found, try pulling it first","type":"api_error","param":null,"code":null}}"""));
        try (AiProvider ai = provider()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ai.hint(
                    new dev.progy.spi.HintRequest(exercise(List.of()), 0, java.util.Optional.empty(), "")))
                    .isInstanceOfSatisfying(AiProviderException.class, e -> {
                        assertThat(e.kind()).isEqualTo(AiProviderException.Kind.MODEL_UNKNOWN);
                        assertThat(e.fixHint()).contains("ollama pull");
                    });
        }
    }
}
