package dev.progy.cli;

import dev.progy.Workspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code progy ui} asks the network question {@code progy run} asks in the terminal, as a form before Run, when the
 * course's runner wants the network and nothing is recorded; Run waits for the answer, which is recorded as the CLI
 * records it.
 */
class UiNetworkConsentTest {
    private static final String PAGE = "/exercise?id=01_basics/01_fetch";

    @TempDir
    Path tmp;
    private CliHarness cli;

    @BeforeEach
    void course() throws IOException {
        cli = new CliHarness(tmp);
        cli.env.put("NO_COLOR", "1");
        Path c = Files.createDirectories(tmp.resolve("course"));
        Files.writeString(c.resolve("course.json"), """
                {"id": "net-course", "name": "Networked",
                 "runners": [{"id": "fetch", "type": "process", "command": "sh", "args": ["runner/check.sh"],
                              "network_access": true}],
                 "progression": {"mode": "open"}}
                """);
        Files.createDirectories(c.resolve("runner"));
        Files.writeString(c.resolve("runner/check.sh"), "echo checked\n");
        Path ex = Files.createDirectories(c.resolve("content/01_basics/01_fetch"));
        Files.writeString(ex.resolve("README.md"), "# Fetch\n");
        Files.writeString(ex.resolve("exercise.sh"), "echo fetch\n");
        assertThat(cli.run("init", c.toString(), "ws").code()).isZero();
    }

    private String manifest() throws IOException {
        return Files.readString(tmp.resolve("ws").resolve(Workspace.MANIFEST));
    }

    @Test
    @DisplayName("the question shows before Run, Run is refused until it is answered, Allow is recorded as progy run "
            + "records a yes, and the CLI then asks nothing")
    void allow() throws IOException {
        try (UiSession ui = new UiSession(cli, "-C", "ws")) {
            ui.signIn();
            String page = ui.get(PAGE).body();
            assertThat(page).contains("id=\"network\"", "warning: this course's runner 'fetch' asks for "
                    + "network access.", "could then reach the internet and your local network.",
                    "Allow network access for this course?");
            assertThat(page.indexOf("id=\"network\"")).isLessThan(page.indexOf("id=\"run-form\""));

            UiSession.Response script = ui.post("/run?id=01_basics/01_fetch", "", Map.of("X-Progy-Fetch", "1"));
            assertThat(script.status()).isEqualTo(409);
            assertThat(script.body()).contains("answer the question above Run first");
            UiSession.Response form = ui.post("/run?id=01_basics/01_fetch", "", Map.of());
            assertThat(form.status()).isEqualTo(303);
            assertThat(ui.get(form.header("location")).body()).contains("answer the question above Run first")
                    .contains("Not run yet");
            assertThat(manifest()).doesNotContain("networkConsent").doesNotContain("networkDeclined");

            UiSession.Response allowed = ui.post("/network?id=01_basics/01_fetch", "answer=allow", Map.of());
            assertThat(allowed.status()).isEqualTo(303);
            String after = ui.get(allowed.header("location")).body();
            assertThat(after).contains("allowed (recorded ").contains("withdraw with --deny-network)")
                    .doesNotContain("id=\"network\"");
            assertThat(manifest()).contains("networkConsent");

            UiSession.Response ran = ui.post("/run?id=01_basics/01_fetch", "", Map.of());
            assertThat(ui.get(ran.header("location")).body()).doesNotContain("Not run yet");
        }
        cli.terminal = true;
        CliHarness.Result r = cli.runWithInput(new StringReader(""), "run", "01_fetch", "-C", "ws");
        assertThat(r.err()).doesNotContain("[y/N]").contains("sandbox relaxed: network access");
    }

    @Test
    @DisplayName("Decline is recorded as progy run records a no: runs go without network, and neither asks again")
    void decline() throws IOException {
        try (UiSession ui = new UiSession(cli, "-C", "ws")) {
            ui.signIn();
            UiSession.Response declined = ui.post("/network?id=01_basics/01_fetch", "answer=deny", Map.of());
            assertThat(ui.get(declined.header("location")).body())
                    .contains("declined: runs go without network access (allow later with --allow-network)")
                    .doesNotContain("id=\"network\"");
            assertThat(manifest()).contains("networkDeclined").doesNotContain("networkConsent");
            assertThat(ui.post("/run?id=01_basics/01_fetch", "", Map.of("X-Progy-Fetch", "1")).status()).isEqualTo(202);
        }
        cli.terminal = true;
        CliHarness.Result r = cli.runWithInput(new StringReader(""), "run", "01_fetch", "-C", "ws");
        assertThat(r.err()).doesNotContain("[y/N]").contains("you declined");
    }

    @Test
    @DisplayName("a foreign page cannot answer the question")
    void foreignAnswerRefused() throws IOException {
        try (UiSession ui = new UiSession(cli, "-C", "ws")) {
            ui.signIn();
            assertThat(ui.post("/network?id=01_basics/01_fetch", "answer=allow", Map.of("Origin", "http://evil.example"))
                    .status()).isEqualTo(403);
            assertThat(manifest()).doesNotContain("networkConsent");
        }
    }
}
