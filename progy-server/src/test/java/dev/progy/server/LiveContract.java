package dev.progy.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Live help as the CLI and a viewer use it (progy-server/LIVE-PROTOCOL.md), with the student connected to {@link #student()} and
 * the viewers to {@link #viewer()}: one server on SQLite, two instances on one PostgreSQL.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
abstract class LiveContract {

    /** The server the student's CLI talks to. */
    abstract ProgyServer student();

    /** The server the viewers talk to (another instance on PostgreSQL). */
    abstract ProgyServer viewer();

    String sam;   // the student
    String ada;   // an instructor
    String eve;   // someone else
    String bob;   // another instructor

    void accounts() {
        var hub = student().hub();
        for (String name : List.of("sam", "ada", "eve", "bob")) {
            hub.createAccount(name);
        }
        hub.setRole("ada", "instructor");
        hub.setRole("bob", "instructor");
        sam = hub.createToken("sam", Set.of("live"), Optional.empty(), "test");
        ada = hub.createToken("ada", Set.of("live"), Optional.empty(), "test");
        eve = hub.createToken("eve", Set.of("live"), Optional.empty(), "test");
        bob = hub.createToken("bob", Set.of("live"), Optional.empty(), "test");
    }

    String s() {
        return TestServers.url(student());
    }

    String v() {
        return TestServers.url(viewer());
    }

    /** A student sharing: the room and its socket. */
    record Sharing(JsonNode room, LiveSocket socket) implements AutoCloseable {
        void out(String d) {
            socket.send(LiveSocket.JSON.createObjectNode().put("t", "o").put("d", d).toString());
        }

        /** Ends the room, as the student's end key does, and closes the socket. */
        @Override
        public void close() {
            if (!socket.isClosed(Duration.ZERO)) {
                try {
                    socket.send("{\"t\":\"end\"}");
                } catch (java.util.concurrent.CompletionException e) {
                    // the server closed it just now: the room had ended already (a test that sent end itself)
                }
                socket.isClosed(Duration.ofSeconds(5));
            }
            socket.close();
        }
    }

    Sharing share(String options) {
        JsonNode room = LiveHttp.room(s(), sam, options);
        return new Sharing(room, LiveSocket.bearer(s(), room.path("socket").asText(), sam));
    }

    /** {@code token}'s account asks to watch and is let in; returns its socket after the snapshot. */
    LiveSocket watch(Sharing sharing, String token, List<JsonNode> snaps) {
        LiveHttp.Answer joined = LiveHttp.join(v(), token, sharing.room().path("invite").asText());
        assertThat(joined.status()).as(joined.text()).isEqualTo(202);
        LiveSocket viewer = LiveSocket.bearer(v(), joined.json().path("socket").asText(), token);
        assertThat(viewer.next().path("t").asText()).isEqualTo("waiting");
        JsonNode ask = sharing.socket().next("ask");
        assertThat(ask.path("viewer").asText()).isEqualTo(joined.json().path("viewer").asText());
        sharing.socket().send("{\"t\":\"allow\",\"viewer\":\"" + ask.path("viewer").asText() + "\"}");
        JsonNode snap = viewer.next("snap");
        if (snaps != null) {
            snaps.add(snap);
        }
        return viewer;
    }

    @Test
    @DisplayName("a viewer asks, the student is asked with the viewer's name and role, and after yes sees the output")
    void consentThenStream() {
        accounts();
        try (Sharing sharing = share("{\"cols\":100,\"rows\":30,\"title\":\"@test/course – hello\"}")) {
            assertThat(sharing.room().path("invite").asText()).matches("[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}");
            assertThat(sharing.room().path("inviteUrl").asText()).endsWith("/live/"
                    + sharing.room().path("invite").asText());
            sharing.out("$ echo before\r\nbefore\r\n");
            LiveHttp.Answer joined = LiveHttp.join(v(), ada, sharing.room().path("invite").asText());
            assertThat(joined.status()).isEqualTo(202);
            LiveSocket viewer = LiveSocket.bearer(v(), joined.json().path("socket").asText(), ada);
            assertThat(viewer.next().path("t").asText()).isEqualTo("waiting");
            JsonNode ask = sharing.socket().next("ask");
            assertThat(ask.path("name").asText()).isEqualTo("ada");
            assertThat(ask.path("role").asText()).isEqualTo("instructor");
            // nothing is shown before the student says yes
            sharing.out("secret before yes\r\n");
            assertThat(viewer.drain(Duration.ofMillis(500))).isEmpty();
            sharing.socket().send("{\"t\":\"allow\",\"viewer\":\"" + ask.path("viewer").asText() + "\"}");
            JsonNode viewers = sharing.socket().next("viewers");
            while (viewers.path("list").isEmpty()) { // the list sent as the student's socket opened may come first
                viewers = sharing.socket().next("viewers");
            }
            assertThat(viewers.path("list").get(0).path("name").asText()).isEqualTo("ada");
            JsonNode snap = viewer.next("snap");
            assertThat(snap.path("cols").asInt()).isEqualTo(100);
            assertThat(snap.path("rows").asInt()).isEqualTo(30);
            assertThat(snap.path("d").asText()).contains("before\r\n");
            sharing.out("$ ls\r\nREADME.md\r\n");
            JsonNode o = viewer.next("o");
            assertThat(o.path("seq").asLong()).isEqualTo(snap.path("seq").asLong() + 1);
            assertThat(o.path("d").asText()).isEqualTo("$ ls\r\nREADME.md\r\n");
            sharing.socket().send("{\"t\":\"size\",\"cols\":90,\"rows\":20}");
            JsonNode size = viewer.next("size");
            assertThat(size.path("cols").asInt()).isEqualTo(90);
            sharing.socket().send("{\"t\":\"pause\"}");
            assertThat(viewer.next("paused")).isNotNull();
            sharing.out("typed while paused\r\n");
            sharing.socket().send("{\"t\":\"resume\"}");
            assertThat(viewer.next().path("t").asText()).isEqualTo("resumed");
            sharing.socket().send("{\"t\":\"end\"}");
            assertThat(viewer.next().path("t").asText()).isEqualTo("ended");
            assertThat(viewer.isClosed(Duration.ofSeconds(5))).isTrue();
        }
    }

    @Test
    @DisplayName("a late viewer gets the screen, then the stream, with no gap and no duplicate")
    void lateViewer() throws Exception {
        accounts();
        try (Sharing sharing = share("{}")) {
            List<JsonNode> snaps = new ArrayList<>();
            LiveSocket first = watch(sharing, ada, snaps);
            int lines = 600;
            Thread typing = new Thread(() -> {
                for (int i = 1; i <= lines; i++) {
                    sharing.out("line " + i + "\r\n");
                    if (i % 10 == 0) {
                        try {
                            Thread.sleep(5);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }
            });
            typing.start();
            Thread.sleep(150);
            List<JsonNode> lateSnaps = new ArrayList<>();
            LiveSocket late = watch(sharing, bob, lateSnaps);
            typing.join();
            for (LiveSocket viewer : List.of(first, late)) {
                JsonNode snap = viewer == first ? snaps.get(0) : lateSnaps.get(0);
                StringBuilder seen = new StringBuilder(snap.path("d").asText());
                long seq = snap.path("seq").asLong();
                while (!seen.toString().contains("line " + lines + "\r\n")) {
                    JsonNode o = viewer.next();
                    assertThat(o.path("t").asText()).isEqualTo("o");
                    assertThat(o.path("seq").asLong()).as("the chunk after %s", seq).isEqualTo(seq + 1);
                    seq = o.path("seq").asLong();
                    seen.append(o.path("d").asText());
                }
                Matcher m = Pattern.compile("line (\\d+)\r\n").matcher(seen);
                int expected = 1;
                while (m.find()) {
                    assertThat(Integer.parseInt(m.group(1))).isEqualTo(expected++);
                }
                assertThat(expected - 1).isEqualTo(lines);
            }
            assertThat(lateSnaps.get(0).path("seq").asLong()).as("the late viewer joined mid-stream").isPositive();
        }
    }

    @Test
    @DisplayName("nobody watches without an invite, with a wrong one, their own room, or another account's socket")
    void refusals() {
        accounts();
        try (Sharing sharing = share("{}")) {
            String invite = sharing.room().path("invite").asText();
            assertThat(LiveHttp.join(v(), null, invite).status()).isEqualTo(401);
            String syncOnly = student().hub().createToken("ada", Set.of("sync"), Optional.empty(), "sync");
            assertThat(LiveHttp.join(v(), syncOnly, invite).status()).isEqualTo(403);
            LiveHttp.Answer none = LiveHttp.post(v(), "/api/v1/live/join", ada, "{}");
            assertThat(none.status()).isEqualTo(400);
            LiveHttp.Answer wrong = LiveHttp.join(v(), ada, "ABCD-EFGH");
            assertThat(wrong.status()).isEqualTo(404);
            assertThat(wrong.json().path("message").asText()).isEqualTo("This invite is unknown or has expired.");
            assertThat(wrong.json().path("fix").asText()).contains("fresh invite");
            LiveHttp.Answer own = LiveHttp.join(v(), sam, invite);
            assertThat(own.status()).isEqualTo(409);
            assertThat(own.json().path("message").asText()).contains("your own room");

            LiveHttp.Answer joined = LiveHttp.join(v(), ada, invite);
            String socket = joined.json().path("socket").asText();
            assertThat(LiveSocket.refused(v(), socket)).isEqualTo(401);
            assertThat(LiveSocket.refused(v(), socket, "Authorization", "Bearer " + eve)).isEqualTo(403);
            assertThat(LiveSocket.refused(v(), socket, "Authorization", "Bearer " + sam)).isEqualTo(403);
            String studentSocket = sharing.room().path("socket").asText();
            assertThat(LiveSocket.refused(s(), studentSocket)).isEqualTo(401);
            assertThat(LiveSocket.refused(s(), studentSocket, "Authorization", "Bearer " + ada)).isEqualTo(403);
            assertThat(LiveHttp.post(s(), "/api/v1/live/rooms/" + sharing.room().path("room").asText() + "/invites",
                    ada, "{}").status()).isEqualTo(403);
            // an invite spelt in lower case, without its dash, is the same invite
            assertThat(LiveHttp.join(v(), bob, invite.toLowerCase().replace("-", "")).status()).isEqualTo(202);
        }
    }

    @Test
    @DisplayName("nothing a viewer sends reaches the student except chat; 20 other frames close the viewer")
    void viewersAreReadOnly() {
        accounts();
        try (Sharing sharing = share("{}")) {
            LiveSocket viewer = watch(sharing, ada, null);
            sharing.socket().drain(Duration.ofMillis(300));
            viewer.send("{\"t\":\"o\",\"d\":\"rm -rf ~\\r\"}");
            viewer.send("{\"t\":\"allow\",\"viewer\":\"x\"}");
            viewer.send("{\"t\":\"end\"}");
            viewer.send("{\"t\":\"chat\",\"text\":\"hi\",\"d\":\"rm -rf ~\\r\"}");
            viewer.send("not json");
            viewer.send("{\"t\":\"chat\",\"text\":\"Try running the tests again\"}");
            JsonNode chat = sharing.socket().next();
            assertThat(chat.path("t").asText()).isEqualTo("chat");
            assertThat(chat.path("from").asText()).isEqualTo("ada");
            assertThat(chat.path("text").asText()).isEqualTo("Try running the tests again");
            assertThat(chat.size()).isEqualTo(3);
            assertThat(sharing.socket().drain(Duration.ofMillis(500))).isEmpty();
            for (int i = 0; i < 20; i++) {
                viewer.send("{\"t\":\"o\",\"d\":\"x\"}");
            }
            JsonNode error = viewer.next("error");
            assertThat(error.path("error").asText()).contains("only send chat");
            assertThat(viewer.isClosed(Duration.ofSeconds(5))).isTrue();
            assertThat(sharing.socket().drain(Duration.ofMillis(500))).isEmpty();
            // the room goes on
            sharing.out("still here\r\n");
            LiveSocket other = watch(sharing, bob, null);
            assertThat(other).isNotNull();
        }
    }

    @Test
    @DisplayName("a viewer flooding the chat: the student gets the first 5 messages, the viewer is told once, and may chat again later")
    void chatFlood() throws Exception {
        accounts();
        try (Sharing sharing = share("{}")) {
            LiveSocket viewer = watch(sharing, ada, null);
            sharing.socket().drain(Duration.ofMillis(300));
            for (int i = 0; i < 200; i++) {
                viewer.send("{\"t\":\"chat\",\"text\":\"spam " + i + "\"}");
            }
            JsonNode notice = viewer.next("notice");
            assertThat(notice.path("text").asText()).startsWith("Too many chat messages: at most 5 at once, "
                    + "then one every 2 seconds.");
            List<JsonNode> got = sharing.socket().drain(Duration.ofMillis(1500));
            List<String> texts = got.stream().filter(f -> f.path("t").asText().equals("chat"))
                    .map(f -> f.path("text").asText()).toList();
            assertThat(texts).hasSizeBetween(5, 6).startsWith("spam 0", "spam 1", "spam 2", "spam 3", "spam 4");
            assertThat(viewer.drain(Duration.ofMillis(300)).stream().filter(f -> f.path("t").asText()
                    .equals("notice"))).as("told once, not once per message").isEmpty();
            Thread.sleep(2100);
            viewer.send("{\"t\":\"chat\",\"text\":\"one more, later\"}");
            assertThat(sharing.socket().next("chat").path("text").asText()).isEqualTo("one more, later");
            assertThat(viewer.isClosed(Duration.ZERO)).as("a flooder is slowed, not closed").isFalse();
        }
    }

    @Test
    @DisplayName("a removed viewer gets removed, is closed, sees nothing more, and cannot come back on that request")
    void removal() {
        accounts();
        try (Sharing sharing = share("{}")) {
            List<JsonNode> snaps = new ArrayList<>();
            LiveSocket viewer = watch(sharing, ada, snaps);
            String vid = LiveHttp.join(v(), ada, sharing.room().path("invite").asText()).json().path("viewer").asText();
            sharing.out("one\r\n");
            assertThat(viewer.next("o").path("d").asText()).isEqualTo("one\r\n");
            sharing.socket().send("{\"t\":\"remove\",\"viewer\":\"" + vid + "\"}");
            assertThat(viewer.next().path("t").asText()).isEqualTo("removed");
            assertThat(viewer.isClosed(Duration.ofSeconds(5))).isTrue();
            sharing.out("two\r\n");
            assertThat(viewer.drain(Duration.ofMillis(500))).isEmpty();
            String socket = "/api/v1/live/rooms/" + sharing.room().path("room").asText() + "/view/" + vid;
            LiveSocket again = LiveSocket.bearer(v(), socket, ada);
            assertThat(again.next().path("t").asText()).isEqualTo("removed");
            assertThat(again.isClosed(Duration.ofSeconds(5))).isTrue();
            JsonNode list = sharing.socket().next("viewers").path("list");
            while (!list.isEmpty()) {
                list = sharing.socket().next("viewers").path("list");
            }
            assertThat(list).isEmpty();
        }
    }

    @Test
    @DisplayName("a student who says no: the viewer is told denied and closed")
    void denied() {
        accounts();
        try (Sharing sharing = share("{}")) {
            LiveHttp.Answer joined = LiveHttp.join(v(), eve, sharing.room().path("invite").asText());
            LiveSocket viewer = LiveSocket.bearer(v(), joined.json().path("socket").asText(), eve);
            assertThat(viewer.next().path("t").asText()).isEqualTo("waiting");
            JsonNode ask = sharing.socket().next("ask");
            sharing.socket().send("{\"t\":\"deny\",\"viewer\":\"" + ask.path("viewer").asText() + "\"}");
            assertThat(viewer.next().path("t").asText()).isEqualTo("denied");
            assertThat(viewer.isClosed(Duration.ofSeconds(5))).isTrue();
        }
    }
}
