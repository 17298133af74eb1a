package dev.progy.server;

import dev.progy.model.ProgressRecord;
import dev.progy.sync.wire.SyncRequest;
import dev.progy.sync.wire.SyncResponse;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** The sync endpoint spoken to directly, to see cursors, statuses and error bodies. */
final class RawSync {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    record Answer(int status, String body) {
        SyncResponse sync() {
            try {
                return SyncResponse.read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
            } catch (Exception e) {
                throw new AssertionError("not a sync response (" + status + "): " + body, e);
            }
        }
    }

    private RawSync() { }

    static Answer post(String base, String token, SyncRequest request) throws IOException, InterruptedException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        request.write(body);
        return post(base, token, body.toString(StandardCharsets.UTF_8));
    }

    static Answer post(String base, String token, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + dev.progy.server.sync.SyncRoutes.SYNC))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body());
    }

    static Answer get(String url) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body());
    }

    /** An exercise record with {@code attempts} attempts on {@code device}. */
    static ProgressRecord exercise(String item, String device, long attempts) {
        return new ProgressRecord(new ProgressRecord.Key(Student.COURSE, ProgressRecord.Kind.EXERCISE, item),
                ProgressRecord.Status.ATTEMPTED, Map.of(device, attempts), Optional.empty(), 0, 0, 0,
                Optional.empty(), new TreeSet<>(), new TreeSet<>(), 0);
    }

    static SyncRequest push(String key, List<ProgressRecord> records) {
        return new SyncRequest(key, "test-device", 0, 1, records);
    }

    /** A pull from the start, as a body. */
    static String pullBody() {
        return "{\"key\":\"pull\",\"device\":\"reader\",\"cursor\":0,\"limit\":100,\"push\":[]}";
    }

    static SyncRequest pull(long cursor) {
        return new SyncRequest("pull-" + cursor, "test-reader", cursor, 0, List.of());
    }
}
