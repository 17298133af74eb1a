package dev.progy.server.tutor;

import dev.progy.sync.ai.AiModelConfig;
import dev.progy.sync.hub.HubTutor;

import java.time.Duration;
import java.util.Optional;

/**
 * Which model serves an account: its own key when it set one, else the server's (settings {@code ai-provider},
 * {@code ai-base-url}, {@code ai-model}, {@code ai-key}) when its plan includes it, else none (403 with what to do).
 */
public final class TutorModels {

    static final String OPENAI = "openai";
    static final String ANTHROPIC = "anthropic";

    private final HubTutor store;
    private final KeyVault vault;
    private final Optional<AiModelConfig> server;
    private final OwnKeyUrls ownKeyUrls;

    public TutorModels(HubTutor store, KeyVault vault, Optional<AiModelConfig> server, OwnKeyUrls ownKeyUrls) {
        this.store = store;
        this.vault = vault;
        this.server = server;
        this.ownKeyUrls = ownKeyUrls;
    }

    /** Refuses (400) an own key's {@code baseUrl} this server does not send keys to. */
    void checkOwnKeyUrl(String baseUrl) {
        if (!ownKeyUrls.allows(baseUrl)) {
            throw new Refused(400, "base_url_not_allowed", "This server does not send AI keys to " + baseUrl
                    + ": it sends them only to " + String.join(", ", ownKeyUrls.shown()) + ".",
                    "Leave --base-url out to use the provider's own API, or ask the server's operator to add the "
                            + "address to the setting ai-own-key-urls.");
        }
    }

    public KeyVault vault() {
        return vault;
    }

    /** Whether the server has a model of its own to offer. */
    public boolean serverHasModel() {
        return server.isPresent();
    }

    /** Refuses (403) when no model may serve the account; whether its own key would. */
    boolean check(long account, AiPlans.Plan plan) {
        if (store.key(account).isPresent()) {
            return true;
        }
        if (!plan.serverKey()) {
            throw new Refused(403, "no_ai_key", "Your plan (" + plan.name() + ") uses your own AI key, and none is "
                    + "set.", "Set one with `progy ai key set`.");
        }
        if (server.isEmpty()) {
            throw new Refused(403, "no_ai_model", "This server has no AI model of its own to give lessons with.",
                    "Set your own key with `progy ai key set`, or ask the server's operator to configure one.");
        }
        return false;
    }

    /** The model for the account now: its own key (decrypted here, for this request only) or the server's. */
    AiModelConfig modelFor(long account, AiPlans.Plan plan) {
        Optional<HubTutor.StoredKey> own = store.key(account);
        if (own.isPresent()) {
            HubTutor.StoredKey k = own.get();
            if (!ownKeyUrls.allows(k.baseUrl())) {
                throw new Refused(403, "base_url_not_allowed", "Your AI key is set for " + k.baseUrl() + ", where "
                        + "this server no longer sends keys (it sends them only to "
                        + String.join(", ", ownKeyUrls.shown()) + ").", "Set your key again with `progy ai key set`, "
                        + "without --base-url or with an address the server allows.");
            }
            return config(k.provider(), k.baseUrl(), Optional.of(vault.open(account, k.sealed())), k.model());
        }
        check(account, plan);
        return server.orElseThrow();
    }

    /** A model's settings, the provider's defaults for what is blank. */
    public static AiModelConfig config(String provider, String baseUrl, Optional<String> key, String model) {
        boolean anthropic = provider.equals(ANTHROPIC);
        return new AiModelConfig(anthropic ? ANTHROPIC : OPENAI,
                !baseUrl.isBlank() ? baseUrl : anthropic ? "https://api.anthropic.com/v1" : "https://api.openai.com/v1",
                key, !model.isBlank() ? model : anthropic ? "claude-sonnet-4-5" : "gpt-4o-mini",
                Duration.ofSeconds(60), 2, Duration.ofSeconds(1), 1500);
    }

    static String defaultModel(String provider) {
        return provider.equals(ANTHROPIC) ? "claude-sonnet-4-5" : "gpt-4o-mini";
    }
}
