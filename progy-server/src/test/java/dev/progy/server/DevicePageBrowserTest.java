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

            assertThat(b.heading()).isEqualTo("Approve this sign-in?");
            assertThat(b.text("#shown-code")).isEqualTo(code);
            assertThat(b.text("#client")).contains("progy-cli");
            assertThat(b.text("#scopes")).isEqualTo("read, sync");
            assertThat(b.text("#label")).startsWith("progy login on ada-laptop ");
            b.assertAccessible();
            b.screenshot("device-confirm");
            b.select("expires", "30").press("Approve");

            assertThat(b.heading()).isEqualTo("Signed in");
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
            assertThat(b.heading()).isEqualTo("Approve this sign-in?");
            b.press("Deny");
            assertThat(b.heading()).isEqualTo("Not signed in");
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
            assertThat(b.heading()).isEqualTo("Sign in a computer");
            assertThat(b.text("#form-error")).contains("No sign-in waits for that code", "progy login");
            b.assertAccessible();
            b.screenshot("device-wrong-code");
        }
    }

    @Test
    @DisplayName("someone not signed in who opens the terminal's link signs in first and comes back with the code filled in")
    void signInFirst() throws Exception {
        JsonNode started = startLogin();
        String code = started.path("user_code").asText();
        try (Browser b = Browser.open(base)) {
            WebPagesBrowserTest.signUp(b, "dan");
            b.click("header form button"); // sign out
            b.go(started.path("verification_uri_complete").asText().substring(base.length()));
            assertThat(b.path()).isEqualTo("/sign-in");
            b.type("email", "dan@example.org").type("password", WebPagesBrowserTest.PASSWORD).press("Sign in");
            assertThat(b.path()).isEqualTo("/device/" + code);
            assertThat(b.heading()).isEqualTo("Sign in a computer");
            assertThat(b.script("return document.getElementById('code').value")).isEqualTo(code);
        }
    }
}
