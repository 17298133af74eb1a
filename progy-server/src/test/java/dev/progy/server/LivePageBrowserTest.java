package dev.progy.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live help page in a real headless Chromium: a student (the test, as the CLI does it) shares, a signed-in
 * instructor opens the invite link and asks, the student agrees, the page shows the terminal (xterm.js served by
 * this server), a late second viewer sees the screen at once, chat reaches the student, removal stops the page.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LivePageBrowserTest {

    ProgyServer server;
    String base;

    @BeforeAll
    void start(@TempDir Path tmp) {
        server = TestServers.start(TestDatabases.sqlite(tmp));
        base = TestServers.url(server);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String terminal(Browser b) {
        return b.has(".xterm-rows") ? b.text(".xterm-rows") : "";
    }

    @Test
    @DisplayName("ask on the page, the student agrees, the page shows the output; a late viewer sees the screen at once")
    void watchInTheBrowser() {
        server.people().signUp("ada", "ada@example.org", WebPagesBrowserTest.PASSWORD);
        server.people().signUp("bob", "bob@example.org", WebPagesBrowserTest.PASSWORD);
        server.hub().createAccount("sam");
        String sam = server.hub().createToken("sam", Set.of("live"), Optional.empty(), "test");
        JsonNode room = LiveHttp.room(base, sam, "{\"cols\":80,\"rows\":24,\"title\":\"@test/course – shell\"}");
        String invite = room.path("invite").asText();
        try (LiveSocket student = LiveSocket.bearer(base, room.path("socket").asText(), sam);
             Browser ada = Browser.open(base); Browser bob = Browser.open(base)) {
            student.send("{\"t\":\"o\",\"d\":\"$ echo hi\\r\\nhello from sam\\r\\n\"}");

            WebPagesBrowserTest.signIn(ada, "ada", WebPagesBrowserTest.PASSWORD);
            ada.go("/live/" + invite);
            assertThat(ada.heading()).isEqualTo("Watch a terminal");
            assertThat(ada.text("#room-title")).isEqualTo("@test/course – shell");
            ada.assertAccessible();
            ada.screenshot("live-ask");
            ada.press("Ask to watch");
            Eventually.await("the page to wait for the student", Duration.ofSeconds(15),
                    () -> ada.text("#live-status").contains("Waiting for the student"));
            JsonNode ask = student.next("ask");
            assertThat(ask.path("name").asText()).isEqualTo("ada");
            // nothing is shown before yes
            assertThat(terminal(ada)).doesNotContain("hello from sam");
            student.send("{\"t\":\"allow\",\"viewer\":\"" + ask.path("viewer").asText() + "\"}");
            Eventually.await("the student's screen on the page", Duration.ofSeconds(15),
                    () -> terminal(ada).contains("hello from sam"));
            student.send("{\"t\":\"o\",\"d\":\"$ ls\\r\\nREADME.md\\r\\n\"}");
            Eventually.await("the next output on the page", Duration.ofSeconds(15),
                    () -> terminal(ada).contains("README.md"));
            assertThat(ada.text("#live-status")).contains("Watching");
            assertThat(ada.has("#recording")).as("no recording offered: the student did not allow one").isFalse();
            ada.screenshot("live-watch");

            WebPagesBrowserTest.signIn(bob, "bob", WebPagesBrowserTest.PASSWORD);
            bob.go("/live/" + invite);
            bob.press("Ask to watch");
            JsonNode bobAsks = student.next("ask");
            student.send("{\"t\":\"allow\",\"viewer\":\"" + bobAsks.path("viewer").asText() + "\"}");
            Eventually.await("the late viewer's screen", Duration.ofSeconds(15),
                    () -> terminal(bob).contains("hello from sam") && terminal(bob).contains("README.md"));

            ada.type("chat-text", "Try running the tests again");
            ada.script("document.getElementById('chat-send').click();"); // sent on the socket: the page stays
            JsonNode chat = student.next("chat");
            assertThat(chat.path("from").asText()).isEqualTo("ada");
            assertThat(chat.path("text").asText()).isEqualTo("Try running the tests again");

            student.send("{\"t\":\"remove\",\"viewer\":\"" + ask.path("viewer").asText() + "\"}");
            Eventually.await("the page to say the student removed the viewer", Duration.ofSeconds(15),
                    () -> ada.text("#live-status").contains("removed you"));
            student.send("{\"t\":\"o\",\"d\":\"after removal\\r\\n\"}");
            Eventually.await("the other viewer to see it", Duration.ofSeconds(15),
                    () -> terminal(bob).contains("after removal"));
            assertThat(terminal(ada)).doesNotContain("after removal");
            ada.screenshot("live-removed");
        }
    }

    @Test
    @DisplayName("when the student allowed recording, a viewer they let in downloads it from the page; nobody else can")
    void recordingFromThePage() {
        server.people().signUp("cy", "cy@example.org", WebPagesBrowserTest.PASSWORD);
        server.people().signUp("dee", "dee@example.org", WebPagesBrowserTest.PASSWORD);
        server.hub().createAccount("tom");
        String tom = server.hub().createToken("tom", Set.of("live"), Optional.empty(), "test");
        JsonNode room = LiveHttp.room(base, tom, "{\"allowRecording\":true,\"title\":\"recorded\"}");
        String invite = room.path("invite").asText();
        try (LiveSocket student = LiveSocket.bearer(base, room.path("socket").asText(), tom);
             Browser cy = Browser.open(base); Browser dee = Browser.open(base)) {
            student.send("{\"t\":\"o\",\"d\":\"$ make test\\r\\nall passed\\r\\n\"}");
            WebPagesBrowserTest.signIn(cy, "cy", WebPagesBrowserTest.PASSWORD);
            cy.go("/live/" + invite);
            cy.press("Ask to watch");
            student.send("{\"t\":\"allow\",\"viewer\":\"" + student.next("ask").path("viewer").asText() + "\"}");
            Eventually.await("the screen on the page", Duration.ofSeconds(15), () -> terminal(cy).contains("all passed"));
            assertThat(cy.text("#recording")).contains("download it").contains("asciicast v3");
            String href = (String) cy.script("return document.querySelector('#recording a').getAttribute('href');");
            String got = (String) cy.script("var x = new XMLHttpRequest(); x.open('GET', arguments[0], false); "
                    + "x.send(); return x.status + '\\n' + x.getResponseHeader('Content-Type') + '\\n' + x.responseText;",
                    href);
            String[] parts = got.split("\n", 3);
            assertThat(parts[0]).isEqualTo("200");
            assertThat(parts[1]).startsWith("application/x-asciicast");
            assertThat(parts[2].lines().findFirst().orElseThrow()).contains("\"version\":3").contains("recorded");
            assertThat(parts[2]).contains("all passed");

            // someone the student never let in gets nothing at that address
            WebPagesBrowserTest.signIn(dee, "dee", WebPagesBrowserTest.PASSWORD);
            dee.go(href);
            assertThat(dee.heading()).isEqualTo("No recording");
            assertThat(dee.pageText()).doesNotContain("all passed");
        }
    }

    @Test
    @DisplayName("an unknown invite link says so, and the page needs someone signed in")
    void unknownInvite() {
        server.people().signUp("kim", "kim@example.org", WebPagesBrowserTest.PASSWORD);
        try (Browser b = Browser.open(base)) {
            b.go("/live/ABCD-EFGH");
            assertThat(b.path()).isEqualTo("/sign-in");
            WebPagesBrowserTest.signIn(b, "kim", WebPagesBrowserTest.PASSWORD);
            b.go("/live/ABCD-EFGH");
            assertThat(b.pageText()).contains("This invite is unknown or has expired.");
        }
    }
}
