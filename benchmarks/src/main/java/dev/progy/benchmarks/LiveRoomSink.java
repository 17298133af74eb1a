package dev.progy.benchmarks;

import io.javalin.Javalin;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A live-help room on loopback that takes what {@code progy share} streams and throws it away, counting it: the other
 * end of {@code run-share-benchmark.sh}, which times a command printing 50 MB inside a share against outside it.
 * It speaks the live API's room creation and student socket (progy-server/LIVE-PROTOCOL.md), accepting any bearer token. Prints its
 * address on the first line, then the characters received each time it is asked ({@code GET /count}). Its rooms say
 * they stream at most the real server's default of 1 MiB of output a second ({@code live-max-bytes}), or the first
 * argument's number of bytes (0: the room says nothing, as a server before it did).
 */
public final class LiveRoomSink {
    private LiveRoomSink() { }

    public static void main(String[] args) throws InterruptedException {
        long maxBytes = args.length > 0 ? Long.parseLong(args[0]) : 1_048_576;
        String limit = maxBytes > 0 ? ",\"maxBytesPerSecond\":" + maxBytes : "";
        AtomicLong received = new AtomicLong();
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.modifyWebSocketServletFactory(f -> f.setMaxTextMessageSize(1 << 22));
            config.routes.post("/api/v1/live/rooms", ctx -> ctx.status(201).contentType("application/json")
                    .result("{\"room\":\"bench\",\"invite\":\"BENC-H000\",\"inviteUrl\":\"http://127.0.0.1/live/BENC-H000\","
                            + "\"expiresAt\":\"\",\"socket\":\"/api/v1/live/rooms/bench/student\"" + limit + "}"));
            config.routes.get("/count", ctx -> ctx.result(Long.toString(received.get())));
            config.routes.ws("/api/v1/live/rooms/bench/student", ws -> ws.onMessage(ctx ->
                    received.addAndGet(ctx.message().length())));
        }).start("127.0.0.1", 0);
        System.out.println("http://127.0.0.1:" + app.port());
        System.out.flush();
        Thread.currentThread().join();
    }
}
