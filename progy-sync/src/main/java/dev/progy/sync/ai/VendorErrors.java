package dev.progy.sync.ai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.progy.error.AiProviderException;
import dev.progy.error.AiProviderException.Kind;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;

/**
 * Turns what a provider answered (status and error JSON) or how the connection failed into an
 * {@link AiProviderException} whose message says what happened and what to do. Knows both error shapes:
 * OpenAI's {@code {"error":{"message","type","code"}}} and Anthropic's
 * {@code {"type":"error","error":{"type","message"}}}.
 */
final class VendorErrors {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_QUOTED = 200;

    private VendorErrors() { }

    /** Whether waiting and asking again may help: a rate limit (not an empty quota) or a failure on their side. */
    static boolean retryable(int status, String body) {
        if (status == 429) {
            return !quotaExhausted(status, body);
        }
        return status >= 500;
    }

    static AiProviderException fromStatus(AiModelConfig config, int status, String body, int attempts) {
        String who = who(config);
        Error e = parse(body);
        String quoted = e.message.isBlank() ? "" : ": " + quote(e.message, config);
        String keySetting = config.setting("key");
        if (quotaExhausted(status, body)) {
            return new AiProviderException(config.provider(), Kind.QUOTA_EXHAUSTED,
                    who + " says the account behind the key has no quota or credit left" + quoted,
                    "add credit or raise the limit in the provider's billing settings, or set another key in "
                            + keySetting, null);
        }
        if (status == 401 || status == 403 || e.type.equals("authentication_error") || e.type.equals("permission_error")
                || e.code.equals("invalid_api_key")) {
            String what = config.apiKey().isPresent() ? "refused the API key" : "wants an API key and none is set";
            return new AiProviderException(config.provider(), Kind.BAD_KEY, who + " " + what + " (HTTP " + status + ")",
                    "set a valid key in " + keySetting + " (environment: " + envName(keySetting) + ")", null);
        }
        if (status == 404 || e.code.equals("model_not_found") || e.type.equals("not_found_error")) {
            return new AiProviderException(config.provider(), Kind.MODEL_UNKNOWN,
                    who + " does not know the model '" + config.model() + "'" + quoted,
                    "set " + config.setting("model") + " to a model it offers"
                            + (config.provider().equals(AiModelConfig.OPENAI)
                            ? " (for Ollama, `ollama list` shows them; `ollama pull <model>` fetches one)" : ""), null);
        }
        if (status == 429) {
            return new AiProviderException(config.provider(), Kind.RATE_LIMITED,
                    who + " is still limiting the rate of requests after " + attempts + " attempt"
                            + (attempts == 1 ? "" : "s") + quoted,
                    "wait a minute and ask again", null);
        }
        if (status >= 500) {
            return new AiProviderException(config.provider(), Kind.PROVIDER_ERROR,
                    who + " failed on its side (HTTP " + status + ") " + attempts + " time" + (attempts == 1 ? "" : "s")
                            + " in a row" + quoted,
                    "try again later; the course's own hints still work meanwhile", null);
        }
        return new AiProviderException(config.provider(), Kind.REQUEST_REJECTED,
                who + " rejected the request (HTTP " + status + ")" + quoted,
                "check " + config.setting("model") + " and " + config.setting("url")
                        + "; if it persists, the request may be too long for the model", null);
    }

    static AiProviderException fromIo(AiModelConfig config, IOException failure) {
        if (failure instanceof HttpTimeoutException && !(failure instanceof HttpConnectTimeoutException)) {
            return timeout(config, failure);
        }
        String why = failure instanceof HttpConnectTimeoutException ? "the connection timed out"
                : hasCause(failure, UnknownHostException.class) || hasCause(failure, UnresolvedAddressException.class)
                ? "its host name is unknown"
                : hasCause(failure, ConnectException.class) ? "the connection was refused"
                : "the connection failed";
        boolean local = config.provider().equals(AiModelConfig.OPENAI)
                && (config.baseUrl().contains("://localhost") || config.baseUrl().contains("://127."));
        return new AiProviderException(config.provider(), Kind.UNREACHABLE,
                "could not reach " + who(config) + ": " + why,
                local ? "start the local model server (for Ollama: `ollama serve`) or correct " + config.setting("url")
                        : "check the network and " + config.setting("url") + ", then ask again", failure);
    }

    static AiProviderException timeout(AiModelConfig config, Throwable cause) {
        return new AiProviderException(config.provider(), Kind.TIMEOUT,
                who(config) + " did not answer within " + seconds(config) + " s",
                "ask again, or allow more time with progy.ai.timeout", cause);
    }

    static AiProviderException unreadable(AiModelConfig config, String what, Throwable cause) {
        return new AiProviderException(config.provider(), Kind.PROVIDER_ERROR,
                who(config) + " " + what, "ask again; if it keeps happening, try another model", cause);
    }

    /** How the provider is named in messages: where it is, never with its key. */
    static String who(AiModelConfig config) {
        return config.provider().equals(AiModelConfig.ANTHROPIC)
                ? "Anthropic (" + config.baseUrl() + ")"
                : "the OpenAI-compatible server at " + config.baseUrl();
    }

    private static boolean quotaExhausted(int status, String body) {
        Error e = parse(body);
        String message = e.message.toLowerCase(Locale.ROOT);
        return e.code.equals("insufficient_quota") || e.type.equals("insufficient_quota")
                || e.type.equals("billing_error") || status == 402
                || (status == 400 || status == 403) && message.contains("credit balance");
    }

    private static String seconds(AiModelConfig config) {
        long millis = config.timeout().toMillis();
        return millis % 1000 == 0 ? Long.toString(millis / 1000) : String.format(Locale.ROOT, "%.1f", millis / 1000.0);
    }

    /** The provider's own words, short, with the key taken out should it echo it. */
    private static String quote(String message, AiModelConfig config) {
        String m = message.strip().replaceAll("\\s+", " ");
        if (config.apiKey().isPresent() && config.apiKey().get().length() >= 4) {
            m = m.replace(config.apiKey().get(), "[key]");
        }
        return m.length() <= MAX_QUOTED ? m : m.substring(0, MAX_QUOTED) + "…";
    }

    private static String envName(String setting) {
        return setting.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static boolean hasCause(Throwable t, Class<?> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private record Error(String type, String code, String message) { }

    private static Error parse(String body) {
        try {
            JsonNode root = JSON.readTree(body == null ? "" : body);
            JsonNode error = root == null ? null : root.get("error");
            if (error == null || !error.isObject()) {
                return new Error("", "", error != null && error.isTextual() ? error.asText() : "");
            }
            return new Error(error.path("type").asText(""), error.path("code").asText(""),
                    error.path("message").asText(""));
        } catch (IOException | RuntimeException e) {
            return new Error("", "", "");
        }
    }
}
