package dev.progy.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Live help on one server on SQLite, whose invites are timed by a clock the test moves. */
@DisplayName("Live help on SQLite (one instance)")
class SqliteLiveTest extends LiveContract {

    @TempDir
    Path tmp;
    private ProgyServer server;
    private final MovableClock clock = new MovableClock();

    /** A clock the test sets forward. */
    static final class MovableClock extends Clock {
        private volatile Duration ahead = Duration.ZERO;

        void forward(Duration d) {
            ahead = ahead.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(ahead);
        }
    }

    @BeforeEach
    void start() {
        server = ProgyServer.start(TestServers.config(TestDatabases.sqlite(tmp), "live-max-rooms", "2",
                "live-max-viewers", "3", "live-max-bytes", "20000"), clock);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Override
    ProgyServer student() {
        return server;
    }

    @Override
    ProgyServer viewer() {
        return server;
    }

    @Test
    @DisplayName("an invite past live-invite-minutes is refused like an unknown one; a fresh one works")
    void expiredInvite() {
        accounts();
        try (Sharing sharing = share("{}")) {
            String invite = sharing.room().path("invite").asText();
            clock.forward(Duration.ofMinutes(16));
            LiveHttp.Answer late = LiveHttp.join(v(), ada, invite);
            assertThat(late.status()).isEqualTo(404);
            assertThat(late.json().path("message").asText()).isEqualTo("This invite is unknown or has expired.");
            LiveHttp.Answer fresh = LiveHttp.post(s(), "/api/v1/live/rooms/" + sharing.room().path("room").asText()
                    + "/invites", sam, "");
            assertThat(fresh.status()).isEqualTo(201);
            assertThat(LiveHttp.join(v(), ada, fresh.json().path("invite").asText()).status()).isEqualTo(202);
        }
    }

    @Test
    @DisplayName("too many rooms for one account, or viewers for one room, are refused with what to do")
    void limits() {
        accounts();
        try (Sharing one = share("{}"); Sharing two = share("{}")) {
            LiveHttp.Answer third = LiveHttp.post(s(), "/api/v1/live/rooms", sam, "{}");
            assertThat(third.status()).isEqualTo(409);
            assertThat(third.json().path("message").asText()).contains("sharing 2 terminals already");
            assertThat(third.json().path("fix").asText()).contains("End a sharing session");
            String invite = one.room().path("invite").asText();
            for (String token : List.of(ada, bob, eve)) {
                assertThat(LiveHttp.join(v(), token, invite).status()).isEqualTo(202);
            }
            String dan = server.hub().createAccount("dan");
            String danLive = server.hub().createToken("dan", java.util.Set.of("live"), java.util.Optional.empty(), "t");
            LiveHttp.Answer fourth = LiveHttp.join(v(), danLive, invite);
            assertThat(fourth.status()).isEqualTo(409);
            assertThat(fourth.json().path("message").asText()).contains("3 viewers already");
            assertThat(dan).isNotBlank();
        }
        // ended rooms do not count
        try (Sharing again = share("{}")) {
            assertThat(again.room().path("room").asText()).isNotBlank();
        }
    }

    @Test
    @DisplayName("a room flooded past live-max-bytes: viewers get less, the student is told, then a fresh screen")
    void flood() {
        accounts();
        try (Sharing sharing = share("{}")) {
            assertThat(sharing.room().path("maxBytesPerSecond").asLong()).as("the room says its limit to the CLI")
                    .isEqualTo(20_000);
            LiveSocket viewer = watch(sharing, ada, null);
            String kb = "x".repeat(998) + "\r\n";
            for (int i = 0; i < 100; i++) {
                sharing.out(kb);
            }
            sharing.out("LAST LINE\r\n");
            JsonNode told = sharing.socket().next("chat");
            assertThat(told.path("from").asText()).isEqualTo("Progy server");
            assertThat(told.path("text").asText()).contains("more than 19 KiB a second");
            List<JsonNode> before = new ArrayList<>();
            JsonNode snap = viewer.next("snap", before);
            long streamed = before.stream().filter(f -> f.path("t").asText().equals("o"))
                    .mapToLong(f -> f.path("d").asText().length()).sum();
            assertThat(streamed).as("output streamed while flooding").isLessThanOrEqualTo(21_000);
            assertThat(snap.path("d").asText()).endsWith("LAST LINE\r\n");
            sharing.out("calm\r\n");
            JsonNode o = viewer.next("o");
            assertThat(o.path("seq").asLong()).isEqualTo(snap.path("seq").asLong() + 1);
        }
    }

    @Test
    @DisplayName("a room that allows recording is downloadable as asciicast v3 by its student and allowed viewers only")
    void recording() throws Exception {
        accounts();
        String room;
        try (Sharing sharing = share("{\"allowRecording\":true,\"cols\":80,\"rows\":24,\"title\":\"demo\"}")) {
            room = sharing.room().path("room").asText();
            LiveSocket viewer = watch(sharing, ada, null);
            sharing.out("hello\r\n");
            viewer.next("o");
            sharing.socket().send("{\"t\":\"size\",\"cols\":100,\"rows\":30}");
            viewer.next("size");
            sharing.socket().send("{\"t\":\"end\"}");
            viewer.next("ended");
        }
        LiveHttp.Answer cast = LiveHttp.get(s(), "/api/v1/live/rooms/" + room + "/recording.cast", sam);
        assertThat(cast.status()).isEqualTo(200);
        String[] lines = cast.text().split("\n");
        JsonNode header = LiveSocket.JSON.readTree(lines[0]);
        assertThat(header.path("version").asInt()).isEqualTo(3);
        assertThat(header.path("term").path("cols").asInt()).isEqualTo(80);
        assertThat(header.path("title").asText()).isEqualTo("demo");
        List<String> events = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            JsonNode e = LiveSocket.JSON.readTree(lines[i]);
            assertThat(e.get(0).asDouble()).isGreaterThanOrEqualTo(0);
            events.add(e.get(1).asText() + " " + e.get(2).asText());
        }
        assertThat(events).containsExactly("o hello\r\n", "r 100x30", "x 0");
        assertThat(LiveHttp.get(s(), "/api/v1/live/rooms/" + room + "/recording.cast", ada).status()).isEqualTo(200);
        assertThat(LiveHttp.get(s(), "/api/v1/live/rooms/" + room + "/recording.cast", eve).status()).isEqualTo(404);
        try (Sharing plain = share("{}")) {
            assertThat(LiveHttp.get(s(), "/api/v1/live/rooms/" + plain.room().path("room").asText()
                    + "/recording.cast", sam).status()).isEqualTo(404);
        }
    }

    @Test
    @DisplayName("a viewer that stops reading is dropped to a fresh screen; the student and the other viewer go on at full speed")
    void slowViewer() throws Exception {
        accounts();
        try (ProgyServer fast = ProgyServer.start(TestServers.config(TestDatabases.sqlite(tmp.resolve("fast")),
                "live-max-bytes", "1000000000", "min-data-rate", "1"), clock)) {
            String url = TestServers.url(fast);
            fast.hub().createAccount("sam");
            fast.hub().createAccount("ada");
            fast.hub().createAccount("bob");
            String samLive = fast.hub().createToken("sam", java.util.Set.of("live"), java.util.Optional.empty(), "t");
            String adaLive = fast.hub().createToken("ada", java.util.Set.of("live"), java.util.Optional.empty(), "t");
            String bobLive = fast.hub().createToken("bob", java.util.Set.of("live"), java.util.Optional.empty(), "t");
            JsonNode room = LiveHttp.room(url, samLive, "{}");
            try (LiveSocket student = LiveSocket.bearer(url, room.path("socket").asText(), samLive)) {
                LiveSocket slow = admit(url, room, student, adaLive);
                LiveSocket quick = admit(url, room, student, bobLive);
                slow.stopReading();
                String block = ("y".repeat(1022) + "\r\n").repeat(8);
                int blocks = 1200; // 9.8 MB
                long start = System.nanoTime();
                for (int i = 0; i < blocks; i++) {
                    student.send(LiveSocket.JSON.createObjectNode().put("t", "o").put("d", block).toString());
                }
                student.send("{\"t\":\"o\",\"d\":\"THE END\\r\\n\"}");
                long sendMs = (System.nanoTime() - start) / 1_000_000;
                long seq = -1;
                while (true) {
                    JsonNode f = quick.next();
                    if (f.path("t").asText().equals("o")) {
                        if (seq >= 0) {
                            assertThat(f.path("seq").asLong()).isEqualTo(seq + 1);
                        }
                        seq = f.path("seq").asLong();
                        if (f.path("d").asText().contains("THE END")) {
                            break;
                        }
                    }
                }
                assertThat(sendMs).as("the student's 9.8 MB went out at full speed").isLessThan(30_000);
                slow.startReading();
                List<JsonNode> before = new ArrayList<>();
                JsonNode snap = slow.next("snap", before);
                long delivered = before.stream().filter(f -> f.path("t").asText().equals("o")).count();
                assertThat(delivered).as("chunks the slow viewer got before it was dropped").isLessThan(blocks);
                assertThat(snap.path("d").asText()).endsWith("THE END\r\n");
                assertThat(snap.path("d").asText().length()).isLessThanOrEqualTo(512 * 1024 + 2);
                student.send("{\"t\":\"o\",\"d\":\"after\\r\\n\"}");
                JsonNode after = slow.next("o");
                assertThat(after.path("seq").asLong()).isEqualTo(snap.path("seq").asLong() + 1);
                assertThat(after.path("d").asText()).isEqualTo("after\r\n");
            }
        }
    }

    @Test
    @DisplayName("opening sockets is rate limited per account (and per address without a valid token): 429 with Retry-After")
    void socketOpeningsAreRateLimited() {
        try (ProgyServer limited = ProgyServer.start(TestServers.config(TestDatabases.sqlite(tmp.resolve("limited")),
                "rate-write", "4/1m"), clock)) {
            String url = TestServers.url(limited);
            limited.hub().createAccount("sam");
            String samLive = limited.hub().createToken("sam", java.util.Set.of("live"), java.util.Optional.empty(), "t");
            JsonNode room = LiveHttp.room(url, samLive, "{}");
            String socket = room.path("socket").asText();
            for (int i = 0; i < 4; i++) {
                LiveSocket.bearer(url, socket, samLive).close();
            }
            assertThat(LiveSocket.refused(url, socket, "Authorization", "Bearer " + samLive)).isEqualTo(429);
            // a stranger's bad tokens count against their address, not against sam
            for (int i = 0; i < 4; i++) {
                assertThat(LiveSocket.refused(url, socket, "Authorization", "Bearer nope")).isEqualTo(401);
            }
            assertThat(LiveSocket.refused(url, socket, "Authorization", "Bearer nope")).isEqualTo(429);
        }
    }

    private static LiveSocket admit(String url, JsonNode room, LiveSocket student, String token) {
        LiveHttp.Answer joined = LiveHttp.join(url, token, room.path("invite").asText());
        LiveSocket viewer = LiveSocket.bearer(url, joined.json().path("socket").asText(), token);
        viewer.next("waiting");
        JsonNode ask = student.next("ask");
        student.send("{\"t\":\"allow\",\"viewer\":\"" + ask.path("viewer").asText() + "\"}");
        viewer.next("snap");
        return viewer;
    }
}
