package dev.progy.sync.ai;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.http.client.HttpMethod;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.output.TokenUsage;
import dev.progy.error.AiProviderException;

import java.util.List;

/**
 * One chat model reached with an {@link AiModelConfig}, for a caller that writes its own prompts and counts the
 * tokens spent (the server's tutor): one question, one answer with the provider's usage report. Failures are
 * {@link AiProviderException}s with their kind, as the {@code AiProvider} adapters give them.
 */
public final class ModelChat {

    /** An answer and the tokens the provider counted for it (prompt and answer; 0 when it reported none). */
    public record Answer(String text, long tokens) { }

    /** What the provider said of a key. */
    public enum KeyCheck {
        /** It took the key. */
        ACCEPTED,
        /** It refused the key (HTTP 401 or 403). */
        REFUSED,
        /** It could not tell: unreachable, or it answered something else. */
        UNKNOWN
    }

    private final AiModelConfig config;
    private final ChatModel chat;

    private ModelChat(AiModelConfig config, ChatModel chat) {
        this.config = config;
        this.chat = chat;
    }

    /** A chat with the model {@code config} names ({@code openai} or {@code anthropic}). */
    public static ModelChat open(AiModelConfig config) {
        OpenAiProviderProvider.check(config);
        ModelTransport transport = new ModelTransport(config);
        ChatModel chat;
        if (config.provider().equals(AiModelConfig.ANTHROPIC)) {
            chat = AnthropicChatModel.builder().baseUrl(config.baseUrl() + "/").apiKey(config.apiKey().orElse(""))
                    .modelName(config.model()).maxTokens(config.maxTokens()).timeout(config.timeout()).maxRetries(0)
                    .httpClientBuilder(transport.builder()).build();
        } else {
            chat = OpenAiChatModel.builder().baseUrl(config.baseUrl()).apiKey(config.apiKey().orElse("none"))
                    .modelName(config.model()).maxTokens(config.maxTokens()).timeout(config.timeout()).maxRetries(0)
                    .httpClientBuilder(transport.builder()).build();
        }
        return new ModelChat(config, chat);
    }

    /** Asks once (retrying a 429 or 5xx as the transport does); the answer's text and the tokens it cost. */
    public Answer ask(String system, String user) {
        try {
            ChatResponse response = chat.chat(ChatRequest.builder()
                    .messages(List.of(SystemMessage.from(system), UserMessage.from(user))).build());
            String text = response.aiMessage() == null || response.aiMessage().text() == null ? ""
                    : response.aiMessage().text();
            TokenUsage usage = response.tokenUsage();
            long tokens = usage == null ? 0 : usage.totalTokenCount() != null ? usage.totalTokenCount()
                    : (usage.inputTokenCount() == null ? 0 : usage.inputTokenCount())
                    + (usage.outputTokenCount() == null ? 0 : usage.outputTokenCount());
            return new Answer(text, tokens);
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    /**
     * Whether the provider takes the key of {@code config}, asked with one cheap request (the list of models),
     * without retries.
     */
    public static KeyCheck checkKey(AiModelConfig config) {
        AiModelConfig once = new AiModelConfig(config.provider(), config.baseUrl(), config.apiKey(), config.model(),
                config.timeout(), 0, config.retryBackoff(), config.maxTokens());
        HttpRequest.Builder request = HttpRequest.builder().method(HttpMethod.GET).url(once.baseUrl() + "/models");
        if (once.provider().equals(AiModelConfig.ANTHROPIC)) {
            request.addHeader("x-api-key", once.apiKey().orElse("")).addHeader("anthropic-version", "2023-06-01");
        } else {
            request.addHeader("Authorization", "Bearer " + once.apiKey().orElse(""));
        }
        try {
            new ModelTransport(once).execute(request.build());
            return KeyCheck.ACCEPTED;
        } catch (AiProviderException e) {
            return e.kind() == AiProviderException.Kind.BAD_KEY ? KeyCheck.REFUSED : KeyCheck.UNKNOWN;
        } catch (RuntimeException e) {
            return KeyCheck.UNKNOWN;
        }
    }

    private AiProviderException translate(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof AiProviderException ours) {
                return ours;
            }
            if (t instanceof HttpException http) {
                return VendorErrors.fromStatus(config, http.statusCode(), http.getMessage(), 1);
            }
        }
        return VendorErrors.unreadable(config, "gave an answer Progy could not read", error);
    }
}
