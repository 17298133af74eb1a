package dev.progy.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code progy ui} on a shared machine: only the browser holding the printed secret gets in, another site can neither
 * reach it under its own name nor make it act, and no request reaches a file outside the workspace.
 */
class UiSecurityTest {
    @TempDir
    Path tmp;
    private CliHarness harness;
    private Path ws;

    @BeforeEach
    void workspace() {
        harness = new CliHarness(tmp);
        CliHarness.Result r = harness.run("init", CliHarness.example("python-original").toString(), "ws");
        assertThat(r.code()).as(r.toString()).isZero();
        ws = tmp.resolve("ws");
    }

    private UiSession ui() {
        return new UiSession(harness, "-C", "ws");
    }

    @Test
    @DisplayName("the printed address's secret becomes an HttpOnly, SameSite=Strict cookie, and the address loses it")
    void secretBecomesACookie() {
        try (UiSession ui = ui()) {
            assertThat(ui.address).startsWith("http://127.0.0.1:" + ui.port + "/?token=");
            UiSession.Response r = ui.signIn();
            assertThat(r.status()).isEqualTo(303);
            assertThat(r.header("location")).isEqualTo("/");
            assertThat(r.header("set-cookie")).contains("HttpOnly").contains("SameSite=Strict").contains(ui.token);
            UiSession.Response map = ui.get("/");
            assertThat(map.status()).isEqualTo(200);
            assertThat(map.body()).contains("Python in the Original Format").contains("Hello, Python");
            assertThat(map.header("content-security-policy")).contains("default-src 'none'").contains("frame-ancestors 'none'");
            assertThat(map.header("referrer-policy")).isEqualTo("same-origin");
        }
    }

    @Test
    @DisplayName("a request without the secret, or with a wrong one, is refused with a page that says what to do")
    void withoutTheSecretRefused() {
        try (UiSession ui = ui()) {
            UiSession.Response none = ui.get("/");
            assertThat(none.status()).isEqualTo(403);
            assertThat(none.body()).contains("Open the address progy ui printed").doesNotContain("Hello, Python");
            assertThat(ui.get("/exercise?id=01_basics/01_hello").status()).isEqualTo(403);
            assertThat(ui.post("/run?id=01_basics/01_hello", "", Map.of()).status()).isEqualTo(403);
            UiSession.Response wrong = ui.get("/?token=" + "x".repeat(ui.token.length()));
            assertThat(wrong.status()).isEqualTo(403);
            assertThat(wrong.header("set-cookie")).isEmpty();
            UiSession.Response forged = ui.request("GET", "/", Map.of("Cookie", "progy_ui_" + ui.port + "=guess"), "");
            assertThat(forged.status()).isEqualTo(403);
            assertThat(ws.resolve(".progy")).isDirectory();
            assertThat(harness.run("progress", "-C", "ws", "--json").out()).contains("\"exercisesPassed\" : 0");
        }
    }

    @Test
    @DisplayName("a Host other than 127.0.0.1 or localhost with the port is refused (DNS rebinding), even with the cookie")
    void wrongHostRefused() {
        try (UiSession ui = ui()) {
            ui.signIn();
            for (String host : new String[] {"evil.example:" + ui.port, "127.0.0.1", "127.0.0.1:1", "localhost"}) {
                UiSession.Response r = ui.request("GET", "/", Map.of("Host", host, "Cookie", ui.cookie()), "");
                assertThat(r.status()).as(host).isEqualTo(403);
                assertThat(r.body()).as(host).contains("answers only at 127.0.0.1:" + ui.port);
            }
            assertThat(ui.request("GET", "/", Map.of("Host", "localhost:" + ui.port, "Cookie", ui.cookie()), "").status())
                    .isEqualTo(200);
        }
    }

    @Test
    @DisplayName("a POST from another site's page is refused (Origin, Sec-Fetch-Site): nothing runs, no hint is taken")
    void foreignPostRefused() {
        try (UiSession ui = ui()) {
            ui.signIn();
            UiSession.Response origin = ui.post("/hint?id=01_basics/01_hello", "", Map.of("Origin", "http://evil.example"));
            assertThat(origin.status()).isEqualTo(403);
            assertThat(origin.body()).contains("another site");
            UiSession.Response site = ui.post("/run?id=01_basics/01_hello", "", Map.of("Sec-Fetch-Site", "cross-site"));
            assertThat(site.status()).isEqualTo(403);
            UiSession.Response otherPort = ui.post("/run?id=01_basics/01_hello", "",
                    Map.of("Origin", "http://127.0.0.1:" + (ui.port == 1 ? 2 : 1)));
            assertThat(otherPort.status()).isEqualTo(403);
            assertThat(harness.run("progress", "-C", "ws", "--json").out()).contains("\"exercisesPassed\" : 0");
            assertThat(ui.get("/exercise?id=01_basics/01_hello").body()).contains("Not run yet").doesNotContain("Hint 1");
            // the pages' own POST passes
            UiSession.Response own = ui.post("/hint?id=01_basics/01_hello", "", Map.of("Origin",
                    "http://127.0.0.1:" + ui.port, "Sec-Fetch-Site", "same-origin"));
            assertThat(own.status()).isEqualTo(303);
            assertThat(ui.get("/exercise?id=01_basics/01_hello").body()).contains("Hint 1 of 2");
        }
    }

    @Test
    @DisplayName("a file outside the workspace is refused: by .., by an absolute path, through a symbolic link, or in .progy")
    void pathsLeavingTheWorkspaceRefused() throws IOException {
        Path secret = Files.writeString(tmp.resolve("secret.txt"), "not for the browser");
        Files.createSymbolicLink(ws.resolve("content/01_basics/01_hello/link.txt"), secret);
        try (UiSession ui = ui()) {
            ui.signIn();
            assertThat(ui.get("/file?path=content/01_basics/01_hello/README.md").status()).isEqualTo(200);
            for (String path : new String[] {"../secret.txt", "content/../../secret.txt", "%2E%2E%2Fsecret.txt",
                    secret.toString(), "content/01_basics/01_hello/link.txt", ".progy/workspace.json", "/etc/passwd"}) {
                UiSession.Response r = ui.get("/file?path=" + path.replace("/", "%2F"));
                assertThat(r.status()).as(path).isEqualTo(403);
                assertThat(r.body()).as(path).doesNotContain("not for the browser");
            }
            // opening in the editor follows the same rule: nothing is started for a path outside
            UiSession.Response open = ui.post("/open", "path=..%2Fsecret.txt", Map.of());
            assertThat(open.status()).isEqualTo(403);
        }
    }

    @Test
    @DisplayName("it listens on the loopback address only")
    void loopbackOnly() throws IOException {
        try (UiSession ui = ui()) {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    if (a.isLoopbackAddress() || a.isLinkLocalAddress()) {
                        continue;
                    }
                    try (Socket s = new Socket()) {
                        s.connect(new InetSocketAddress(a, ui.port), 500);
                        throw new AssertionError("progy ui answered on " + a);
                    } catch (IOException expected) {
                        // refused: as it should be
                    }
                }
            }
        }
    }
}
