package dev.progy.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.fail;

/** One end of a live socket as the CLI opens it: the JDK's WebSocket client, frames queued as they arrive. */
final class LiveSocket implements WebSocket.Listener, AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;
    private volatile boolean reading = true;

    /** Opens {@code path} on {@code server} with {@code headers} (name, value pairs). */
    static LiveSocket open(String server, String path, String... headers) {
        LiveSocket s = new LiveSocket();
        WebSocket.Builder b = CLIENT.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        s.socket = b.buildAsync(URI.create(server.replace("http://", "ws://") + path), s).join();
        return s;
    }

    static LiveSocket bearer(String server, String path, String token) {
        return open(server, path, "Authorization", "Bearer " + token);
    }

    /** The HTTP status an upgrade to {@code path} is refused with (fails when it is accepted). */
    static int refused(String server, String path, String... headers) {
        try {
            LiveSocket s = open(server, path, headers);
            // accepted: a refusal after the upgrade still counts as open, which is what this must not be
            s.close();
            return fail("the socket " + path + " was opened");
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h) {
                return h.getResponse().statusCode();
            }
            throw e;
        }
    }

    /** Stops reading frames (after the one being read): the server's frames pile up on the way, as on a slow link. */
    void stopReading() {
        reading = false;
    }

    void startReading() {
        reading = true;
        socket.request(1);
    }

    synchronized void send(String text) {
        socket.sendText(text, true).join();
    }

    /** The next frame, waiting up to 10 s. */
    JsonNode next() {
        return next(Duration.ofSeconds(10));
    }

    JsonNode next(Duration wait) {
        try {
            JsonNode n = frames.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            if (n == null) {
                fail("no frame arrived within " + wait);
            }
            return n;
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The next frame of kind {@code t}, skipping others (returned in {@code skipped} when given). */
    JsonNode next(String t, List<JsonNode> skipped) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < until) {
            JsonNode n = next(Duration.ofNanos(Math.max(1, until - System.nanoTime())));
            if (n.path("t").asText().equals(t)) {
                return n;
            }
            if (skipped != null) {
                skipped.add(n);
            }
        }
        return fail("no " + t + " frame within 15 s");
    }

    JsonNode next(String t) {
        return next(t, null);
    }

    /** Every frame that arrives within {@code wait}. */
    List<JsonNode> drain(Duration wait) {
        List<JsonNode> all = new ArrayList<>();
        long until = System.nanoTime() + wait.toNanos();
        try {
            while (true) {
                long left = until - System.nanoTime();
                if (left <= 0) {
                    return all;
                }
                JsonNode n = frames.poll(left, TimeUnit.NANOSECONDS);
                if (n != null) {
                    all.add(n);
                }
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean isClosed(Duration wait) {
        try {
            closed.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                frames.add(JSON.readTree(partial.toString()));
            } catch (Exception e) {
                throw new IllegalStateException("the server sent a frame that is not JSON: " + partial, e);
            }
            partial.setLength(0);
        }
        if (reading) {
            webSocket.request(1);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(-1);
    }

    @Override
    public void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            socket.abort();
        }
    }
}
