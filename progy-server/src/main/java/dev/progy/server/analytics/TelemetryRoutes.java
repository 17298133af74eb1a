package dev.progy.server.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.progy.server.http.Access;
import dev.progy.server.http.ApiException;
import dev.progy.server.http.HttpServer;
import dev.progy.server.http.Limits;
import dev.progy.server.http.Reply;
import dev.progy.server.http.Route;
import dev.progy.sync.hub.HubTelemetry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The CLI's anonymous telemetry (the README's "Course analytics" paragraph):
 * <ul>
 *   <li>{@code POST /api/v1/telemetry} (anyone, rate class WRITE): a batch of at most {@value #MOST_EVENTS} events
 *       under a random installation id. A body that breaks the format (an unknown field, a missing one, a value out
 *       of range, too many events) is refused whole (400); an event for a course version the registry does not
 *       serve, or dated outside what is kept, is refused alone. A batch key sent again stores nothing and gets the
 *       first answer, with {@code "duplicate": true}.</li>
 *   <li>{@code DELETE /api/v1/telemetry/installations/{installation}} (anyone who knows the random id): erases that
 *       installation's raw events.</li>
 * </ul>
 */
public final class TelemetryRoutes {

    public static final String TELEMETRY = "/api/v1/telemetry";
    public static final String INSTALLATION = "/api/v1/telemetry/installations/{installation}";
    static final int MOST_EVENTS = 500;
    static final Limits BODY = new Limits(256 * 1024, 4, 1000);

    static final Set<String> TYPES = Set.of("exercise_started", "run_failed", "exercise_passed", "hint_shown",
            "quiz_graded", "lesson_given", "lesson_rated");
    static final Set<String> KINDS = Set.of("compile_error", "test_failed", "timeout", "out_of_memory", "crashed",
            "other");
    private static final Set<String> TOP = Set.of("batch", "installation", "events");
    private static final Set<String> EVENT = Set.of("type", "course", "version", "exercise", "attempt",
            "since_start_ms", "at", "signature", "value");
    private static final Set<String> SIGNATURE = Set.of("kind", "test", "message");
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern COURSE = Pattern.compile("@[a-z0-9][a-z0-9-]{0,49}/[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z.+-]{1,64}");
    private static final Pattern EXERCISE = Pattern.compile("[A-Za-z0-9._/-]{1,200}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private TelemetryRoutes() { }

    /** The routes; events older than {@code keepDays} days or over a day ahead are refused. */
    public static List<Route> routes(HubTelemetry store, Clock clock, int keepDays) {
        return List.of(
                Route.post(TELEMETRY, Access.anyone(), BODY, x -> {
                    byte[] body = x.body();
                    JsonNode root;
                    try {
                        root = JSON.readTree(body);
                    } catch (IOException e) {
                        throw bad("The body is not JSON; send {\"batch\", \"installation\", \"events\"}.");
                    }
                    Batch b = parse(root);
                    Instant now = clock.instant();
                    Set<String> pairs = new LinkedHashSet<>();
                    for (HubTelemetry.Event e : b.events()) {
                        pairs.add(e.course() + " " + e.version());
                    }
                    Set<String> live = store.liveVersions(pairs);
                    List<HubTelemetry.Event> kept = new ArrayList<>();
                    List<String[]> refused = new ArrayList<>();
                    for (int i = 0; i < b.events().size(); i++) {
                        HubTelemetry.Event e = b.events().get(i);
                        if (!live.contains(e.course() + " " + e.version())) {
                            refused.add(new String[] {String.valueOf(i), "The registry serves no course " + e.course()
                                    + " version " + e.version() + "."});
                        } else if (e.atMs() > now.plus(Duration.ofDays(1)).toEpochMilli()) {
                            refused.add(new String[] {String.valueOf(i), "The event is dated in the future."});
                        } else if (e.atMs() < now.minus(Duration.ofDays(keepDays)).toEpochMilli()) {
                            refused.add(new String[] {String.valueOf(i), "The event is older than the " + keepDays
                                    + " days events are kept."});
                        } else {
                            kept.add(e);
                        }
                    }
                    String answer = new String(HttpServer.json(g -> {
                        g.writeNumberField("accepted", kept.size());
                        g.writeArrayFieldStart("refused");
                        for (String[] r : refused) {
                            g.writeStartObject();
                            g.writeNumberField("index", Integer.parseInt(r[0]));
                            g.writeStringField("reason", r[1]);
                            g.writeEndObject();
                        }
                        g.writeEndArray();
                    }), StandardCharsets.UTF_8);
                    HubTelemetry.Stored stored = store.store(b.batch(), kept, answer);
                    String reply = stored.answer().substring(0, stored.answer().length() - 1)
                            + ",\"duplicate\":" + stored.duplicate() + "}";
                    return Reply.json(200, reply.getBytes(StandardCharsets.UTF_8));
                }),
                Route.delete(INSTALLATION, Access.anyone(), x -> {
                    String id = x.pathParam("installation");
                    if (!HEX.matcher(id).matches()) {
                        throw bad("An installation id is 32 lower-case hexadecimal digits.");
                    }
                    long erased = store.forget(id);
                    return Reply.json(200, HttpServer.json(g -> g.writeNumberField("erased", erased)));
                }));
    }

    record Batch(String batch, List<HubTelemetry.Event> events) { }

    static Batch parse(JsonNode root) {
        if (!root.isObject()) {
            throw bad("The body should be a JSON object with batch, installation and events.");
        }
        fields(root, TOP, "the batch");
        String batch = hex(root, "batch");
        String installation = hex(root, "installation");
        JsonNode events = root.get("events");
        if (events == null || !events.isArray()) {
            throw bad("The batch has no events array.");
        }
        if (events.size() > MOST_EVENTS) {
            throw bad("A batch holds at most " + MOST_EVENTS + " events, not " + events.size()
                    + "; send the rest in another batch.");
        }
        List<HubTelemetry.Event> all = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            all.add(event(events.get(i), i, installation));
        }
        return new Batch(batch, all);
    }

    private static HubTelemetry.Event event(JsonNode e, int i, String installation) {
        String where = "event " + i;
        if (!e.isObject()) {
            throw bad("The " + where + " should be a JSON object.");
        }
        fields(e, EVENT, "the " + where);
        String type = text(e, "type", where);
        if (!TYPES.contains(type)) {
            throw bad("The " + where + " has the unknown type \"" + type + "\"; types are " + String.join(", ",
                    new java.util.TreeSet<>(TYPES)) + ".");
        }
        String course = matching(e, "course", COURSE, where, "an @scope/name");
        String version = matching(e, "version", VERSION, where, "a version such as 1.2.0");
        String exercise = matching(e, "exercise", EXERCISE, where, "an exercise id such as basics/hello");
        long attempt = number(e, "attempt", where, 0, 100_000);
        long since = number(e, "since_start_ms", where, 0, 10L * 365 * 24 * 3600 * 1000);
        long at;
        try {
            at = Instant.parse(text(e, "at", where)).toEpochMilli();
        } catch (DateTimeParseException ex) {
            throw bad("The " + where + " has an \"at\" that is not a UTC time such as 2026-12-06T17:00:00Z.");
        }
        String kind = null;
        String test = null;
        String message = null;
        JsonNode sig = e.get("signature");
        if (sig != null) {
            if (!type.equals("run_failed")) {
                throw bad("The " + where + " has a signature, which only run_failed events have.");
            }
            if (!sig.isObject()) {
                throw bad("The signature of " + where + " should be a JSON object.");
            }
            fields(sig, SIGNATURE, "the signature of " + where);
            kind = text(sig, "kind", "the signature of " + where);
            if (!KINDS.contains(kind)) {
                throw bad("The signature of " + where + " has the unknown kind \"" + kind + "\".");
            }
            if (sig.has("test")) {
                if (!kind.equals("test_failed")) {
                    throw bad("The signature of " + where + " names a test, which only test_failed has.");
                }
                test = text(sig, "test", "the signature of " + where);
                if (test.isEmpty() || test.length() > 200) {
                    throw bad("The test name of " + where + " should be 1 to 200 characters.");
                }
            }
            if (sig.has("message")) {
                message = text(sig, "message", "the signature of " + where);
                if (message.length() > 200) {
                    throw bad("The message of " + where + " is over 200 characters.");
                }
            }
        }
        Integer value = null;
        if (type.equals("quiz_graded") || type.equals("lesson_rated")) {
            long most = type.equals("quiz_graded") ? 100 : 5;
            long least = type.equals("quiz_graded") ? 0 : 1;
            if (!e.has("value")) {
                throw bad("The " + where + " (" + type + ") has no value.");
            }
            value = (int) number(e, "value", where, least, most);
        } else if (e.has("value")) {
            throw bad("The " + where + " has a value, which only quiz_graded and lesson_rated events have.");
        }
        return new HubTelemetry.Event(installation, type, course, version, exercise, (int) attempt, since, at, kind,
                test, message, value);
    }

    private static void fields(JsonNode node, Set<String> known, String what) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw bad("The field \"" + name + "\" of " + what + " is not one telemetry has; fields are "
                        + String.join(", ", new java.util.TreeSet<>(known)) + ".");
            }
        }
    }

    private static String hex(JsonNode root, String name) {
        JsonNode v = root.get(name);
        if (v == null || !v.isTextual() || !HEX.matcher(v.asText()).matches()) {
            throw bad("The " + name + " should be 32 lower-case hexadecimal digits (a random 128-bit id).");
        }
        return v.asText();
    }

    private static String text(JsonNode node, String name, String where) {
        JsonNode v = node.get(name);
        if (v == null || !v.isTextual()) {
            throw bad("The " + where + " has no " + name + " text.");
        }
        return v.asText();
    }

    private static String matching(JsonNode node, String name, Pattern p, String where, String what) {
        String v = text(node, name, where);
        if (!p.matcher(v).matches()) {
            throw bad("The " + name + " of " + where + " should be " + what + ".");
        }
        return v;
    }

    private static long number(JsonNode node, String name, String where, long least, long most) {
        JsonNode v = node.get(name);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < least || v.asLong() > most) {
            throw bad("The " + name + " of " + where + " should be a whole number from " + least + " to " + most
                    + ".");
        }
        return v.asLong();
    }

    private static ApiException bad(String message) {
        return new ApiException(400, "bad_request", message);
    }
}
