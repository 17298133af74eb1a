package dev.progy.sync.ai;

import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.progy.error.ProgyException;
import dev.progy.spi.AiProvider;
import dev.progy.spi.AiProviderProvider;
import dev.progy.spi.Availability;
import dev.progy.spi.ProviderConfig;

import java.util.List;

/**
 * Hints from a model behind the OpenAI-compatible chat-completions API ({@code openai}): OpenAI, or a server a
 * school runs itself — Ollama ({@code http://localhost:11434/v1}), vLLM, llama.cpp's server, LM Studio. Usable once
 * {@code progy.ai.openai.url} or {@code progy.ai.openai.key} is set (see {@link AiModelConfig}); a key is optional.
 */
public final class OpenAiProviderProvider implements AiProviderProvider {

    @Override
    public String id() {
        return AiModelConfig.OPENAI;
    }

    /** Above the offline hints, so a configured model is used without naming it. */
    @Override
    public int priority() {
        return 20;
    }

    @Override
    public Availability availability(ProviderConfig config) {
        if (config.find("progy.ai.openai.url").isEmpty() && config.find("progy.ai.openai.key").isEmpty()) {
            return Availability.no("no OpenAI-compatible server is configured",
                    "set PROGY_AI_OPENAI_URL (a local Ollama: http://localhost:11434/v1) or PROGY_AI_OPENAI_KEY");
        }
        // settings with mistakes still count as a choice: create() reports them all, and the caller says so
        return Availability.yes();
    }

    @Override
    public AiProvider create(ProviderConfig config) {
        AiModelConfig c = AiModelConfig.openAi(config);
        check(c);
        ModelTransport transport = new ModelTransport(c);
        // a local server takes no key, but the client insists on one; it is sent only as the bearer header
        String key = c.apiKey().orElse("none");
        OpenAiChatModel chat = OpenAiChatModel.builder().baseUrl(c.baseUrl()).apiKey(key).modelName(c.model())
                .maxTokens(c.maxTokens()).timeout(c.timeout()).maxRetries(0)
                .httpClientBuilder(transport.builder()).build();
        OpenAiStreamingChatModel streaming = OpenAiStreamingChatModel.builder().baseUrl(c.baseUrl()).apiKey(key)
                .modelName(c.model()).maxTokens(c.maxTokens()).timeout(c.timeout())
                .httpClientBuilder(transport.builder()).build();
        return new ModelAiProvider(c, chat, streaming);
    }

    static void check(AiModelConfig c) {
        List<String> problems = c.problems();
        if (!problems.isEmpty()) {
            throw new ProgyException("the AI settings are not usable: " + String.join("; ", problems),
                    "correct the progy.ai settings (system properties or PROGY_AI_* environment variables)");
        }
    }
}
