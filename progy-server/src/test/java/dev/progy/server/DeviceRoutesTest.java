package dev.progy.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.progy.server.account.People;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The device login and token routes on the wire, as RFC 8628 and RFC 7009 clients speak to them. */
class DeviceRoutesTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String GRANT = "urn:ietf:params:oauth:grant-type:device_code";

    @TempDir
    Path tmp;

    ProgyServer server;
    String base;
    People.Person ada;

    @BeforeEach
    void start() {
        server = TestServers.start(TestDatabases.sqlite(tmp));
        base = TestServers.url(server);
        ada = server.people().signUp("ada", "ada@example.org", "correct horse battery");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    record Answer(int status, JsonNode body, HttpResponse<String> raw) { }

    Answer post(String path, String form) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    Answer get(String path, String token) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token));
    }

    Answer postAs(String path, String token) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private static Answer send(HttpRequest.Builder b) throws Exception {
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), new ObjectMapper().readTree(r.body()), r);
    }

    @Test
    @DisplayName("code, pending, slow_down, approval, the token once, then invalid_grant: RFC 8628's answers, never cached")
    void deviceFlowOnTheWire() throws Exception {
        Answer code = post("/api/v1/device/code", "client_id=progy-cli&scope=sync+read&device_name=ada-laptop");
        assertThat(code.status()).as(code.body().toString()).isEqualTo(200);
        String userCode = code.body().path("user_code").asText();
        String deviceCode = code.body().path("device_code").asText();
        assertThat(userCode).matches("[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}");
        assertThat(code.body().path("verification_uri").asText()).isEqualTo(base + "/device");
        assertThat(code.body().path("verification_uri_complete").asText()).isEqualTo(base + "/device/" + userCode);
        assertThat(code.body().path("expires_in").asInt()).isEqualTo(600);
        assertThat(code.body().path("interval").asInt()).isEqualTo(5);
        assertThat(code.raw().headers().firstValue("Cache-Control")).hasValue("no-store");

        String poll = "grant_type=" + GRANT + "&device_code=" + deviceCode + "&client_id=progy-cli";
        Answer pending = post("/api/v1/device/token", poll);
        assertThat(pending.status()).isEqualTo(400);
        assertThat(pending.body().path("error").asText()).isEqualTo("authorization_pending");
        assertThat(pending.body().path("error_description").asText()).isNotBlank();
        Answer tooSoon = post("/api/v1/device/token", poll);
        assertThat(tooSoon.body().path("error").asText()).isEqualTo("slow_down");
        assertThat(tooSoon.body().path("interval").asInt()).isEqualTo(10);

        server.deviceLogin().approve(userCode, ada, "127.0.0.1");
        // the interval is 10 s now: a poll before it passes is told to slow down again, and gets no token
        assertThat(post("/api/v1/device/token", poll).body().path("error").asText()).isEqualTo("slow_down");
    }

    @Test
    @DisplayName("an approved code gives its token at the first poll after the interval, once; the token lists, and revokes itself")
    void tokenOnceThenRevoked() throws Exception {
        Answer code = post("/api/v1/device/code", "client_id=progy-cli&device_name=ada-laptop");
        String deviceCode = code.body().path("device_code").asText();
        server.deviceLogin().approve(code.body().path("user_code").asText(), ada, "127.0.0.1");
        String poll = "grant_type=" + GRANT + "&device_code=" + deviceCode + "&client_id=progy-cli";

        Answer token = post("/api/v1/device/token", poll); // the first poll is never early
        assertThat(token.status()).as(token.body().toString()).isEqualTo(200);
        assertThat(token.body().path("token_type").asText()).isEqualTo("Bearer");
        assertThat(token.body().path("scope").asText()).isEqualTo("read sync");
        assertThat(token.body().path("account").asText()).isEqualTo("ada");
        assertThat(token.body().has("expires_in")).isFalse();
        assertThat(token.raw().headers().firstValue("Cache-Control")).hasValue("no-store");
        String access = token.body().path("access_token").asText();

        Answer again = post("/api/v1/device/token", poll);
        assertThat(again.body().path("error").asText()).as("slow_down or invalid_grant, never a second token")
                .isIn("slow_down", "invalid_grant");
        assertThat(again.body().has("access_token")).isFalse();

        Answer mine = get("/api/v1/tokens", access);
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.body().path("tokens")).hasSize(1);
        assertThat(mine.body().path("tokens").get(0).path("name").asText()).startsWith("progy login on ada-laptop ");
        assertThat(mine.body().toString()).doesNotContain(access);

        assertThat(post("/api/v1/tokens/revoke", "token=" + access).status()).isEqualTo(200);
        assertThat(get("/api/v1/account", access).status()).isEqualTo(401);
        assertThat(post("/api/v1/tokens/revoke", "token=progy_nothing").status())
                .as("RFC 7009: 200 whether or not it was a token").isEqualTo(200);
    }

    @Test
    @DisplayName("wrong grant type, client, missing parameters, repeated parameters and other media types are refused in OAuth's words")
    void refusals() throws Exception {
        assertThat(post("/api/v1/device/token", "grant_type=password&device_code=x&client_id=progy-cli").body()
                .path("error").asText()).isEqualTo("unsupported_grant_type");
        assertThat(post("/api/v1/device/token", "grant_type=" + GRANT + "&device_code=x&client_id=other").body()
                .path("error").asText()).isEqualTo("invalid_client");
        assertThat(post("/api/v1/device/token", "grant_type=" + GRANT).body().path("error").asText())
                .isEqualTo("invalid_request");
        assertThat(post("/api/v1/device/token", "grant_type=" + GRANT + "&device_code=nope&client_id=progy-cli")
                .body().path("error").asText()).isEqualTo("invalid_grant");
        assertThat(post("/api/v1/device/code", "client_id=progy-cli&client_id=progy-cli").body().path("error").asText())
                .isEqualTo("invalid_request");
        assertThat(post("/api/v1/device/code", "client_id=other").body().path("error").asText())
                .isEqualTo("invalid_client");
        assertThat(post("/api/v1/device/code", "client_id=progy-cli&scope=root").body().path("error").asText())
                .isEqualTo("invalid_scope");
        Answer text = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/device/code"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("client_id=progy-cli")));
        assertThat(text.status()).isEqualTo(415);
    }

    @Test
    @DisplayName("a person lists and revokes only their own tokens; another's id is 404 and keeps working")
    void ownTokensOnly() throws Exception {
        String mine = server.accounts().createToken("ada", Set.of("read"), Optional.empty(), "desktop");
        server.people().signUp("bob", "bob@example.org", "another long password");
        String bobs = server.accounts().createToken("bob", Set.of("read", "sync"), Optional.empty(), "bob's");
        String bobsId = get("/api/v1/tokens", bobs).body().path("tokens").get(0).path("id").asText();

        Answer listed = get("/api/v1/tokens", mine);
        assertThat(listed.body().findValuesAsText("name")).containsExactly("desktop");

        Answer refused = postAs("/api/v1/tokens/" + bobsId + "/revoke", mine);
        assertThat(refused.status()).isEqualTo(404);
        assertThat(server.accounts().bearer(bobs)).isPresent();

        Answer revoked = postAs("/api/v1/tokens/" + bobsId + "/revoke", bobs);
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(server.accounts().bearer(bobs)).isEmpty();
    }

    @Test
    @DisplayName("the verification address is the configured public URL when one is set")
    void publicUrl() throws Exception {
        server.close();
        server = TestServers.start(TestDatabases.sqlite(tmp), "public-url", "https://progy.example.org/");
        base = TestServers.url(server);
        Answer code = post("/api/v1/device/code", "client_id=progy-cli");
        assertThat(code.body().path("verification_uri").asText()).isEqualTo("https://progy.example.org/device");
    }
}
