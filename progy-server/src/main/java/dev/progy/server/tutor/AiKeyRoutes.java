package dev.progy.server.tutor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.progy.server.http.Access;
import dev.progy.server.http.HttpServer;
import dev.progy.server.http.Limits;
import dev.progy.server.http.RateClass;
import dev.progy.server.http.Reply;
import dev.progy.server.http.Route;
import dev.progy.sync.ai.ModelChat;
import dev.progy.sync.hub.HubTutor;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An account's own AI key and its usage (the README's "AI tutor" paragraph): {@code PUT /api/v1/ai/key} stores a key sealed
 * ({@link KeyVault}), after one cheap call that the provider takes it; {@code GET} shows the provider and last four
 * characters, never the key; {@code DELETE} forgets it; {@code GET /api/v1/ai/usage} the plan and today's usage.
 */
public final class AiKeyRoutes {

    public static final String KEY = "/api/v1/ai/key";
    public static final String USAGE = "/api/v1/ai/usage";
    static final Limits BODY = new Limits(8 * 1024, 2, 1000);
    private static final Set<String> FIELDS = Set.of("provider", "key", "model", "baseUrl");
    private static final ObjectMapper JSON = new ObjectMapper();

    private AiKeyRoutes() { }

    public static List<Route> routes(Tutor tutor) {
        HubTutor store = tutor.store();
        Clock clock = tutor.clock();
        return List.of(
                Route.put(KEY, Access.scope("ai"), BODY, x -> Tutor.guarded(() -> {
                    JsonNode body = read(x.body());
                    for (var names = body.fieldNames(); names.hasNext(); ) {
                        String n = names.next();
                        if (!FIELDS.contains(n)) {
                            throw bad("The field \"" + n + "\" is not one an AI key has; send provider, key, and "
                                    + "optionally model and baseUrl.");
                        }
                    }
                    String provider = text(body, "provider");
                    if (!provider.equals(TutorModels.OPENAI) && !provider.equals(TutorModels.ANTHROPIC)) {
                        throw bad("The provider is openai (also any OpenAI-compatible server) or anthropic.");
                    }
                    String key = text(body, "key");
                    if (key.length() < 8 || key.length() > 400 || !key.chars().allMatch(c -> c > 32 && c < 127)) {
                        throw bad("That does not look like an API key: 8 to 400 printable characters without "
                                + "spaces.");
                    }
                    String model = optional(body, "model");
                    if (model.length() > 100) {
                        throw bad("A model name is at most 100 characters.");
                    }
                    String baseUrl = optional(body, "baseUrl");
                    if (!baseUrl.isEmpty() && !httpUrl(baseUrl)) {
                        throw bad("The baseUrl should be an http:// or https:// address such as "
                                + "https://api.openai.com/v1.");
                    }
                    tutor.models().checkOwnKeyUrl(baseUrl);
                    if (ModelChat.checkKey(TutorModels.config(provider, baseUrl, Optional.of(key), model))
                            == ModelChat.KeyCheck.REFUSED) {
                        throw new Refused(400, "key_refused", "The provider refused this key.",
                                "Check that you copied the whole key, that it is for " + provider + ", and that it "
                                        + "is still active; then set it again with `progy ai key set`.");
                    }
                    long account = x.caller().account();
                    HubTutor.StoredKey stored = new HubTutor.StoredKey(account, provider,
                            model.isEmpty() ? TutorModels.defaultModel(provider) : model, baseUrl,
                            key.substring(key.length() - 4), clock.millis(), tutor.models().vault().seal(account, key));
                    store.putKey(stored);
                    return Reply.json(200, shown(stored));
                })).rate(RateClass.AI),
                Route.get(KEY, Access.scope("ai"), x -> Tutor.guarded(() -> {
                    Optional<HubTutor.StoredKey> k = store.key(x.caller().account());
                    if (k.isEmpty()) {
                        throw new Refused(404, "not_found", "Your account has no AI key set.",
                                "Set one with `progy ai key set`.");
                    }
                    return Reply.json(200, shown(k.get()));
                })),
                Route.delete(KEY, Access.scope("ai"), x -> {
                    store.deleteKey(x.caller().account());
                    return new Reply(204, "application/json", new byte[0]);
                }),
                Route.get(USAGE, Access.scope("ai"), x -> {
                    long account = x.caller().account();
                    AiPlans.Plan plan = tutor.quota().planOf(account);
                    HubTutor.Usage used = store.usage(account, tutor.quota().today());
                    boolean own = store.key(account).isPresent();
                    return Reply.json(200, HttpServer.json(g -> {
                        g.writeStringField("plan", plan.name());
                        g.writeStringField("day", used.day());
                        g.writeStringField("resetsAt", tutor.quota().resetsAt().toString());
                        g.writeObjectFieldStart("lessons");
                        g.writeNumberField("used", used.lessons());
                        if (plan.lessons().isPresent()) {
                            g.writeNumberField("limit", plan.lessons().getAsLong());
                        } else {
                            g.writeNullField("limit");
                        }
                        g.writeEndObject();
                        g.writeObjectFieldStart("tokens");
                        g.writeNumberField("used", used.tokens());
                        if (plan.tokens().isPresent()) {
                            g.writeNumberField("limit", plan.tokens().getAsLong());
                        } else {
                            g.writeNullField("limit");
                        }
                        g.writeEndObject();
                        g.writeBooleanField("ownKey", own);
                    }));
                }));
    }

    static byte[] shown(HubTutor.StoredKey k) {
        return HttpServer.json(g -> {
            g.writeStringField("provider", k.provider());
            g.writeStringField("last4", k.last4());
            g.writeStringField("model", k.model());
            g.writeStringField("baseUrl", k.baseUrl());
            g.writeStringField("setAt", Instant.ofEpochMilli(k.setMs()).toString());
        });
    }

    static JsonNode read(byte[] body) {
        try {
            JsonNode n = JSON.readTree(body);
            if (n == null || !n.isObject()) {
                throw bad("The body should be a JSON object.");
            }
            return n;
        } catch (IOException e) {
            throw bad("The body is not JSON.");
        }
    }

    private static String text(JsonNode body, String name) {
        JsonNode v = body.get(name);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw bad("The body has no " + name + ".");
        }
        return v.asText().strip();
    }

    private static String optional(JsonNode body, String name) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) {
            return "";
        }
        if (!v.isTextual()) {
            throw bad("The " + name + " should be a text.");
        }
        return v.asText().strip();
    }

    private static boolean httpUrl(String url) {
        try {
            URI u = URI.create(url);
            return ("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null
                    && url.length() <= 300;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static Refused bad(String message) {
        return new Refused(400, "bad_request", message, "Correct the request and send it again.");
    }
}
