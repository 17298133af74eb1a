package dev.progy.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The device approval page in a real headless Chromium: the code a device login shows, typed or filled in from the
 * link, what is asked, Approve and Deny, a wrong code; each page's screenshot under {@code target/screenshots}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DevicePageBrowserTest {

    private static final String GRANT = "urn:ietf:params:oauth:grant-type:device_code";

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

    JsonNode post(String path, String form) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper().readTree(r.body());
    }

    JsonNode startLogin() throws Exception {
        return post("/api/v1/device/code", "client_id=progy-cli&scope=sync+read&device_name=ada-laptop");
    }

    JsonNode poll(JsonNode started) throws Exception {
        return post("/api/v1/device/token", "grant_type=" + GRANT + "&client_id=progy-cli&device_code="
                + started.path("device_code").asText());
    }

    /** Waits for the page a click started loading to show {@code heading} (a click does not wait for it). */
    static void awaitHeading(Browser b, String heading) throws InterruptedException {
        await(b, () -> b.has("h1") && b.heading().equals(heading), "the heading " + heading);
    }

    static void await(Browser b, java.util.function.BooleanSupplier shown, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        for (;;) {
            try {
                if (shown.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                // the page changed under the check: look again
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the page did not show " + what + ":\n" + b.pageText());
            }
            Thread.sleep(50);
        }
    }

    @Test
    @DisplayName("a signed-in person opens the link, sees the client, scopes and token name, approves, and the device gets its token")
    void approveFromTheLink() throws Exception {
        JsonNode started = startLogin();
        String code = started.path("user_code").asText();
        try (Browser b = Browser.open(base)) {
            WebPagesBrowserTest.signUp(b, "ada");
            b.go("/device?code=" + code);
            assertThat(b.heading()).isEqualTo("Sign in a computer");
            b.assertAccessible();
            b.screenshot("device-enter");
            b.press("Continue");

            awaitHeading(b, "Approve this sign-in?");
            assertThat(b.text("#shown-code")).isEqualTo(code);
            assertThat(b.text("#client")).contains("progy-cli");
            assertThat(b.text("#scopes")).isEqualTo("read, sync");
            assertThat(b.text("#label")).startsWith("progy login on ada-laptop ");
            b.assertAccessible();
            b.screenshot("device-confirm");
            b.select("expires", "30").press("Approve");

            awaitHeading(b, "Signed in");
            assertThat(b.text("#message")).contains("your terminal signs in as ada");
            b.screenshot("device-approved");
        }
        JsonNode token = poll(started);
        assertThat(token.path("access_token").asText()).as(token.toString()).startsWith("progy_");
        assertThat(token.path("account").asText()).isEqualTo("ada");
        assertThat(token.path("expires_in").asLong()).isBetween(29L * 86_400, 30L * 86_400);
    }

    @Test
    @DisplayName("a code typed by hand in lower case is found; Deny tells the device access_denied")
    void denyATypedCode() throws Exception {
        JsonNode started = startLogin();
        String code = started.path("user_code").asText();
        try (Browser b = Browser.open(base)) {
            WebPagesBrowserTest.signUp(b, "bea");
            b.go("/device").type("code", code.toLowerCase().replace("-", "")).press("Continue");
            awaitHeading(b, "Approve this sign-in?");
            b.press("Deny");
            awaitHeading(b, "Not signed in");
            b.screenshot("device-denied");
        }
        assertThat(poll(started).path("error").asText()).isEqualTo("access_denied");
    }

    @Test
    @DisplayName("a code that names no request is refused with what to do, and asks again")
    void wrongCode() throws Exception {
        try (Browser b = Browser.open(base)) {
            WebPagesBrowserTest.signUp(b, "cy");
            b.go("/device").type("code", "BCDF-GHJK").press("Continue");
            await(b, () -> b.has("#form-error"), "an error");
            assertThat(b.heading()).isEqualTo("Sign in a computer");
            assertThat(b.text("#form-error")).contains("No sign-in waits for that code", "progy login");
            b.assertAccessible();
            b.screenshot("device-wrong-code");
        }
    }

    @Test
    @DisplayName("someone not signed in is sent to sign in first")
    void signInFirst() throws Exception {
        try (Browser b = Browser.open(base)) {
            b.go("/device");
            assertThat(b.path()).isEqualTo("/sign-in");
        }
    }
}
