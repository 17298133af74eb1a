package dev.progy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.websocket.WsContext;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A scripted live-help server on loopback that speaks the live API's contract (progy-server/LIVE-PROTOCOL.md) and nothing more: one
 * room, one invite, one viewer. It records every frame the CLI sends, and a test makes it send frames as the real
 * server would (a request to watch, chat, a snapshot, the end).
 */
final class LiveFake implements AutoCloseable {
    static final String TOKEN = "progy_live-test-token";
    static final String INVITE = "K7QH-2MXD";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Javalin app;
    final BlockingQueue<JsonNode> fromStudent = new LinkedBlockingQueue<>();
    final List<JsonNode> allFromStudent = new CopyOnWriteArrayList<>();
    final BlockingQueue<JsonNode> fromViewer = new LinkedBlockingQueue<>();
    final List<JsonNode> roomsCreated = new CopyOnWriteArrayList<>();
    final StringBuilder output = new StringBuilder();
    final java.util.concurrent.atomic.AtomicInteger studentConnects = new java.util.concurrent.atomic.AtomicInteger();
    private volatile WsContext student;
    private volatile WsContext viewer;
    /** The viewer socket's first frames, sent as it connects. */
    volatile List<String> onViewerConnect = List.of("{\"t\":\"waiting\"}");

    LiveFake() {
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.post("/api/v1/live/rooms", ctx -> {
                if (!("Bearer " + TOKEN).equals(ctx.header("Authorization"))) {
                    ctx.status(401).result("{\"error\":\"Sign in first.\"}");
                    return;
                }
                roomsCreated.add(JSON.readTree(ctx.body()));
                String base = "http://127.0.0.1:" + ctx.port();
                ctx.status(201).contentType("application/json").result("{\"room\":\"r1\",\"invite\":\"" + INVITE
                        + "\",\"inviteUrl\":\"" + base + "/live/" + INVITE + "\",\"expiresAt\":\"2026-12-06T20:15:00Z\","
                        + "\"socket\":\"/api/v1/live/rooms/r1/student\"}");
            });
            config.routes.post("/api/v1/live/rooms/r1/invites", ctx -> ctx.status(201).contentType("application/json")
                    .result("{\"invite\":\"ZZZZ-9999\",\"inviteUrl\":\"http://x/live/ZZZZ-9999\",\"expiresAt\":\"x\"}"));
            config.routes.post("/api/v1/live/join", ctx -> {
                JsonNode body = JSON.readTree(ctx.body());
                if (!("Bearer " + TOKEN).equals(ctx.header("Authorization"))) {
                    ctx.status(401).result("{}");
                } else if (!INVITE.equals(body.path("invite").asText())) {
                    ctx.status(404).contentType("application/json").result("{\"error\":\"This invite is unknown or has "
                            + "expired.\",\"fix\":\"Ask the student for a fresh invite.\"}");
                } else {
                    ctx.status(202).contentType("application/json").result("{\"viewer\":\"v1\",\"room\":\"r1\","
                            + "\"socket\":\"/api/v1/live/rooms/r1/view/v1\"}");
                }
            });
            config.routes.ws("/api/v1/live/rooms/r1/student", ws -> {
                ws.onConnect(ctx -> {
                    if (!("Bearer " + TOKEN).equals(ctx.header("Authorization"))) {
                        ctx.closeSession(1008, "not yours");
                        return;
                    }
                    student = ctx;
                    studentConnects.incrementAndGet();
                });
                ws.onMessage(ctx -> {
                    JsonNode f = JSON.readTree(ctx.message());
                    if ("o".equals(f.path("t").asText())) {
                        synchronized (output) {
                            output.append(f.path("d").asText());
                        }
                    }
                    allFromStudent.add(f);
                    fromStudent.add(f);
                });
            });
            config.routes.ws("/api/v1/live/rooms/r1/view/v1", ws -> {
                ws.onConnect(ctx -> {
                    viewer = ctx;
                    onViewerConnect.forEach(ctx::send);
                });
                ws.onMessage(ctx -> fromViewer.add(JSON.readTree(ctx.message())));
            });
        }).start("127.0.0.1", 0);
    }

    String url() {
        return "http://127.0.0.1:" + app.port();
    }

    /** Sends {@code json} to the student socket, once it is connected. */
    void toStudent(String json) {
        awaitTrue(() -> student != null, "the student socket to connect");
        student.send(json);
    }

    /** Sends {@code json} to the viewer socket, once it is connected. */
    void toViewer(String json) {
        awaitTrue(() -> viewer != null, "the viewer socket to connect");
        viewer.send(json);
    }

    /** Drops the student's connection, as a network failure or a server restart would. */
    void dropStudent() {
        WsContext s = student;
        student = null;
        s.closeSession(1001, "going away");
    }

    void closeViewer() {
        viewer.closeSession();
    }

    /** The output the student's CLI sent so far. */
    String output() {
        synchronized (output) {
            return output.toString();
        }
    }

    /** The frames, each cut to 120 characters, the first and last 20 when there are more: for a failure's message. */
    private static String shortened(List<JsonNode> frames) {
        List<String> shown = new java.util.ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            if (i == 20 && frames.size() > 40) {
                shown.add("… " + (frames.size() - 40) + " more …");
                i = frames.size() - 20;
            }
            String f = frames.get(i).toString();
            shown.add(f.length() <= 120 ? f : f.substring(0, 120) + "…(" + f.length() + " characters)");
        }
        return String.join(", ", shown);
    }

    /** The next frame from the student that {@code wanted} accepts (others are skipped), within ten seconds. */
    JsonNode awaitFromStudent(Predicate<JsonNode> wanted, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < end) {
            JsonNode f = fromStudent.poll(100, TimeUnit.MILLISECONDS);
            if (f != null && wanted.test(f)) {
                return f;
            }
        }
        throw new AssertionError("no " + what + " from the student; it sent " + allFromStudent.size() + " frames: "
                + shortened(allFromStudent));
    }

    /** Waits until the student's output contains {@code text}. */
    void awaitOutput(String text) {
        awaitTrue(() -> output().contains(text), "\"" + text + "\" in the room; it got:\n" + output());
    }

    static void awaitTrue(java.util.function.BooleanSupplier condition, String what) {
        awaitTrue(condition, what, Duration.ofSeconds(15));
    }

    static void awaitTrue(java.util.function.BooleanSupplier condition, String what, Duration within) {
        long end = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Override
    public void close() {
        app.stop();
    }
}
