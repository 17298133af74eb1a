package dev.progy.sync.ai;

import dev.progy.spi.ProviderConfig;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How to reach one model: read from a {@link ProviderConfig} by {@link #openAi(ProviderConfig)} or
 * {@link #anthropic(ProviderConfig)}. Settings (system property, or the environment variable in upper case with
 * underscores, e.g. {@code PROGY_AI_OPENAI_URL}):
 * <ul>
 *   <li>{@code progy.ai.openai.url} — base URL of an OpenAI-compatible API, default {@code https://api.openai.com/v1};
 *       Ollama: {@code http://localhost:11434/v1}, LM Studio: {@code http://localhost:1234/v1}</li>
 *   <li>{@code progy.ai.openai.key} — its key; optional (local servers take none)</li>
 *   <li>{@code progy.ai.openai.model} — default {@code gpt-4o-mini}</li>
 *   <li>{@code progy.ai.anthropic.url} — default {@code https://api.anthropic.com/v1}</li>
 *   <li>{@code progy.ai.anthropic.key} — required</li>
 *   <li>{@code progy.ai.anthropic.model} — default {@code claude-sonnet-4-5}</li>
 *   <li>{@code progy.ai.timeout} — seconds to wait for an answer to start, default 60</li>
 *   <li>{@code progy.ai.retries} — retries after a 429 or 5xx, default 3</li>
 *   <li>{@code progy.ai.retry-backoff} — seconds before the first retry, doubled each time, default 1
 *       ({@code Retry-After} wins when the provider sends it)</li>
 *   <li>{@code progy.ai.max-tokens} — longest answer, in tokens, default 1024</li>
 * </ul>
 *
 * @param provider     the provider's id: {@code openai} or {@code anthropic}
 * @param baseUrl      the API's base URL, without a trailing slash
 * @param apiKey       the key, when one is set; never shown by {@link #toString()}
 * @param model        the model's name
 * @param timeout      how long to wait for an answer to start (and, streaming, between two pieces)
 * @param maxRetries   retries after a 429 or 5xx
 * @param retryBackoff wait before the first retry; doubled for each next one
 * @param maxTokens    longest answer in tokens
 */
public record AiModelConfig(String provider, String baseUrl, Optional<String> apiKey, String model,
                            Duration timeout, int maxRetries, Duration retryBackoff, int maxTokens) {

    static final String OPENAI = "openai";
    static final String ANTHROPIC = "anthropic";

    public AiModelConfig {
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        apiKey = apiKey.filter(k -> !k.isBlank());
    }

    /** The OpenAI-compatible API's settings ({@code progy.ai.openai.*}). */
    public static AiModelConfig openAi(ProviderConfig config) {
        return read(config, OPENAI, "https://api.openai.com/v1", "gpt-4o-mini");
    }

    /** Anthropic's settings ({@code progy.ai.anthropic.*}). */
    public static AiModelConfig anthropic(ProviderConfig config) {
        return read(config, ANTHROPIC, "https://api.anthropic.com/v1", "claude-sonnet-4-5");
    }

    private static AiModelConfig read(ProviderConfig config, String provider, String url, String model) {
        String prefix = "progy.ai." + provider + ".";
        return new AiModelConfig(provider, config.get(prefix + "url", url), config.find(prefix + "key"),
                config.get(prefix + "model", model), seconds(config, "progy.ai.timeout", Duration.ofSeconds(60)),
                integer(config, "progy.ai.retries", 3), seconds(config, "progy.ai.retry-backoff", Duration.ofSeconds(1)),
                integer(config, "progy.ai.max-tokens", 1024));
    }

    /** Seconds, decimals allowed; a value that is not a number reads as -1 s, which {@link #problems()} reports. */
    private static Duration seconds(ProviderConfig config, String key, Duration defaultValue) {
        return config.find(key).map(v -> {
            try {
                return Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
            } catch (NumberFormatException e) {
                return Duration.ofSeconds(-1);
            }
        }).orElse(defaultValue);
    }

    private static int integer(ProviderConfig config, String key, int defaultValue) {
        return config.find(key).map(v -> {
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                return Integer.MIN_VALUE;
            }
        }).orElse(defaultValue);
    }

    /** The name of a setting of this provider, e.g. {@code progy.ai.openai.key}. */
    String setting(String name) {
        return "progy.ai." + provider + "." + name;
    }

    /** Every problem with these settings, all at once; empty when usable. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        try {
            URI uri = URI.create(baseUrl);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                problems.add(setting("url") + " must be an http:// or https:// URL, not '" + baseUrl + "'");
            }
        } catch (IllegalArgumentException e) {
            problems.add(setting("url") + " is not a URL: '" + baseUrl + "'");
        }
        if (model.isBlank()) {
            problems.add(setting("model") + " is empty: name the model to use");
        }
        if (timeout.isZero() || timeout.isNegative()) {
            problems.add("progy.ai.timeout must be a positive number of seconds");
        }
        if (maxRetries < 0 || maxRetries > 10) {
            problems.add("progy.ai.retries must be a whole number from 0 to 10");
        }
        if (retryBackoff.isNegative()) {
            problems.add("progy.ai.retry-backoff must be a number of seconds, 0 or more");
        }
        if (maxTokens <= 0) {
            problems.add("progy.ai.max-tokens must be a positive whole number");
        }
        return problems;
    }

    /** Everything but the key, which shows only whether it is set. */
    @Override
    public String toString() {
        return "AiModelConfig[provider=" + provider + ", baseUrl=" + baseUrl + ", apiKey="
                + (apiKey.isPresent() ? "(set)" : "(none)") + ", model=" + model + ", timeout=" + timeout
                + ", maxRetries=" + maxRetries + ", retryBackoff=" + retryBackoff + ", maxTokens=" + maxTokens + "]";
    }
}
