package dev.progy.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code progy ai key} and {@code progy ai usage}, against a scripted server that speaks the contract. */
class AiKeyCommandTest {

    private static final String KEY = "sk-proj-Zq81mN0pLr5tVw3xYb7c9d2e";

    @TempDir
    Path tmp;
    private TutorOnLoopback server;
    private CliHarness cli;

    @BeforeEach
    void setUp() throws IOException {
        server = new TutorOnLoopback();
        cli = new CliHarness(tmp);
        server.signIn(cli);
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    @DisplayName("a key given on the command line is refused, and nothing is sent")
    void aKeyAsAnArgumentIsRefused() {
        CliHarness.Result r = cli.run("ai", "key", "set", KEY);
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("a key on the command line is refused", "paste the key when asked");
        CliHarness.Result option = cli.run("ai", "key", "set", "--key", KEY);
        assertThat(option.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.out() + r.err() + option.out() + option.err()).doesNotContain(KEY);
        assertThat(server.received).isEmpty();
    }

    @Test
    @DisplayName("key set reads the key from the input, sends it once, and only its last four are shown")
    void setsStatusAndRemovesTheKey() {
        CliHarness.Result set = cli.runWithInput(new StringReader(KEY + "\n"), "ai", "key", "set", "--provider",
                "anthropic", "--model", "claude-x");
        assertThat(set.code()).as(set.toString()).isZero();
        assertThat(set.out()).contains("Stored your anthropic key ending in 9d2e", "model claude-x")
                .doesNotContain(KEY);
        TutorOnLoopback.Received put = server.requests("PUT", "/api/v1/ai/key").get(0);
        assertThat(put.json().path("key").asText()).isEqualTo(KEY);
        assertThat(put.json().path("provider").asText()).isEqualTo("anthropic");
        assertThat(put.json().path("model").asText()).isEqualTo("claude-x");
        assertThat(put.authorization()).isEqualTo("Bearer tok-ada");

        CliHarness.Result status = cli.run("ai", "key", "status");
        assertThat(status.out()).contains("anthropic key ending in 9d2e").doesNotContain(KEY);

        assertThat(cli.run("ai", "key", "remove").out()).contains("Your key is removed");
        assertThat(cli.run("ai", "key", "status").out()).contains("No key of yours is set");
    }

    @Test
    @DisplayName("an unknown provider is refused before anything is read or sent")
    void anUnknownProviderIsRefused() {
        CliHarness.Result r = cli.runWithInput(new StringReader(KEY + "\n"), "ai", "key", "set", "--provider", "acme");
        assertThat(r.code()).isEqualTo(ExitCode.USER_ERROR);
        assertThat(r.err()).contains("openai or anthropic");
        assertThat(server.received).isEmpty();
    }

    @Test
    @DisplayName("ai usage shows the plan, today's use against its limits, and when they reset")
    void showsUsage() {
        CliHarness.Result r = cli.run("ai", "usage");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Plan free on " + server.url(), "lessons 2 of 5", "model tokens 3,100 (no limit)",
                "reset at 2026-12-07 00:00 UTC");
    }

    @Test
    @DisplayName("signed out, ai usage says to sign in, in words")
    void signedOut() throws IOException {
        CliHarness other = new CliHarness(tmp.resolve("elsewhere"));
        CliHarness.Result r = other.run("ai", "usage");
        assertThat(r.code()).isEqualTo(ExitCode.USER_ERROR);
        assertThat(r.err()).contains("You are not signed in to a Progy server", "progy login");
    }
}
