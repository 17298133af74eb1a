package dev.progy.sync.telemetry;

import dev.progy.error.ProgyException;
import dev.progy.sync.registry.HttpRegistry;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Sends the queue to {@code POST /api/v1/telemetry} in batches of at most {@value #BATCH} events. The next batch is
 * fixed before it is first sent — its events and its idempotency key are stored — so that {@code progy telemetry
 * show} prints the very bytes that are sent, and a retry after a lost answer repeats them and is counted once. A
 * failed send waits before the next try, doubling from a minute up to a day. No token or account is ever sent.
 */
public final class TelemetrySender {

    /** Events per batch at most (the server's limit). */
    public static final int BATCH = 500;
    static final String PATH = "/api/v1/telemetry";
    private static final Duration FIRST_WAIT = Duration.ofMinutes(1);
    private static final Duration LONGEST_WAIT = Duration.ofDays(1);

    private final TelemetryStore store;
    private final URI server;
    private final Duration timeout;

    /** Sends {@code store}'s events to {@code server}, waiting at most {@code timeout} for each answer. */
    public TelemetrySender(TelemetryStore store, URI server, Duration timeout) {
        this.store = store;
        this.server = server;
        this.timeout = timeout;
    }

    /**
     * The body of the next batch, exactly as it will be sent, fixing its key if it is not fixed yet; empty when
     * nothing waits or telemetry is off.
     */
    public static Optional<byte[]> nextBody(TelemetryStore store) {
        if (!store.enabled()) {
            return Optional.empty();
        }
        return store.update(p -> body(p, store.lines()));
    }

    private static Optional<byte[]> body(Properties p, List<String> queue) {
        if (queue.isEmpty() || p.getProperty("installation") == null) {
            return Optional.empty();
        }
        int count;
        String key = p.getProperty("batch");
        if (key == null) {
            key = TelemetryStore.randomHex();
            count = Math.min(BATCH, queue.size());
            p.setProperty("batch", key);
            p.setProperty("batch_count", Integer.toString(count));
            p.setProperty("batch_tries", "0");
        } else {
            count = Math.min(Integer.parseInt(p.getProperty("batch_count")), queue.size());
        }
        StringBuilder sb = new StringBuilder(64 + count * 200).append("{\"batch\":");
        Json.string(sb, key).append(",\"installation\":");
        Json.string(sb, p.getProperty("installation")).append(",\"events\":[");
        for (int i = 0; i < count; i++) {
            sb.append(i == 0 ? "" : ",").append(queue.get(i));
        }
        return Optional.of(sb.append("]}").toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Whether a send is due: something waits, telemetry is on and no failed send asks to wait still. */
    public static boolean due(TelemetryStore store, Instant now) {
        return due(store.read(), now);
    }

    static boolean due(Properties p, Instant now) {
        return "on".equals(p.getProperty("consent")) && !"0".equals(p.getProperty("queued", "0"))
                && Optional.ofNullable(p.getProperty("next_try")).map(t -> !now.isBefore(Instant.parse(t))).orElse(true);
    }

    /**
     * Sends batches until the queue is empty or a send fails; the events sent. A failure is remembered with the time
     * of the next try and reported.
     *
     * @throws ProgyException when the server cannot be reached or refuses the batch
     */
    public int sendAll(Instant now) {
        int sent = 0;
        HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build();
        while (true) {
            Optional<byte[]> body = nextBody(store);
            if (body.isEmpty()) {
                return sent;
            }
            int status;
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(server.resolve(PATH)).timeout(timeout)
                        .header("Content-Type", "application/json").header("User-Agent", HttpRegistry.userAgent())
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.get())).build(),
                        HttpResponse.BodyHandlers.ofString());
                status = answer.statusCode();
            } catch (IOException e) {
                status = -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                status = -1;
            }
            if (status / 100 != 2) {
                backOff(now);
                throw new ProgyException(status < 0 ? "The telemetry server " + server + " could not be reached."
                        : "The telemetry server " + server + " refused the batch (HTTP " + status + ").",
                        "Nothing is lost: the events stay queued and are sent again later with the same batch key.");
            }
            sent += store.update(p -> {
                int count = Integer.parseInt(p.getProperty("batch_count", "0"));
                List<String> queue = store.lines();
                int done = Math.min(count, queue.size());
                store.rewriteQueue(queue.subList(done, queue.size()));
                p.setProperty("queued", Integer.toString(queue.size() - done));
                for (String k : List.of("batch", "batch_count", "batch_tries", "next_try")) {
                    p.remove(k);
                }
                return done;
            });
        }
    }

    /**
     * Erases this installation's events on the server ({@code DELETE /api/v1/telemetry/installations/{id}}), then
     * forgets it here; true when the server had an installation to erase (or nothing was ever sent).
     *
     * @throws ProgyException when the server cannot be reached or refuses
     */
    public void forget(Instant now) {
        Optional<String> id = store.installation();
        if (id.isPresent()) {
            int status;
            try {
                status = HttpClient.newBuilder().connectTimeout(timeout).build().send(HttpRequest.newBuilder(
                        server.resolve(PATH + "/installations/" + id.get())).timeout(timeout)
                        .header("User-Agent", HttpRegistry.userAgent()).DELETE().build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                status = -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                status = -1;
            }
            if (status / 100 != 2 && status != 404) {
                throw new ProgyException(status < 0 ? "The telemetry server " + server + " could not be reached."
                        : "The telemetry server " + server + " refused to erase this installation (HTTP " + status + ").",
                        "Nothing was forgotten; try `progy telemetry forget` again later.");
            }
        }
        store.forget(now);
    }

    private void backOff(Instant now) {
        store.update(p -> {
            int tries = Integer.parseInt(p.getProperty("batch_tries", "0")) + 1;
            p.setProperty("batch_tries", Integer.toString(tries));
            Duration wait = FIRST_WAIT.multipliedBy(1L << Math.min(tries - 1, 20));
            p.setProperty("next_try", now.plus(wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait).toString());
            return null;
        });
    }
}
