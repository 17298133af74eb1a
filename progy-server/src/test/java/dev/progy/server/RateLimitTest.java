package dev.progy.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.progy.error.ProgyException;
import dev.progy.server.http.RateClass;
import dev.progy.server.http.Route;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rate limits per account (per address when anonymous) and route, on one instance (SQLite: buckets in memory). */
@DisplayName("Rate limits")
class RateLimitTest {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path tmp;

    static HttpResponse<String> call(String base, Route route, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + route.path().replaceAll("\\{[a-z]+}", "@x")))
                .timeout(Duration.ofSeconds(30));
        if (route.method() == Route.Method.POST) {
            b.POST(HttpRequest.BodyPublishers.ofString(RawSync.pullBody())).header("Content-Type", "application/json");
        } else if (route.method() == Route.Method.PUT) {
            b.PUT(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json");
        } else if (route.method() == Route.Method.DELETE) {
            b.DELETE();
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @DisplayName("past its limit a sync gets 429 with Retry-After and a JSON error saying when to try again; "
            + "another account is not held back")
    void syncPastTheLimit() throws Exception {
        try (ProgyServer server = TestServers.start(TestDatabases.sqlite(tmp), "rate-write", "3/1m")) {
            String ada = server.accounts().create("ada");
            String bo = server.accounts().create("bo");
            String url = TestServers.url(server);
            for (int i = 0; i < 3; i++) {
                assertThat(RawSync.post(url, ada, RawSync.pullBody()).status()).isEqualTo(200);
            }
            Route sync = server.routes().stream().filter(r -> r.path().equals("/api/v1/sync")).findFirst().orElseThrow();
            HttpResponse<String> refused = call(url, sync, ada);

            assertThat(refused.statusCode()).isEqualTo(429);
            long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
            assertThat(retryAfter).isBetween(1L, 60L);
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t ->
                    assertThat(t).startsWith("application/json"));
            JsonNode body = new ObjectMapper().readTree(refused.body());
            assertThat(body.path("error").asText()).isEqualTo("rate_limited");
            assertThat(body.path("message").asText()).isEqualTo("Too many requests to this address from your account "
                    + "(at most 3 in a minute). Try again in " + retryAfter + (retryAfter == 1 ? " second." : " seconds."));
            assertThat(RawSync.post(url, bo, RawSync.pullBody()).status()).as("another account").isEqualTo(200);
        }
    }

    @Test
    @DisplayName("every route of the route table is limited as its rate class says, probes never")
    void everyRouteAsDeclared() throws Exception {
        try (ProgyServer server = TestServers.start(TestDatabases.sqlite(tmp), "rate-write", "2/1m", "rate-read", "2/1m",
                "rate-sign-in", "2/1m", "rate-ai", "2/1m")) {
            server.accounts().create("root");
            server.people().setRole("root", dev.progy.server.account.Role.ADMIN);
            String token = server.accounts().createToken("root", Set.of("sync", "read", "admin"),
                    java.util.Optional.empty(), "all");
            List<String> wrong = new ArrayList<>();
            for (Route route : server.routes()) {
                String who = route.access().isPublic() ? null : token;
                List<Integer> statuses = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    statuses.add(call(TestServers.url(server), route, who).statusCode());
                }
                boolean limited = statuses.get(2) == 429 && statuses.get(0) != 429 && statuses.get(1) != 429;
                if (limited != (route.rate() != RateClass.UNLIMITED)) {
                    wrong.add(route.method() + " " + route.path() + " (" + route.rate() + "): " + statuses);
                }
            }
            assertThat(wrong).isEmpty();
            assertThat(server.routes()).filteredOn(r -> r.rate() == RateClass.UNLIMITED).extracting(Route::path)
                    .containsExactlyInAnyOrder("/api/v1/health", "/api/v1/ready", "/metrics", "/api/v1/openapi.json");
        }
    }

    @Test
    @DisplayName("without a valid token, requests count against the network address: 401 until the limit, then 429")
    void anonymousByAddress() throws Exception {
        try (ProgyServer server = TestServers.start(TestDatabases.sqlite(tmp), "rate-write", "2/1m")) {
            String url = TestServers.url(server);
            assertThat(RawSync.post(url, null, RawSync.pullBody()).status()).isEqualTo(401);
            assertThat(RawSync.post(url, "progy_" + "A".repeat(43), RawSync.pullBody()).status()).isEqualTo(401);
            assertThat(RawSync.post(url, "progy_" + "B".repeat(43), RawSync.pullBody()).status()).isEqualTo(429);
            String ada = server.accounts().create("ada");
            assertThat(RawSync.post(url, ada, RawSync.pullBody()).status()).as("an account from that address").isEqualTo(200);
        }
    }

    @Test
    @DisplayName("a rate setting that is not <requests>/<period> stops the server at start, saying how to write it")
    void badSetting() {
        assertThatThrownBy(() -> TestServers.config(TestDatabases.sqlite(tmp), "rate-write", "fast"))
                .isInstanceOf(ProgyException.class)
                .hasMessage("The server setting rate-write should be a number of requests per period, such as 120/1m "
                        + "(or 10/30s, 1000/1h), not \"fast\".");
    }
}
