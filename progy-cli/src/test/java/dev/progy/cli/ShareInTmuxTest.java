package dev.progy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.progy.sync.credentials.ServerTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * progy share in a real terminal: tmux runs it (a separate JVM, the test's class path) against the scripted live
 * server; keys are typed with send-keys and the screen read with capture-pane. The student's typing shows in their
 * terminal and reaches the room, the request to watch is answered with y, chat shows and is never run, Ctrl-] q ends
 * it, and the terminal is back in its own mode afterwards.
 */
class ShareInTmuxTest {
    @TempDir
    Path tmp;
    LiveFake fake;
    String socket;

    @BeforeEach
    void start() {
        fake = new LiveFake();
        socket = "progy-share-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    }

    @AfterEach
    void stop() throws Exception {
        tmux("kill-server");
        fake.close();
    }

    @Test
    @DisplayName("in tmux: typing shows and reaches the room, consent is y, chat never reaches the shell, Ctrl-] q ends and restores the terminal")
    void sharesARealTerminal() throws Exception {
        Path config = tmp.resolve("config");
        ServerTokens.in(config.resolve("progy")).save(fake.url(), LiveFake.TOKEN, Optional.of("ada"), Instant.now());
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path script = tmp.resolve("share.sh");
        Files.writeString(script, "#!/bin/sh\n"
                + "cd '" + home + "'\n"
                + "export XDG_CONFIG_HOME='" + config + "' HOME='" + home + "' SHELL=/bin/sh PS1='$ ' TERM=xterm-256color\n"
                + "'" + java + "' -Dslf4j.provider=org.slf4j.nop.NOPServiceProvider -Dslf4j.internal.verbosity=ERROR -cp '" + System.getProperty("java.class.path") + "' dev.progy.cli.Main share --server "
                + fake.url() + "\n"
                + "echo \"share-exit=$?\"\n"
                + "echo \"modes: $(stty -a | tr ' ;' '\\n\\n' | grep -x -e icanon -e echo | tr '\\n' ' ')\"\n"
                + "sleep 60\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        assertThat(tmux("new-session", "-d", "-s", "share", "-x", "100", "-y", "30", script.toString())).isZero();

        awaitPane("Invite code: " + LiveFake.INVITE);
        LiveFake.awaitTrue(() -> fake.output().contains("$ "), "the shell's prompt in the room", Duration.ofSeconds(90));
        sendKeys("echo typed-$((2*21))", "Enter");
        awaitPane("typed-42");
        fake.awaitOutput("typed-42");
        // the terminal is in raw mode while shared: a line ends where the shell puts it, no staircase
        assertThat(awaitPane("typed-42")).contains("\ntyped-42\n");
        assertThat(title()).contains("progy share: SHARING");
        // a resize of the student's window reaches the shell and the room
        assertThat(tmux("resize-window", "-t", "share", "-x", "120", "-y", "35")).isZero();
        JsonNode size = fake.awaitFromStudent(f -> f.path("t").asText().equals("size") && f.path("cols").asInt() == 120,
                "size frame of 120 columns");
        assertThat(size.path("rows").asInt()).isEqualTo(35);
        sendKeys("stty size", "Enter");
        awaitPane("35 120");

        fake.toStudent("{\"t\":\"ask\",\"viewer\":\"v1\",\"name\":\"Ada\",\"role\":\"instructor\",\"org\":\"@school\"}");
        awaitPane("Ada (instructor, @school) wants to watch. Allow? [y/N]");
        sendKeys("y");
        JsonNode allow = fake.awaitFromStudent(f -> f.path("t").asText().equals("allow"), "allow frame");
        assertThat(allow.path("viewer").asText()).isEqualTo("v1");
        fake.toStudent("{\"t\":\"viewers\",\"list\":[{\"viewer\":\"v1\",\"name\":\"Ada\"}]}");
        LiveFake.awaitTrue(() -> title().contains("watching: Ada"), "the title to name Ada: " + title());

        // what a viewer sends is shown, never typed
        fake.toStudent("{\"t\":\"chat\",\"from\":\"Ada\",\"text\":\"touch pwned\\r\"}");
        fake.toStudent("{\"t\":\"input\",\"d\":\"touch pwned2\\r\"}");
        awaitPane("Ada: touch pwned");
        sendKeys("echo still-$((3*3))", "Enter");
        fake.awaitOutput("still-9");
        Thread.sleep(300);
        assertThat(home.resolve("pwned")).doesNotExist();
        assertThat(home.resolve("pwned2")).doesNotExist();
        // the y answered progy, not the shell
        assertThat(fake.output()).doesNotContain("yecho");

        sendKeys("C-]", "q");
        fake.awaitFromStudent(f -> f.path("t").asText().equals("end"), "end frame");
        String pane = awaitPane("share-exit=0");
        assertThat(pane).contains("Sharing ended");
        awaitPane("modes: icanon echo");
    }

    @Test
    @DisplayName("in tmux: progy join in a window smaller than the student's says both sizes; grown, it draws the screen again and says it fits; Ctrl-C leaves, with 0")
    void joinFollowsTheWindowSize() throws Exception {
        Path config = tmp.resolve("config");
        ServerTokens.in(config.resolve("progy")).save(fake.url(), LiveFake.TOKEN, Optional.of("ada"), Instant.now());
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path script = tmp.resolve("join.sh");
        Files.writeString(script, "#!/bin/sh\n"
                + "export XDG_CONFIG_HOME='" + config + "' HOME='" + tmp + "' TERM=xterm-256color\n"
                + "'" + java + "' -Dslf4j.provider=org.slf4j.nop.NOPServiceProvider -Dslf4j.internal.verbosity=ERROR -cp '" + System.getProperty("java.class.path") + "' dev.progy.cli.Main join " + LiveFake.INVITE
                + " --server " + fake.url() + "\n"
                + "echo \"join-exit=$?\"\n"
                + "sleep 60\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        assertThat(tmux("new-session", "-d", "-s", "share", "-x", "80", "-y", "24", script.toString())).isZero();
        awaitPane("Waiting for the student to let you in");

        fake.toViewer("{\"t\":\"snap\",\"seq\":1,\"cols\":120,\"rows\":40,\"d\":\"\\u001b[2J\\u001b[HSTUDENT-SCREEN$ \"}");
        awaitPane("The student's terminal is 120×40, this window 80×24");
        // a resize right after the first frame is seen too: the window is followed before the room is joined
        assertThat(tmux("resize-window", "-t", "share", "-x", "130", "-y", "45")).isZero();
        awaitPane("Your window now fits the student's screen (120×40).");
        // the screen was drawn again in the grown window: what shows holds no notice about the small window
        assertThat(output("capture-pane", "-p", "-t", "share")).contains("STUDENT-SCREEN$")
                .doesNotContain("this window 80×24");
        fake.toViewer("{\"t\":\"o\",\"seq\":2,\"d\":\"echo after\"}");
        awaitPane("echo after");

        sendKeys("C-c");
        // leaving closes the connection: that is said as leaving, not as a lost connection, and ends with 0
        assertThat(awaitPane("join-exit=0")).contains("You left the room.")
                .doesNotContain("The connection to the room was lost.");
        // nothing but chat ever left the viewer, and it sent none
        assertThat(fake.fromViewer).isEmpty();
    }

    private String title() {
        return output("display-message", "-p", "-t", "share", "#{pane_title}");
    }

    private void sendKeys(String... keys) throws Exception {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", "share"));
        args.addAll(List.of(keys));
        assertThat(tmux(args.toArray(String[]::new))).isZero();
    }

    private String awaitPane(String text) {
        String[] last = {""};
        LiveFake.awaitTrue(() -> (last[0] = output("capture-pane", "-p", "-t", "share", "-S", "-100")).contains(text),
                "\"" + text + "\" in the tmux pane:\n" + last[0], Duration.ofSeconds(90));
        return last[0];
    }

    private int tmux(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", socket, "-f", "/dev/null"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    private String output(String... args) {
        try {
            List<String> command = new ArrayList<>(List.of("tmux", "-L", socket, "-f", "/dev/null"));
            command.addAll(List.of(args));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(20, TimeUnit.SECONDS);
            return out;
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
