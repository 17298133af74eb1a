package dev.progy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.progy.sync.credentials.ServerTokens;
import dev.progy.sync.live.AsciicastWriter;
import dev.progy.sync.live.LiveClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * progy share against a scripted live server on loopback: the student's shell in a real pseudo-terminal, its output
 * in the room, the student's consent, chat that never becomes input, a password prompt that is not sent, pause, the
 * end key, and the recording. The run in a real terminal (tmux) is {@link ShareInTmuxTest}.
 */
class ShareCommandTest {
    @TempDir
    Path tmp;
    LiveFake fake;
    PipedOutputStream keys;
    Screen screen;
    SharedShell shared;
    CompletableFuture<Integer> exit;

    /** What the student's terminal shows: everything written to it, kept. */
    static final class Screen extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    @BeforeEach
    void start() {
        fake = new LiveFake();
    }

    @AfterEach
    void stop() throws Exception {
        if (exit != null && !exit.isDone()) {
            shared.end();
            exit.get(10, TimeUnit.SECONDS);
        }
        fake.close();
    }

    private void share(AsciicastWriter recording) throws Exception {
        share(recording, 0);
    }

    /** Shares in a room that streams at most {@code maxBytesPerSecond} (0: the room does not say). */
    private void share(AsciicastWriter recording, long maxBytesPerSecond) throws Exception {
        LiveClient client = new LiveClient(URI.create(fake.url()), LiveFake.TOKEN, Duration.ofSeconds(5));
        LiveClient.Room made = client.createRoom(new LiveClient.RoomRequest(false, false, 80, 24, "shell", List.of()));
        LiveClient.Room room = new LiveClient.Room(made.id(), made.invite(), made.inviteUrl(), made.expiresAt(),
                made.socket(), maxBytesPerSecond);
        PipedInputStream in = new PipedInputStream(1 << 16);
        keys = new PipedOutputStream(in);
        screen = new Screen();
        shared = new SharedShell(client, room, screen, in, new TerminalMode.Size(80, 24), recording);
        shared.connect();
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv("PATH"));
        env.put("TERM", "xterm-256color");
        env.put("PS1", "$ ");
        env.put("HOME", tmp.toString());
        exit = CompletableFuture.supplyAsync(() -> {
            try {
                return shared.run(new String[] {"/bin/sh"}, tmp, env);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        fake.awaitFromStudent(f -> f.path("t").asText().equals("size"), "size frame");
    }

    private void type(String text) throws IOException {
        keys.write(text.getBytes(StandardCharsets.UTF_8));
        keys.flush();
    }

    private void awaitScreen(String text) {
        LiveFake.awaitTrue(() -> screen.text().contains(text), "\"" + text + "\" on the student's screen:\n" + screen.text());
    }

    @Test
    @DisplayName("what the student types and runs shows on their screen and reaches the room; Ctrl-] q ends it and closes the room")
    void typingReachesTheRoom() throws Exception {
        share(null);
        type("echo shared-$((6*7))\r");
        awaitScreen("shared-42");
        fake.awaitOutput("shared-42");
        assertThat(screen.text()).contains("progy share: SHARING · nobody watching");
        type("\u001dq");
        assertThat(exit.get(10, TimeUnit.SECONDS)).isNotNull();
        fake.awaitFromStudent(f -> f.path("t").asText().equals("end"), "end frame");
        assertThat(fake.roomsCreated.get(0).path("cols").asInt()).isEqualTo(80);
    }

    @Test
    @DisplayName("Ctrl-] q ends a shell that ignores hangup and terminate (as under nohup), and what it still runs")
    void endsAShellThatIgnoresHangup() throws Exception {
        share(null);
        type("trap '' HUP TERM; sleep 313 & echo trapped-$((2*3))\r");
        awaitScreen("trapped-6");
        type("\u001dq");
        assertThat(exit.get(10, TimeUnit.SECONDS)).isNotNull();
        fake.awaitFromStudent(f -> f.path("t").asText().equals("end"), "end frame");
        LiveFake.awaitTrue(() -> ProcessHandle.allProcesses().noneMatch(h -> h.info().commandLine()
                .map(c -> c.contains("sleep 313")).orElse(false)), "the shell's sleep 313 killed with it");
    }

    @Test
    @DisplayName("output past what the room streams a second is held back (the server would drop it), all of it on the student's screen; then the room gets the screen redrawn")
    void floodIsHeldBackThenRedrawn() throws Exception {
        share(null, 20_000);
        type("i=0; while [ $i -lt 3000 ]; do echo flood-line-$i; i=$((i+1)); done; echo flood-$((40+2))\r");
        awaitScreen("flood-42");
        assertThat(screen.text()).contains("flood-line-0\r\n").contains("flood-line-1500\r\n")
                .contains("flood-line-2999\r\n");
        fake.awaitOutput("flood-42");
        String room = fake.output();
        String redraw = room.substring(room.lastIndexOf("\u001bc"));
        assertThat(redraw).as("the screen redrawn after the flood").contains("flood-line-2999").contains("flood-42")
                .hasSizeLessThanOrEqualTo(5_002);
        assertThat(room.length()).as("what the room got: a second's share and the redraws, not 50 KB")
                .isLessThan(25_000);
        // the flood is over: what follows streams again
        type("echo calm-$((3*3))\r");
        fake.awaitOutput("calm-9");
    }

    @Test
    @DisplayName("while a flood lasts the room gets frames about a screen long, not the flood; when it stops, the whole screen")
    void longFloodGivesFrames() throws Exception {
        share(null, 1_048_576); // the server's default live-max-bytes
        // 900 KB over more than half a second: the pauses are shorter than what ends a flood
        type("for i in 1 2 3 4 5 6 7 8 9; do yes flood-$i-line-of-some-length | head -c 100000; sleep 0.08; done; "
                + "echo flood-$((40+2))\r");
        awaitScreen("flood-42");
        fake.awaitOutput("flood-42");
        String room = fake.output();
        List<String> redraws = List.of(room.split("\u001bc", -1)).subList(1, room.split("\u001bc", -1).length);
        assertThat(redraws).as("frames while the flood lasted, then the screen").hasSizeGreaterThanOrEqualTo(2);
        String frame = redraws.get(0);
        assertThat(frame).as("a frame: about a screen (80x24) of the flood's last lines")
                .hasSizeLessThanOrEqualTo(4096).contains("-line-of-some-length\r\n").doesNotContain("flood-42");
        String last = redraws.get(redraws.size() - 1);
        assertThat(last).as("the screen once the flood stopped").contains("flood-9-line-of-some-length\r\n")
                .contains("flood-42");
        assertThat(room.length()).as("the room got frames and the screen, not 900 KB").isLessThan(400_000);
    }

    @Test
    @DisplayName("at the server's default limit, the screen redrawn after a flood (≈ 250 KB) goes in messages the server takes, and the room stays connected")
    void largeRedrawKeepsTheRoom() throws Exception {
        share(null, 1_048_576); // the server's default live-max-bytes
        type("yes flood-line-with-some-length-to-it | head -n 40000; echo flood-$((40+2))\r"); // 1.4 MB at once
        awaitScreen("flood-42");
        JsonNode redraw = fake.awaitFromStudent(f -> f.path("t").asText().equals("o")
                && f.path("d").asText().startsWith("\u001bc"), "the screen redrawn after the flood");
        fake.awaitOutput("flood-42");
        type("echo calm-$((3*3))\r");
        fake.awaitOutput("calm-9");
        assertThat(fake.studentConnects.get()).as("the room's connection held (a message over 64 KiB closes it)")
                .isEqualTo(1);
        for (JsonNode f : fake.allFromStudent) {
            assertThat(f.path("d").asText().length()).isLessThanOrEqualTo(8 * 1024);
        }
        assertThat(redraw.path("d").asText()).contains("flood-line-with-some-length-to-it\r\n");
    }

    @Test
    @DisplayName("a request to watch is asked on the student's screen and answered by their next key, which the shell never gets")
    void consentIsTheStudentsNextKey() throws Exception {
        share(null);
        fake.toStudent("{\"t\":\"ask\",\"viewer\":\"v1\",\"name\":\"Ada\",\"role\":\"instructor\",\"org\":\"@school\"}");
        awaitScreen("Ada (instructor, @school) wants to watch. Allow? [y/N]");
        type("y");
        JsonNode allow = fake.awaitFromStudent(f -> f.path("t").asText().equals("allow"), "allow frame");
        assertThat(allow.path("viewer").asText()).isEqualTo("v1");
        awaitScreen("Ada may watch now.");
        fake.toStudent("{\"t\":\"viewers\",\"list\":[{\"viewer\":\"v1\",\"name\":\"Ada\"}]}");
        awaitScreen("progy share: SHARING · watching: Ada");
        // the y was progy's: the shell's next line starts clean
        type("echo after-$((1+1))\r");
        fake.awaitOutput("after-2");
        assertThat(fake.output()).doesNotContain("yecho");

        fake.toStudent("{\"t\":\"ask\",\"viewer\":\"v2\",\"name\":\"Mallory\",\"role\":\"student\",\"org\":\"\"}");
        awaitScreen("Mallory (student) wants to watch. Allow? [y/N]");
        type("x");
        assertThat(fake.awaitFromStudent(f -> f.path("t").asText().equals("deny"), "deny frame").path("viewer").asText())
                .isEqualTo("v2");
        awaitScreen("Mallory was not let in.");

        // Ctrl-] r removes the only viewer
        type("\u001dr");
        assertThat(fake.awaitFromStudent(f -> f.path("t").asText().equals("remove"), "remove frame")
                .path("viewer").asText()).isEqualTo("v1");
        awaitScreen("Ada was removed and sees nothing more.");
    }

    @Test
    @DisplayName("chat and any other frame from the room are shown, never typed: the shell never runs them")
    void nothingFromTheRoomIsInput() throws Exception {
        share(null);
        Path pwned = tmp.resolve("pwned");
        fake.toStudent("{\"t\":\"chat\",\"from\":\"Ada\",\"text\":\"touch pwned\\r\\n\"}");
        fake.toStudent("{\"t\":\"o\",\"d\":\"touch pwned\\r\"}");
        fake.toStudent("{\"t\":\"input\",\"d\":\"touch pwned\\r\"}");
        fake.toStudent("{\"t\":\"chat\",\"from\":\"Ada\",\"text\":\"\\u001b]2;evil\\u0007try ls\"}");
        awaitScreen("Ada: touch pwned");
        awaitScreen("Ada: ]2;evil try ls");
        type("echo checked\r");
        fake.awaitOutput("checked");
        Thread.sleep(300);
        assertThat(pwned).doesNotExist();
        assertThat(screen.text()).doesNotContain("\u001b]2;evil");
    }

    @Test
    @DisplayName("output while the terminal's echo is off (a password prompt) is shown to the student but not sent; pause sends nothing either")
    void secretsAndPauseAreNotSent() throws Exception {
        share(null);
        type("stty -echo; echo SECRET-$((1+1)); sleep 1; stty echo; echo visible-$((2+1))\r");
        awaitScreen("visible-3");
        fake.awaitOutput("visible-3");
        assertThat(screen.text()).contains("SECRET-2");
        assertThat(fake.output()).doesNotContain("SECRET-2");

        type("\u001dp");
        fake.awaitFromStudent(f -> f.path("t").asText().equals("pause"), "pause frame");
        awaitScreen("Sharing paused");
        type("echo hidden-$((3+4))\r");
        awaitScreen("hidden-7");
        type("\u001dp");
        fake.awaitFromStudent(f -> f.path("t").asText().equals("resume"), "resume frame");
        type("echo back-$((4+4))\r");
        fake.awaitOutput("back-8");
        assertThat(fake.output()).doesNotContain("hidden-7");
    }

    @Test
    @DisplayName("a lost connection to the room is retried: the shell goes on, the room gets the screen redrawn (with what was printed meanwhile), then the output after it")
    void reconnectsAfterALostConnection() throws Exception {
        share(null);
        type("echo before-$((1+2))\r");
        fake.awaitOutput("before-3");
        fake.dropStudent();
        awaitScreen("the connection to the server was lost; reconnecting");
        type("echo while-down-$((1+4))\r");
        awaitScreen("while-down-5");
        LiveFake.awaitTrue(() -> fake.studentConnects.get() == 2, "the CLI to connect again");
        awaitScreen("Sharing again");
        // the new connection first redraws the screen: a full reset, then what was shown before and while down
        String redraw = fake.awaitFromStudent(f -> f.path("t").asText().equals("o")
                && f.path("d").asText().startsWith("\u001bc"), "the screen redrawn").path("d").asText();
        assertThat(redraw).contains("before-3").contains("while-down-5");
        type("echo after-$((2+2))\r");
        fake.awaitOutput("after-4");
    }

    @Test
    @DisplayName("--save records what was shared as asciicast v3: header, output, resize and exit events")
    void recordsAsciicast() throws Exception {
        Path cast = tmp.resolve("session.cast");
        AsciicastWriter recording = AsciicastWriter.create(cast, 80, 24, "shell", Instant.ofEpochSecond(1_700_000_000));
        share(recording);
        type("echo recorded-$((5+5))\r");
        fake.awaitOutput("recorded-10");
        shared.resize(new TerminalMode.Size(100, 30));
        assertThat(fake.awaitFromStudent(f -> f.path("t").asText().equals("size") && f.path("cols").asInt() == 100,
                "size 100").path("rows").asInt()).isEqualTo(30);
        type("exit\r");
        exit.get(10, TimeUnit.SECONDS);
        recording.close();
        List<String> lines = Files.readAllLines(cast);
        ObjectMapper json = new ObjectMapper();
        JsonNode header = json.readTree(lines.get(0));
        assertThat(header.path("version").asInt()).isEqualTo(3);
        assertThat(header.path("term").path("cols").asInt()).isEqualTo(80);
        assertThat(header.path("timestamp").asLong()).isEqualTo(1_700_000_000L);
        StringBuilder out = new StringBuilder();
        boolean resized = false;
        for (String line : lines.subList(1, lines.size())) {
            JsonNode e = json.readTree(line);
            assertThat(e.get(0).isNumber()).isTrue();
            assertThat(e.get(0).asDouble()).isGreaterThanOrEqualTo(0);
            if (e.get(1).asText().equals("o")) {
                out.append(e.get(2).asText());
            }
            resized |= e.get(1).asText().equals("r") && e.get(2).asText().equals("100x30");
        }
        assertThat(out.toString()).contains("recorded-10");
        assertThat(resized).isTrue();
        assertThat(lines.get(lines.size() - 1)).endsWith("\"x\", \"0\"]");
    }

    @Test
    @DisplayName("progy share refuses clearly when input is not a terminal, and names --runs-only")
    void needsATerminal() {
        CliHarness cli = new CliHarness(tmp);
        CliHarness.Result r = cli.run("share", "--server", fake.url());
        assertThat(r.code()).as(r.toString()).isNotZero();
        assertThat(r.err()).contains("progy share needs a terminal", "progy share --runs-only")
                .doesNotContain("Exception");
        assertThat(fake.roomsCreated).isEmpty();
    }

    @Test
    @DisplayName("progy share --runs-only without a sign-in says how to sign in")
    void needsASignIn() {
        CliHarness cli = new CliHarness(tmp);
        CliHarness.Result r = cli.run("share", "--runs-only", "--server", fake.url());
        assertThat(r.code()).as(r.toString()).isNotZero();
        assertThat(r.err()).contains("You are not signed in to " + fake.url(), "progy login " + fake.url());
    }

    @Test
    @DisplayName("progy share --runs-only streams progy watch's runs to the room and takes the student's answer as a line")
    void runsOnlyStreamsWatch() throws Exception {
        CliHarness cli = new CliHarness(tmp);
        ServerTokens.in(Path.of(cli.env.get("XDG_CONFIG_HOME"), "progy")).save(fake.url(), LiveFake.TOKEN,
                Optional.of("ada"), Instant.now());
        CliHarness ws = ShellCourse.failingWorkspace(tmp, "ws");
        ws.env.putAll(cli.env);
        try (RunningCli share = ws.start("share", "--runs-only", "--server", fake.url(), "--", "-C", "ws")) {
            share.awaitOutput("Invite code: " + LiveFake.INVITE);
            fake.awaitOutput("01_first");
            fake.toStudent("{\"t\":\"ask\",\"viewer\":\"v1\",\"name\":\"Ada\",\"role\":\"instructor\",\"org\":\"@school\"}");
            share.awaitOutput("Ada (instructor, @school) wants to watch. Allow? [y/N]");
            share.type("y");
            assertThat(fake.awaitFromStudent(f -> f.path("t").asText().equals("allow"), "allow").path("viewer").asText())
                    .isEqualTo("v1");
            fake.toStudent("{\"t\":\"chat\",\"from\":\"Ada\",\"text\":\"q\"}");
            share.awaitOutput("[share] Ada: q");
            share.type("q");
            assertThat(share.awaitExit()).isZero();
            fake.awaitFromStudent(f -> f.path("t").asText().equals("end"), "end frame");
            assertThat(share.out()).contains("Sharing ended");
            assertThat(fake.roomsCreated.get(0).path("runsOnly").asBoolean()).isTrue();
        }
    }
}
