package dev.progy.server.tutor;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.progy.server.http.Access;
import dev.progy.server.http.HttpServer;
import dev.progy.server.http.Limits;
import dev.progy.server.http.RateClass;
import dev.progy.server.http.Reply;
import dev.progy.server.http.Route;
import dev.progy.sync.hub.HubTutor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The tutor's lessons (the README's "AI tutor" paragraph): {@code POST /api/v1/tutor/lessons} checks the model, the rate and the daily
 * quota, stores the request and queues the durable job {@code tutor.lesson} (202); the same body again within a
 * minute gets the same lesson. {@code GET} a lesson or the list (one's own only: another account's id is 404), and
 * {@code POST …/rating}.
 */
public final class TutorRoutes {

    public static final String LESSONS = "/api/v1/tutor/lessons";
    public static final String LESSON = "/api/v1/tutor/lessons/{id}";
    public static final String RATING = "/api/v1/tutor/lessons/{id}/rating";
    static final Limits BODY = new Limits(256 * 1024, 6, 64 * 1024);
    static final int LISTED = 50;
    private static final SecureRandom RANDOM = new SecureRandom();

    private TutorRoutes() { }

    public static List<Route> routes(Tutor tutor) {
        HubTutor store = tutor.store();
        return List.of(
                Route.post(LESSONS, Access.scope("ai"), BODY, x -> Tutor.guarded(() -> {
                    long account = x.caller().account();
                    byte[] body = x.body();
                    LessonRequest request = LessonRequest.parse(AiKeyRoutes.read(body));
                    String hash = sha256(body);
                    Optional<HubTutor.Lesson> same = store.sameRequest(account, hash,
                            tutor.clock().millis() - 60_000);
                    if (same.isPresent()) {
                        return accepted(same.get());
                    }
                    AiPlans.Plan plan = tutor.quota().planOf(account);
                    tutor.models().check(account, plan);
                    tutor.quota().admit(account, plan);
                    HubTutor.Lesson lesson = new HubTutor.Lesson(newId(), account, request.course(),
                            request.version(), request.exercise(), request.test(),
                            new String(body, StandardCharsets.UTF_8), hash, "queued", null, null, null, null, null,
                            tutor.clock().millis(), 0);
                    store.addLesson(lesson);
                    tutor.enqueue(lesson.id());
                    return accepted(lesson);
                })).rate(RateClass.AI),
                Route.get(LESSONS, Access.scope("ai"), x -> {
                    List<HubTutor.Lesson> all = store.lessons(x.caller().account(), x.query("course"),
                            x.query("exercise"), LISTED);
                    return Reply.json(200, HttpServer.json(g -> {
                        g.writeArrayFieldStart("lessons");
                        for (HubTutor.Lesson l : all) {
                            g.writeStartObject();
                            fields(g, l);
                            g.writeEndObject();
                        }
                        g.writeEndArray();
                    }));
                }),
                Route.get(LESSON, Access.scope("ai"), x -> Tutor.guarded(() -> {
                    HubTutor.Lesson l = own(store, x.pathParam("id"), x.caller().account());
                    return Reply.json(200, HttpServer.json(g -> fields(g, l)));
                })),
                Route.post(RATING, Access.scope("ai"), new Limits(1024, 2, 100), x -> Tutor.guarded(() -> {
                    JsonNode body = AiKeyRoutes.read(x.body());
                    JsonNode r = body.get("rating");
                    if (r == null || !r.isIntegralNumber() || r.asInt() < 1 || r.asInt() > 5) {
                        throw AiKeyRoutes.bad("A rating is a whole number from 1 to 5: {\"rating\": 4}.");
                    }
                    HubTutor.Lesson l = own(store, x.pathParam("id"), x.caller().account());
                    store.rate(l.id(), x.caller().account(), r.asInt());
                    return new Reply(204, "application/json", new byte[0]);
                })));
    }

    private static HubTutor.Lesson own(HubTutor store, String id, long account) {
        return store.lesson(id).filter(l -> l.account() == account).orElseThrow(() -> new Refused(404, "not_found",
                "You have no lesson " + id + ".", "List your lessons with `progy tutor --list`."));
    }

    private static Reply accepted(HubTutor.Lesson l) {
        return Reply.json(202, HttpServer.json(g -> {
            g.writeStringField("id", l.id());
            g.writeStringField("status", l.status());
            g.writeStringField("poll", LESSONS + "/" + l.id());
        }));
    }

    /** A lesson's fields as the contract names them. */
    static void fields(JsonGenerator g, HubTutor.Lesson l) throws IOException {
        g.writeStringField("id", l.id());
        g.writeStringField("status", l.status());
        g.writeStringField("course", l.course());
        g.writeStringField("exercise", l.exercise());
        g.writeStringField("test", l.test());
        g.writeStringField("createdAt", Instant.ofEpochMilli(l.createdMs()).toString());
        if (l.misconception() != null) {
            g.writeFieldName("misconception");
            g.writeRawValue(l.misconception()); // written by the job from a parsed tree: valid JSON
        }
        if (l.lesson() != null) {
            g.writeStringField("lesson", l.lesson());
        }
        if (l.source() != null) {
            g.writeStringField("source", l.source());
        }
        if (l.rating() == null) {
            g.writeNullField("rating");
        } else {
            g.writeNumberField("rating", l.rating());
        }
        if (l.error() != null) {
            g.writeStringField("error", l.error());
        }
    }

    private static String newId() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
