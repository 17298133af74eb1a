package dev.progy.sync.ai;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.progy.spi.AiProvider;
import dev.progy.spi.AiProviderProvider;
import dev.progy.spi.Availability;
import dev.progy.spi.ProviderConfig;


/**
 * Hints from a model behind Anthropic's Messages API ({@code anthropic}). Usable once {@code progy.ai.anthropic.key}
 * is set (see {@link AiModelConfig}).
 */
public final class AnthropicProviderProvider implements AiProviderProvider {

    @Override
    public String id() {
        return AiModelConfig.ANTHROPIC;
    }

    /** Above the offline hints, so a configured model is used without naming it. */
    @Override
    public int priority() {
        return 20;
    }

    @Override
    public Availability availability(ProviderConfig config) {
        if (config.find("progy.ai.anthropic.key").isEmpty()) {
            return Availability.no("no Anthropic key is set", "set PROGY_AI_ANTHROPIC_KEY");
        }
        // settings with mistakes still count as a choice: create() reports them all, and the caller says so
        return Availability.yes();
    }

    @Override
    public AiProvider create(ProviderConfig config) {
        AiModelConfig c = AiModelConfig.anthropic(config);
        OpenAiProviderProvider.check(c);
        ModelTransport transport = new ModelTransport(c);
        String key = c.apiKey().orElse("");
        AnthropicChatModel chat = AnthropicChatModel.builder().baseUrl(c.baseUrl() + "/").apiKey(key)
                .modelName(c.model()).maxTokens(c.maxTokens()).timeout(c.timeout()).maxRetries(0)
                .httpClientBuilder(transport.builder()).build();
        AnthropicStreamingChatModel streaming = AnthropicStreamingChatModel.builder().baseUrl(c.baseUrl() + "/")
                .apiKey(key).modelName(c.model()).maxTokens(c.maxTokens()).timeout(c.timeout())
                .httpClientBuilder(transport.builder()).build();
        return new ModelAiProvider(c, chat, streaming);
    }
}
