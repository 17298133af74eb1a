package dev.progy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.progy.sync.credentials.ServerTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** progy join against a scripted live server on loopback: waiting, the snapshot then the stream, chat, the ends. */
class JoinCommandTest {
    @TempDir
    Path tmp;
    LiveFake fake;
    CliHarness cli;

    @BeforeEach
    void start() {
        fake = new LiveFake();
        cli = new CliHarness(tmp);
        ServerTokens.in(Path.of(cli.env.get("XDG_CONFIG_HOME"), "progy")).save(fake.url(), LiveFake.TOKEN,
                Optional.of("ada"), Instant.now());
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    @DisplayName("a viewer waits for consent, then sees the snapshot and the stream in order, the server's notices (harmless), sends only chat, and leaves when sharing ends")
    void watchesUntilTheEnd() throws Exception {
        try (RunningCli join = cli.start("join", LiveFake.INVITE.toLowerCase(), "--server", fake.url())) {
            join.awaitOutput("Waiting for the student to let you in");
            fake.toViewer("{\"t\":\"snap\",\"seq\":4,\"cols\":80,\"rows\":24,\"d\":\"\\u001b[2J\\u001b[HSCREEN-NOW\"}");
            fake.toViewer("{\"t\":\"o\",\"seq\":5,\"d\":\" then-more\"}");
            join.awaitOutput("SCREEN-NOW then-more");
            join.type("can you run the tests?");
            JsonNode chat = fake.fromViewer.poll(10, TimeUnit.SECONDS);
            assertThat(chat).isNotNull();
            assertThat(chat.path("t").asText()).isEqualTo("chat");
            assertThat(chat.path("text").asText()).isEqualTo("can you run the tests?");
            fake.toViewer("{\"t\":\"notice\",\"text\":\"Too many chat messages\\u001b]2;x\\u0007.\"}");
            join.awaitOutput("[progy] Too many chat messages ]2;x .");
            fake.toViewer("{\"t\":\"paused\"}");
            join.awaitOutput("The student paused sharing");
            fake.toViewer("{\"t\":\"ended\"}");
            fake.closeViewer();
            assertThat(join.awaitExit()).isZero();
            assertThat(join.out()).contains("The student ended sharing.");
            // nothing but chat ever left the viewer
            assertThat(fake.fromViewer).allSatisfy(f -> assertThat(f.path("t").asText()).isEqualTo("chat"));
        }
    }

    @Test
    @DisplayName("a viewer the student denies is told so, with a non-zero exit")
    void denied() {
        fake.onViewerConnect = List.of("{\"t\":\"waiting\"}", "{\"t\":\"denied\"}");
        CliHarness.Result r = cli.run("join", LiveFake.INVITE, "--server", fake.url());
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.REFUSED);
        assertThat(r.out()).contains("The student did not let you in.");
    }

    @Test
    @DisplayName("a viewer the student removes is told so")
    void removed() {
        fake.onViewerConnect = List.of("{\"t\":\"snap\",\"seq\":1,\"cols\":80,\"rows\":24,\"d\":\"x\"}", "{\"t\":\"removed\"}");
        CliHarness.Result r = cli.run("join", LiveFake.INVITE, "--server", fake.url());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("The student removed you from the room");
    }

    @Test
    @DisplayName("an unknown or expired invite gets the server's words and what to do")
    void unknownInvite() {
        CliHarness.Result r = cli.run("join", "AAAA-BBBB", "--server", fake.url());
        assertThat(r.code()).as(r.toString()).isNotZero();
        assertThat(r.err()).contains("This invite is unknown or has expired.", "Ask the student for a fresh invite.")
                .doesNotContain("Exception");
    }

    @Test
    @DisplayName("without a sign-in, progy join says how to sign in")
    void notSignedIn() {
        CliHarness other = new CliHarness(tmp.resolve("other"));
        CliHarness.Result r = other.run("join", LiveFake.INVITE, "--server", fake.url());
        assertThat(r.code()).as(r.toString()).isNotZero();
        assertThat(r.err()).contains("You are not signed in to " + fake.url(), "progy login");
    }
}
