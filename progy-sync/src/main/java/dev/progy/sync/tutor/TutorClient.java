package dev.progy.sync.tutor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.progy.error.ProgyException;
import dev.progy.spi.support.json.JsonTrees;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The tutor and AI-key routes of a Progy server, for one signed-in person (a token with the scope {@code ai}): ask
 * for a lesson and follow it until it is written, list and rate lessons, set, show and remove the account's own
 * model key (sent once, never read back: the server shows only its last four characters), and read the plan's
 * usage. Every refusal is a {@link TutorUnavailableException} saying why in words and what to do.
 */
public final class TutorClient {

    static final String LESSONS = "/api/v1/tutor/lessons";
    static final String KEY = "/api/v1/ai/key";
    static final String USAGE = "/api/v1/ai/usage";
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** The account's own model key as the server shows it: never the key itself. */
    public record KeyStatus(String provider, String last4, String model, String baseUrl, Optional<Instant> setAt) { }

    /** Today's use of the account's plan; a limit is empty when unlimited. */
    public record Usage(String plan, String day, Optional<Instant> resetsAt, long lessonsUsed, OptionalLong lessonsLimit,
                        long tokensUsed, OptionalLong tokensLimit, boolean ownKey) { }

    /** How long to wait between two looks at a lesson being written (tests pass a short one). */
    @FunctionalInterface
    public interface Pause {
        void sleep(Duration d) throws InterruptedException;

        static Pause real() {
            return d -> Thread.sleep(d.toMillis());
        }
    }

    private record Answer(int status, JsonNode body, OptionalLong retryAfter) {
        String error() {
            // the server's error body is {"error": "<code>", "message": "<sentence>", "fix": "..."}: the sentence, not
            // the code, is what the student reads
            JsonNode e = body.path("error");
            if (e.isObject()) {
                return e.path("message").asText("");
            }
            return body.hasNonNull("message") ? body.path("message").asText("") : e.asText("");
        }

        String fix() {
            return body.path("fix").asText("");
        }
    }

    private final HttpClient http;
    private final String base;
    private final Optional<String> token;
    private final Duration timeout;

    public TutorClient(URI server, Optional<String> token, Duration timeout) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
        this.base = server.toString().replaceAll("/+$", "");
        this.token = token.filter(t -> !t.isBlank());
        this.timeout = timeout;
    }

    /** The server's address. */
    public String server() {
        return base;
    }

    /** Asks for a lesson; the answer is the lesson queued (follow it with {@link #await}). */
    public Lesson submit(LessonRequest request) throws InterruptedException {
        Answer a = send("POST", LESSONS, request.json());
        if (a.status() != 202 && a.status() != 200) {
            throw refusal(a, "ask for a lesson");
        }
        return Lesson.of(a.body());
    }

    /** The lesson {@code id} as it is now. */
    public Lesson lesson(String id) throws InterruptedException {
        Answer a = send("GET", LESSONS + "/" + encode(id), null);
        if (a.status() == 404) {
            throw new TutorUnavailableException(TutorUnavailableException.Reason.REFUSED,
                    "The server at " + base + " has no lesson " + id + " of yours.",
                    "See your lessons with `progy tutor --past`.", Optional.empty());
        }
        if (a.status() != 200) {
            throw refusal(a, "read the lesson");
        }
        return Lesson.of(a.body());
    }

    /**
     * Follows lesson {@code id} until it is done or failed, telling {@code onStatus} each new status, looking every
     * {@code every}, for at most {@code within}.
     */
    public Lesson await(Lesson queued, Duration every, Duration within, Pause pause,
                        java.util.function.Consumer<String> onStatus) throws InterruptedException {
        Lesson now = queued;
        String said = "";
        long deadline = System.nanoTime() + within.toNanos();
        while (!now.finished()) {
            if (!now.status().equals(said)) {
                said = now.status();
                onStatus.accept(said);
            }
            if (System.nanoTime() > deadline) {
                throw new TutorUnavailableException(TutorUnavailableException.Reason.SERVER,
                        "The tutor has not finished the lesson after " + within.toSeconds() + " s.",
                        "Read it later with `progy tutor --past " + now.id() + "`.", Optional.empty());
            }
            pause.sleep(every);
            now = lesson(now.id());
        }
        return now;
    }

    /** The account's lessons for an exercise of a course, newest first (either may be empty for all). */
    public List<Lesson> lessons(String course, String exercise) throws InterruptedException {
        StringBuilder q = new StringBuilder(LESSONS);
        String sep = "?";
        if (!course.isBlank()) {
            q.append(sep).append("course=").append(encode(course));
            sep = "&";
        }
        if (!exercise.isBlank()) {
            q.append(sep).append("exercise=").append(encode(exercise));
        }
        Answer a = send("GET", q.toString(), null);
        if (a.status() != 200) {
            throw refusal(a, "list your lessons");
        }
        List<Lesson> all = new ArrayList<>();
        a.body().path("lessons").forEach(n -> all.add(Lesson.of(n)));
        return all;
    }

    /** Rates lesson {@code id} from 1 to 5. */
    public void rate(String id, int stars) throws InterruptedException {
        ObjectNode body = JsonTrees.object().put("rating", stars);
        Answer a = send("POST", LESSONS + "/" + encode(id) + "/rating", JsonTrees.print(body));
        if (a.status() == 404) {
            throw new TutorUnavailableException(TutorUnavailableException.Reason.REFUSED,
                    "The server at " + base + " has no lesson " + id + " of yours.",
                    "See your lessons and their ids with `progy tutor --past`.", Optional.empty());
        }
        if (a.status() != 204 && a.status() != 200) {
            throw refusal(a, "rate the lesson");
        }
    }

    /** Sets the account's own model key; the key is sent once and never comes back. */
    public KeyStatus setKey(String provider, String key, Optional<String> model, Optional<String> baseUrl)
            throws InterruptedException {
        ObjectNode body = JsonTrees.object().put("provider", provider).put("key", key);
        model.ifPresent(m -> body.put("model", m));
        baseUrl.ifPresent(u -> body.put("baseUrl", u));
        Answer a = send("PUT", KEY, JsonTrees.print(body));
        if (a.status() != 200) {
            throw refusal(a, "store your key");
        }
        return keyStatus(a.body());
    }

    /** The account's own model key as the server shows it, if one is set. */
    public Optional<KeyStatus> key() throws InterruptedException {
        Answer a = send("GET", KEY, null);
        if (a.status() == 404) {
            return Optional.empty();
        }
        if (a.status() != 200) {
            throw refusal(a, "read your key's status");
        }
        return Optional.of(keyStatus(a.body()));
    }

    /** Removes the account's own model key. */
    public void removeKey() throws InterruptedException {
        Answer a = send("DELETE", KEY, null);
        if (a.status() != 204 && a.status() != 200 && a.status() != 404) {
            throw refusal(a, "remove your key");
        }
    }

    /** The plan and today's use of it. */
    public Usage usage() throws InterruptedException {
        Answer a = send("GET", USAGE, null);
        if (a.status() != 200) {
            throw refusal(a, "read your usage");
        }
        JsonNode b = a.body();
        return new Usage(b.path("plan").asText(""), b.path("day").asText(""), instant(b.path("resetsAt")),
                b.path("lessons").path("used").asLong(0), limit(b.path("lessons").path("limit")),
                b.path("tokens").path("used").asLong(0), limit(b.path("tokens").path("limit")),
                b.path("ownKey").asBoolean(false));
    }

    private static KeyStatus keyStatus(JsonNode b) {
        return new KeyStatus(b.path("provider").asText(""), b.path("last4").asText(""), b.path("model").asText(""),
                b.path("baseUrl").asText(""), instant(b.path("setAt")));
    }

    private static OptionalLong limit(JsonNode n) {
        return n.isNumber() ? OptionalLong.of(n.asLong()) : OptionalLong.empty();
    }

    private static Optional<Instant> instant(JsonNode n) {
        try {
            return n.isTextual() ? Optional.of(Instant.parse(n.asText())) : Optional.empty();
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private TutorUnavailableException refusal(Answer a, String what) {
        String said = a.error();
        String fix = a.fix();
        switch (a.status()) {
            case 401 -> {
                return new TutorUnavailableException(TutorUnavailableException.Reason.SIGNED_OUT,
                        "The server at " + base + " no longer accepts your saved token.",
                        "Sign in again with `progy login " + base + "`.", Optional.empty());
            }
            case 403 -> {
                boolean scope = said.toLowerCase(java.util.Locale.ROOT).contains("scope");
                return new TutorUnavailableException(scope ? TutorUnavailableException.Reason.SIGNED_OUT
                        : TutorUnavailableException.Reason.NO_PLAN,
                        scope ? "Your token for " + base + " may not use the tutor (it lacks the scope ai)."
                                : said.isBlank() ? "Your plan on " + base + " does not include the AI tutor." : sentence(said),
                        scope ? "Sign in again with `progy login " + base + "`; it asks for the scope ai."
                                : fix.isBlank() ? "Set a key of your own with `progy ai key set`, or ask the server's "
                                + "operator for a plan with AI." : fix, Optional.empty());
            }
            case 429 -> {
                Optional<Instant> resets = instant(a.body().path("resetsAt"));
                if (resets.isEmpty() && a.retryAfter().isPresent()) {
                    resets = Optional.of(Instant.now().plusSeconds(a.retryAfter().getAsLong()));
                }
                String limit = a.body().path("limit").asText("");
                String when = resets.map(t -> " It resets at " + SHOWN.format(t) + ".").orElse("");
                String why = switch (limit) {
                    case "lessons" -> "You have used all of today's tutor lessons on your plan.";
                    case "tokens" -> "You have used all of today's model tokens on your plan.";
                    default -> "Too many tutor requests in a short time.";
                };
                return new TutorUnavailableException(TutorUnavailableException.Reason.QUOTA, why + when,
                        limit.equals("rate") || limit.isBlank() ? "Wait a little and run `progy tutor` again."
                                : "`progy ai usage` shows your plan and limits; a key of your own (`progy ai key set`) "
                                + "lifts the server's limits.", resets);
            }
            default -> {
                boolean server = a.status() >= 500;
                return new TutorUnavailableException(server ? TutorUnavailableException.Reason.SERVER
                        : TutorUnavailableException.Reason.REFUSED,
                        "The server at " + base + " could not " + what + (said.isBlank() ? " (status " + a.status()
                                + ")." : ": " + sentence(said)),
                        !fix.isBlank() ? fix : server ? "Try again later." : "Update Progy, or tell the server's operator.",
                        Optional.empty());
            }
        }
    }

    private static String sentence(String s) {
        String t = s.strip();
        return t.endsWith(".") ? t : t + ".";
    }

    private Answer send(String method, String path, String json) throws InterruptedException {
        if (token.isEmpty()) {
            throw new TutorUnavailableException(TutorUnavailableException.Reason.SIGNED_OUT,
                    "You are not signed in to " + base + ".", "Sign in with `progy login " + base + "`.",
                    Optional.empty());
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .header("Accept", "application/json").header("Authorization", "Bearer " + token.get());
        if (json != null) {
            b.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new TutorUnavailableException(TutorUnavailableException.Reason.OFFLINE,
                    "Could not reach the Progy server at " + base + ".",
                    "Check your network connection, then run the command again.", Optional.empty());
        }
        JsonNode body;
        try {
            String text = r.body() == null ? "" : r.body();
            body = text.isBlank() ? JsonTrees.object() : JsonTrees.parse(text);
        } catch (RuntimeException e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            if (r.statusCode() >= 500 || r.statusCode() == 429 || r.statusCode() == 401) {
                body = JsonTrees.object();
            } else {
                throw new ProgyException("The server at " + base + " answered " + r.statusCode()
                        + " with something that is not a Progy server's JSON.",
                        "Check that the address names a Progy server (e.g. https://progy.example.org).");
            }
        }
        OptionalLong retry = r.headers().firstValue("Retry-After").map(v -> {
            try {
                return OptionalLong.of(Long.parseLong(v.trim()));
            } catch (NumberFormatException e) {
                return OptionalLong.empty();
            }
        }).orElse(OptionalLong.empty());
        return new Answer(r.statusCode(), body, retry);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
