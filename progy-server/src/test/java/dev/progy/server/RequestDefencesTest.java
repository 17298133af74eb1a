package dev.progy.server;

import dev.progy.server.http.Probes;
import dev.progy.server.sync.SyncRoutes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The findings of a probe of the first sync server (issue 13), each reproduced against a running server: bodies
 * past the limit, slow uploads, unbounded and invalid texts, overflowing counters, method override, text after
 * the JSON, a world-readable database file, 500s that showed the database.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
@DisplayName("Request defences, on SQLite")
class RequestDefencesTest {

    @TempDir
    Path tmp;

    ProgyServer server;
    String url;
    String token;

    String database;

    /** A new, empty database. */
    protected String database() {
        return TestDatabases.sqlite(tmp);
    }

    void start(String... settings) {
        database = database();
        server = TestServers.start(database, settings);
        url = TestServers.url(server);
        token = server.accounts().create("ada");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        TestDatabases.drop(database);
    }

    private static String record(String course, String item, String extra) {
        return "{\"course\":\"" + course + "\",\"kind\":\"exercise\",\"item\":\"" + item
                + "\",\"status\":\"passed\"" + extra + "}";
    }

    private static String push(String key, String... records) {
        return "{\"key\":\"" + key + "\",\"device\":\"d1\",\"cursor\":0,\"limit\":100,\"push\":["
                + String.join(",", records) + "]}";
    }

    private RawSync.Answer post(String body) throws Exception {
        return RawSync.post(url, token, body);
    }

    @Test
    @DisplayName("a body past the route's limit is refused with 413, by its length or as soon as a chunked body passes it")
    void bodiesAreCapped() throws Exception {
        start("sync-body-limit", "1048576");
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("POST " + SyncRoutes.SYNC + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                    + token + "\r\nContent-Type: application/json\r\nContent-Length: 314572800\r\n\r\n{")
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(s.getInputStream().readNBytes(400), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 413 Payload Too Large")
                    .contains("{\"error\":\"too_large\",\"message\":");
        }

        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST " + SyncRoutes.SYNC + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = " ".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 24; i++) { // 1.5 MiB, never ending the body
                out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(chunk);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
            String status = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            assertThat(status).isEqualTo("HTTP/1.1 413 Payload Too Large");
        }
    }

    @Test
    @DisplayName("a body a little over the limit, sent whole, is read to its end and answered 413, so the answer is not "
            + "lost to a reset; one that stops coming is answered 413 when the connection's idle timeout ends it")
    void aLittleOverIsAnsweredAfterItsBody() throws Exception {
        start("sync-body-limit", "1048576", "idle-timeout", "3");
        byte[] body = " ".repeat(1536 * 1024).getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 10; i++) {
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                s.setSoTimeout(10_000);
                OutputStream out = s.getOutputStream();
                out.write(("POST " + SyncRoutes.SYNC + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token
                        + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(body); // returns only once the server has read most of it: it is not refused unread
                out.flush();
                String status = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
                        .readLine();
                assertThat(status).isEqualTo("HTTP/1.1 413 Payload Too Large");
            }
        }
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(15_000);
            s.getOutputStream().write(("POST " + SyncRoutes.SYNC + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                    + token + "\r\nContent-Type: application/json\r\nContent-Length: 2000000\r\n\r\n{")
                    .getBytes(StandardCharsets.US_ASCII));
            long t0 = System.nanoTime();
            String status = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            assertThat(status).isEqualTo("HTTP/1.1 413 Payload Too Large");
            // as long as a stalled body within the limit holds its slot (a read waits for the idle timeout), no longer
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    @DisplayName("40 slow uploads of one account hold its two body slots, not the server: health and other accounts are answered, the rest get 503, the slow ones 408")
    void slowUploadsDoNotStarveTheServer() throws Exception {
        // a starved server would answer health only when the slow bodies' deadline ends them: after 4 s
        start("threads", "16", "uploads", "4", "body-deadline", "4", "idle-timeout", "6", "min-data-rate", "1");
        String slowToken = server.accounts().create("slow");
        List<Socket> slow = new ArrayList<>();
        List<String> statuses = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                Socket s = new Socket("127.0.0.1", server.port());
                s.setSoTimeout(15_000);
                s.getOutputStream().write(("POST " + SyncRoutes.SYNC + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                        + slowToken + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{")
                        .getBytes(StandardCharsets.US_ASCII));
                slow.add(s);
            }
            for (int round = 0; round < 6; round++) {
                for (Socket s : slow) {
                    if (!s.isClosed() && s.getInputStream().available() > 0) { // answered already
                        statuses.add(new BufferedReader(new InputStreamReader(s.getInputStream(),
                                StandardCharsets.US_ASCII)).readLine());
                        s.close();
                    } else if (!s.isClosed()) {
                        try {
                            s.getOutputStream().write(' ');
                        } catch (IOException e) {
                            s.close();
                        }
                    }
                }
                long t0 = System.nanoTime();
                RawSync.Answer health = RawSync.get(url + Probes.HEALTH);
                long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                assertThat(health.status()).isEqualTo(200);
                assertThat(ms).as("health answered while slow uploads are open (a loaded machine is slow)")
                        .isLessThan(3500);
                assertThat(post(RawSync.pullBody()).status()).as("another account still syncs").isEqualTo(200);
                Thread.sleep(1000);
            }
            for (Socket s : slow) {
                if (!s.isClosed()) {
                    statuses.add(new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
                            .readLine());
                }
            }
            assertThat(statuses).as(statuses.toString()).hasSize(40)
                    .contains("HTTP/1.1 503 Service Unavailable", "HTTP/1.1 408 Request Timeout");
            assertThat(statuses).allMatch(l -> l == null || l.startsWith("HTTP/1.1 503") || l.startsWith("HTTP/1.1 408"));
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
    }

    @Test
    @DisplayName("every field is bounded: a 19 MB item id, a long course id, 2^63-1 attempts, a score of 101 are refused with 400")
    void fieldsAreBounded() throws Exception {
        start();
        List<String> refused = List.of(
                push("k1", record("c", "x".repeat(19 * 1024 * 1024 / 100), "")),
                push("k2", record("c".repeat(201), "x", "")),
                push("k3", record("c", "x", ",\"attempts\":{\"d1\":9223372036854775807}")),
                push("k4", record("c", "x", ",\"best\":101")),
                push("k5", record("c", "x", ",\"attempts\":{\"" + "d".repeat(101) + "\":1}")),
                push("k6", record("c", "x", ",\"latest\":{\"stamp\":9223372036854775807,\"device\":\"d1\",\"verdict\":\"pass\"}")));
        for (String body : refused) {
            RawSync.Answer a = post(body);
            assertThat(a.status()).as(a.body()).isEqualTo(400);
            assertThat(a.body()).startsWith("{\"error\":\"bad_request\",\"message\":");
        }
        assertThat(post(RawSync.pullBody()).body()).contains("\"cursor\":0");
    }

    @Test
    @DisplayName("an account keeps no more records than its quota: a push past it is refused whole with 413, updates still go in")
    void quotaPerAccount() throws Exception {
        start("account-records", "3");
        RawSync.Answer tooMany = post(push("k1", record("c", "a", ""), record("c", "b", ""), record("c", "c", ""),
                record("c", "d", "")));
        RawSync.Answer three = post(push("k2", record("c", "a", ""), record("c", "b", ""), record("c", "c", "")));
        RawSync.Answer fourth = post(push("k3", record("c", "d", "")));
        RawSync.Answer update = post(push("k4", record("c", "a", ",\"best\":90")));

        assertThat(tooMany.status()).isEqualTo(413);
        assertThat(tooMany.body()).contains("\"error\":\"quota_exceeded\"");
        assertThat(three.status()).isEqualTo(200);
        assertThat(fourth.status()).isEqualTo(413);
        assertThat(update.status()).isEqualTo(200);
        assertThat(post(RawSync.pullBody()).sync().records()).hasSize(3);
    }

    @Test
    @DisplayName("a lone surrogate is refused, and never replaces the record whose key it would collide with")
    void loneSurrogatesAreRefused() throws Exception {
        start();
        assertThat(post(push("k1", record("c?", "x", ""))).status()).isEqualTo(200);

        RawSync.Answer a = post(push("k2", record("c\\ud800", "x", "").replace("passed", "attempted")));

        assertThat(a.status()).isEqualTo(400);
        assertThat(a.body()).contains("lone surrogate");
        assertThat(post(RawSync.pullBody()).body()).contains("\"course\":\"c?\"", "\"status\":\"passed\"")
                .doesNotContain("attempted");
    }

    @Test
    @DisplayName("a NUL in a text is a 400 naming it, not a 500 with the database's error")
    void nulIsRefused() throws Exception {
        start();
        RawSync.Answer a = post(push("k1", record("c\\u0000", "x", "")));
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.body()).contains("NUL");
    }

    @Test
    @DisplayName("text after the JSON body is refused; so is JSON nested deeper than the route allows")
    void trailingTextAndDepth() throws Exception {
        start();
        assertThat(post(push("k1", record("c", "x", "")) + "{\"key\":\"x\"}").status()).isEqualTo(400);
        assertThat(post(push("k2", record("c", "x", "")) + " garbage").body()).contains("text after its JSON value");
        assertThat(post("[".repeat(5000) + "]".repeat(5000)).body()).contains("nests deeper than");
        assertThat(post(RawSync.pullBody()).body()).contains("\"cursor\":0");
    }

    @Test
    @DisplayName("X-HTTP-Method-Override does not turn a GET into a write")
    void methodOverrideIgnored() throws Exception {
        start();
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + SyncRoutes.SYNC))
                .header("X-HTTP-Method-Override", "POST").header("Authorization", "Bearer " + token)
                .method("GET", HttpRequest.BodyPublishers.ofString(push("k1", record("c", "x", ""))))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.body()).startsWith("{\"error\":\"method_not_allowed\"");
        assertThat(post(RawSync.pullBody()).body()).contains("\"cursor\":0");
    }

    @Test
    @DisplayName("a failure inside the server answers 500 with a request id only: no driver text, no database path")
    void serverErrorsRevealNothing() throws Exception {
        start();
        try (Connection c = TestDatabases.connect(database); Statement s = c.createStatement()) {
            s.execute("DROP TABLE hub_push");
        }
        RawSync.Answer a = post(push("k1", record("c", "x", "")));

        assertThat(a.status()).isEqualTo(500);
        assertThat(a.body()).startsWith("{\"error\":\"server_error\",\"message\":")
                .contains("logged as request ")
                .doesNotContainIgnoringCase("sqlite").doesNotContainIgnoringCase("sql")
                .doesNotContain(tmp.toString()).doesNotContain("Exception");
        assertThat(RawSync.get(url + Probes.HEALTH).body()).isEqualTo("{\"status\":\"up\"}");
    }

    @Test
    @DisplayName("unknown addresses and missing tokens answer JSON errors too")
    void everyRefusalIsJson() throws Exception {
        start();
        RawSync.Answer missing = RawSync.get(url + "/nothing/here");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).startsWith("{\"error\":\"not_found\",\"message\":");
        RawSync.Answer anonymous = RawSync.post(url, null, RawSync.pullBody());
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.body()).startsWith("{\"error\":\"unauthorized\",\"message\":");
    }

    @Test
    @DisplayName("what the HTTP server refuses before any route (headers too large, a malformed request line) is JSON too")
    void protocolErrorsAreJson() throws Exception {
        start();
        for (String request : List.of("GET " + Probes.HEALTH + " HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000)
                + "\r\n\r\n", "GET /\u0001 HTTP/1.1\r\nHost: x\r\n\r\n")) {
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                s.setSoTimeout(10_000);
                s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
                String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(answer).startsWith("HTTP/1.1 4").contains("Content-Type: application/json")
                        .contains("{\"error\":").doesNotContain("<html").doesNotContainIgnoringCase("jetty");
            }
        }
    }

    @Test
    @DisplayName("/metrics counts requests by route and status, and shows the database pool")
    void metrics() throws Exception {
        start();
        post(RawSync.pullBody());
        RawSync.Answer m = RawSync.get(url + Probes.METRICS);

        assertThat(m.status()).isEqualTo(200);
        assertThat(m.body()).contains("progy_http_requests_seconds_count{method=\"POST\",route=\"/api/v1/sync\",status=\"200\"} 1")
                .contains("hikaricp_connections_active");
    }

    @Test
    @DisplayName("stopping lets a request that is running finish, then refuses new connections")
    void gracefulShutdown() throws Exception {
        start("min-data-rate", "1");
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            byte[] body = RawSync.pullBody().getBytes(StandardCharsets.US_ASCII);
            OutputStream out = s.getOutputStream();
            out.write(("POST " + SyncRoutes.SYNC + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, 5);
            out.flush();
            Thread.sleep(300); // the request is running: its body is being read
            Thread stopper = new Thread(server::close);
            stopper.start();
            Thread.sleep(300);
            out.write(body, 5, body.length - 5);
            out.flush();
            String status = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            assertThat(status).isEqualTo("HTTP/1.1 200 OK");
            stopper.join(10_000);
        }
        server = null;
        try (Socket s = new Socket()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.connect(
                    new java.net.InetSocketAddress("127.0.0.1", Integer.parseInt(url.substring(url.lastIndexOf(':') + 1))),
                    1000)).isInstanceOf(IOException.class);
        }
    }
}
