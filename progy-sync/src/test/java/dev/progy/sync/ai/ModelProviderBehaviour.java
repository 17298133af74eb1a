package dev.progy.sync.ai;

import dev.progy.error.AiProviderException;
import dev.progy.spi.AiProvider;
import dev.progy.spi.AiProviderProvider;
import dev.progy.spi.Hint;
import dev.progy.spi.HintRequest;
import dev.progy.spi.ProviderConfig;
import dev.progy.spi.ReviewNote;
import dev.progy.spi.ReviewRequest;
import dev.progy.testkit.AiProviderContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What both model adapters do against a scripted server that speaks their API's wire format: the contract kit,
 * streaming, retries, time limits and the errors a user can act on. A subclass supplies the vendor's wire format.
 */
abstract class ModelProviderBehaviour extends AiProviderContract {

    static final String KEY = "sk-test-0123456789abcdefghijklmnop";

    protected final ScriptedModelServer server;

    ModelProviderBehaviour() {
        try {
            server = new ScriptedModelServer(n -> ScriptedModelServer.Answer.json(200,
                    answer("Think about step " + n + ": what does the failing test expect to be printed?")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    /** The provider under test. */
    abstract AiProviderProvider factory();

    /** The path the base URL has on the real API, e.g. {@code /v1}. */
    abstract String basePath();

    /** The endpoint's path below the base, e.g. {@code /chat/completions}. */
    abstract String endpoint();

    /** A complete, non-streamed answer with this text. */
    abstract String answer(String text);

    /** A streamed answer in these pieces. */
    abstract List<String> stream(List<String> pieces);

    /** The vendor's error body for a refused key (401). */
    abstract String badKey();

    /** The vendor's answer when the account has no quota or credit left: status and body. */
    abstract ScriptedModelServer.Answer quotaExhausted();

    /** The vendor's error body for an unknown model (404). */
    abstract String modelNotFound();

    /** The vendor's error body for a rate limit (429). */
    abstract String rateLimited();

    /** The vendor's error body for a failure on its side (500). */
    abstract String serverError();

    /** The key as the request carried it (the vendor's header). */
    abstract String sentKey(ScriptedModelServer.Received request);

    /** The text of the user message the request carried. */
    abstract String userMessage(ScriptedModelServer.Received request);

    Map<String, String> settings() {
        String p = "progy.ai." + factory().id() + ".";
        Map<String, String> s = new HashMap<>();
        s.put(p + "url", server.url(basePath()));
        s.put(p + "key", KEY);
        s.put(p + "model", "test-model");
        s.put("progy.ai.timeout", "3");
        s.put("progy.ai.retries", "2");
        s.put("progy.ai.retry-backoff", "0.01");
        return s;
    }

    AiProvider make(Map<String, String> overrides) {
        Map<String, String> s = settings();
        s.putAll(overrides);
        return factory().create(ProviderConfig.of(s));
    }

    @Override
    protected AiProvider provider() {
        return make(Map.of());
    }

    private static HintRequest failing() {
        return new HintRequest(exercise(List.of("Read the test's message.", "Compare the greeting.")), 1,
                Optional.of(failedRun()), "def greet(name):\n    return 'Hello, world'\n");
    }

    @Test
    @DisplayName("a hint is the model's answer, asked with the key, the model, the exercise, the failure and the code")
    void hintFromModel() {
        server.then(ScriptedModelServer.Answer.json(200, answer("Look at what `greet` returns for `name`.")));
        try (AiProvider ai = provider()) {
            Hint hint = ai.hint(failing());

            assertThat(hint.kind()).isEqualTo(Hint.Kind.AI);
            assertThat(hint.text()).isEqualTo("Look at what `greet` returns for `name`.");
            assertThat(hint.revealed()).isEqualTo(2);
        }
        ScriptedModelServer.Received sent = server.received().get(0);
        assertThat(sent.path()).isEqualTo(basePath() + endpoint());
        assertThat(sentKey(sent)).isEqualTo(KEY);
        assertThat(ScriptedJson.read(sent.body()).path("model").asText()).isEqualTo("test-model");
        assertThat(userMessage(sent)).contains("01_basics/01_hello").contains("greets by name")
                .contains("expected 'Hello, Ada' but got 'Hello, world'").contains("return 'Hello, world'")
                .contains("Compare the greeting.");
    }

    @Test
    @DisplayName("a streamed hint reaches the caller piece by piece, then whole")
    void streaming() {
        server.then(ScriptedModelServer.Answer.events(stream(List.of("Look ", "at what ", "`greet` returns.")), 20));
        List<String> pieces = new ArrayList<>();
        try (AiProvider ai = provider()) {
            Hint hint = ai.hint(failing(), pieces::add);

            assertThat(pieces).containsExactly("Look ", "at what ", "`greet` returns.");
            assertThat(hint.text()).isEqualTo("Look at what `greet` returns.");
            assertThat(hint.kind()).isEqualTo(Hint.Kind.AI);
        }
        assertThat(ScriptedJson.read(server.received().get(0).body()).path("stream").asBoolean()).isTrue();
    }

    @Test
    @DisplayName("a 429 is retried after the Retry-After the provider asked for, then the answer comes")
    void retriesAfterRateLimit() {
        server.then(ScriptedModelServer.Answer.json(429, rateLimited(), Map.of("Retry-After", "1")))
                .then(ScriptedModelServer.Answer.json(200, answer("Second time lucky.")));
        long start = System.nanoTime();
        try (AiProvider ai = provider()) {
            assertThat(ai.hint(failing()).text()).isEqualTo("Second time lucky.");
        }
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(950);
        assertThat(server.received()).hasSize(2);
    }

    @Test
    @DisplayName("a server failing three times in a row gives up with a message that says so")
    void givesUpAfterRetries() {
        for (int i = 0; i < 3; i++) {
            server.then(ScriptedModelServer.Answer.json(500, serverError()));
        }
        try (AiProvider ai = provider()) {
            assertThatThrownBy(() -> ai.hint(failing())).isInstanceOfSatisfying(AiProviderException.class, e -> {
                assertThat(e.kind()).isEqualTo(AiProviderException.Kind.PROVIDER_ERROR);
                assertThat(e.provider()).isEqualTo(factory().id());
                assertThat(e.getMessage()).contains("failed on its side (HTTP 500) 3 times in a row");
                assertThat(e.fixHint()).contains("try again later");
            });
        }
        assertThat(server.received()).hasSize(3);
    }

    @Test
    @DisplayName("a refused key is a bad key, not retried, and the message never shows the key")
    void refusedKey() {
        server.then(ScriptedModelServer.Answer.json(401, badKey()));
        try (AiProvider ai = provider()) {
            assertThatThrownBy(() -> ai.hint(failing())).isInstanceOfSatisfying(AiProviderException.class, e -> {
                assertThat(e.kind()).isEqualTo(AiProviderException.Kind.BAD_KEY);
                assertThat(e.getMessage()).contains("refused the API key").doesNotContain(KEY);
                assertThat(e.fixHint()).contains("progy.ai." + factory().id() + ".key");
            });
        }
        assertThat(server.received()).hasSize(1);
    }

    @Test
    @DisplayName("an exhausted quota at the provider says so and is not retried")
    void quotaAtProvider() {
        server.then(quotaExhausted());
        try (AiProvider ai = provider()) {
            assertThatThrownBy(() -> ai.hint(failing())).isInstanceOfSatisfying(AiProviderException.class, e -> {
                assertThat(e.kind()).isEqualTo(AiProviderException.Kind.QUOTA_EXHAUSTED);
                assertThat(e.getMessage()).contains("no quota or credit left");
                assertThat(e.fixHint()).contains("billing");
            });
        }
        assertThat(server.received()).hasSize(1);
    }

    @Test
    @DisplayName("an unknown model is named in the message, with the setting to change")
    void modelUnknown() {
        server.then(ScriptedModelServer.Answer.json(404, modelNotFound()));
        try (AiProvider ai = provider()) {
            assertThatThrownBy(() -> ai.hint(failing())).isInstanceOfSatisfying(AiProviderException.class, e -> {
                assertThat(e.kind()).isEqualTo(AiProviderException.Kind.MODEL_UNKNOWN);
                assertThat(e.getMessage()).contains("does not know the model 'test-model'");
                assertThat(e.fixHint()).contains("progy.ai." + factory().id() + ".model");
            });
        }
    }

    @Test
    @DisplayName("a server that does not answer in time is a timeout, reported after the time limit, not later")
    void slowServer() {
        server.then(ScriptedModelServer.Answer.json(200, answer("too late")).after(4_000));
        long start = System.nanoTime();
        try (AiProvider ai = make(Map.of("progy.ai.timeout", "0.5"))) {
            assertThatThrownBy(() -> ai.hint(failing())).isInstanceOfSatisfying(AiProviderException.class, e -> {
                assertThat(e.kind()).isEqualTo(AiProviderException.Kind.TIMEOUT);
                assertThat(e.getMessage()).contains("did not answer within 0.5 s");
            });
        }
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(3_000);
    }

    @Test
    @DisplayName("a stream that goes quiet midway is cut at the time limit")
    void stalledStream() {
        server.then(ScriptedModelServer.Answer.events(stream(List.of("Look ", "at ", "the ", "test.")), 1_500));
        long start = System.nanoTime();
        try (AiProvider ai = make(Map.of("progy.ai.timeout", "0.5"))) {
            assertThatThrownBy(() -> ai.hint(failing(), piece -> { }))
                    .isInstanceOfSatisfying(AiProviderException.class,
                            e -> assertThat(e.kind()).isEqualTo(AiProviderException.Kind.TIMEOUT));
        }
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(3_000);
    }

    @Test
    @DisplayName("a server that is not running is unreachable, with what to start")
    void unreachable() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (AiProvider ai = make(Map.of("progy.ai." + factory().id() + ".url", "http://127.0.0.1:" + port + "/v1"))) {
            assertThatThrownBy(() -> ai.hint(failing())).isInstanceOfSatisfying(AiProviderException.class, e -> {
                assertThat(e.kind()).isEqualTo(AiProviderException.Kind.UNREACHABLE);
                assertThat(e.getMessage()).contains("could not reach").contains("127.0.0.1:" + port)
                        .contains("refused");
                assertThat(e.fixHint()).contains(factory().id().equals("openai") ? "start the local model server"
                        : "check the network and progy.ai.anthropic.url");
            });
        }
    }

    @Test
    @DisplayName("a review turns the model's JSON list into notes on the files that were sent")
    void review() {
        server.then(ScriptedModelServer.Answer.json(200, answer("""
                Here you go:
                ```json
                [{"file": "README.md", "line": 3, "advice": "Say which Python version is needed."},
                 {"file": "nowhere.md", "line": 9, "advice": "A note about a file that was not sent."}]
                ```""")));
        ReviewRequest request = new ReviewRequest("intro", List.of(
                new ReviewRequest.Document("README.md", "# Intro\n\nInstall Python.\n")));
        try (AiProvider ai = provider()) {
            List<ReviewNote> notes = ai.review(request);

            assertThat(notes).containsExactly(
                    new ReviewNote("README.md", 3, "Say which Python version is needed."),
                    new ReviewNote(".", 9, "A note about a file that was not sent."));
        }
        assertThat(userMessage(server.received().get(0))).contains("=== file: README.md ===").contains("3| Install Python.");
    }

    @Test
    @DisplayName("a review answer that is not a list of notes is an error, not an invented note")
    void unreadableReview() {
        server.then(ScriptedModelServer.Answer.json(200, answer("Everything looks great to me!")));
        try (AiProvider ai = provider()) {
            assertThatThrownBy(() -> ai.review(new ReviewRequest("intro",
                    List.of(new ReviewRequest.Document("README.md", "# Intro")))))
                    .isInstanceOf(AiProviderException.class)
                    .hasMessageContaining("other than the list of notes");
        }
    }

    @Test
    @DisplayName("is found by ServiceLoader, usable only once configured, and never shows its key")
    void discoveryAndKey() {
        AiProviderProvider found = ServiceLoader.load(AiProviderProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.id().equals(factory().id())).findFirst().orElseThrow();
        assertThat(found.priority()).isGreaterThan(0);
        assertThat(found.availability(ProviderConfig.empty()).usable()).isFalse();
        assertThat(found.availability(ProviderConfig.empty()).fixHint()).contains("PROGY_AI_");
        assertThat(found.availability(ProviderConfig.of(settings())).usable()).isTrue();

        AiModelConfig config = factory().id().equals("openai") ? AiModelConfig.openAi(ProviderConfig.of(settings()))
                : AiModelConfig.anthropic(ProviderConfig.of(settings()));
        assertThat(config.apiKey()).contains(KEY);
        assertThat(config.toString()).doesNotContain(KEY).contains("apiKey=(set)");
    }

    @Test
    @DisplayName("settings that cannot work are all reported at once")
    void invalidSettings() {
        assertThatThrownBy(() -> make(Map.of("progy.ai." + factory().id() + ".url", "ftp://x",
                "progy.ai.timeout", "soon", "progy.ai.retries", "many")))
                .hasMessageContaining("must be an http:// or https:// URL")
                .hasMessageContaining("progy.ai.timeout")
                .hasMessageContaining("progy.ai.retries");
    }
}
