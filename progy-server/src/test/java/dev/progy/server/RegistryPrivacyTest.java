package dev.progy.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.progy.sync.hub.HubAccount;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A private course of an organisation, probed on every registry route by another account, by tokens of other
 * scopes (of its own members too) and with no token: each is answered exactly as for a course that does not exist,
 * without a header that tells them apart. Its members, and an account it is shared with, see it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("A private course")
class RegistryPrivacyTest {

    ProgyServer server;
    RegistryClient api;
    String owner;
    String publishId;
    final Map<String, String> outsiders = new LinkedHashMap<>();
    String member;
    String reader;

    @BeforeAll
    void publishPrivately(@TempDir Path tmp) throws Exception {
        server = TestServers.start(TestDatabases.sqlite(tmp), "registry-solution-runs", "off");
        api = new RegistryClient(server);
        for (String name : List.of("ada", "mo", "bo", "cy")) {
            server.accounts().create(name);
        }
        HubAccount ada = server.accounts().bearer(server.accounts().createToken("ada", Set.of("read"),
                Optional.empty(), "x")).map(c -> new HubAccount(c.account(), c.name())).orElseThrow();
        server.people().createOrganisation("@school", ada);
        server.people().setMember("@school", ada, "mo", false);
        owner = server.accounts().createToken("ada", Set.of("publish:school", "read"), Optional.empty(), "publish");
        member = server.accounts().createToken("mo", Set.of("read"), Optional.empty(), "read");
        reader = server.accounts().createToken("cy", Set.of("read"), Optional.empty(), "read");

        JsonNode status = api.publishAndWait(RegistryClient.pack(RegistryClient.sample("java-basics", tmp,
                "@school/secret", "1.0.0")), owner, "?visibility=private");
        assertThat(status.path("state").asText()).as(status.toString()).isEqualTo("live");
        publishId = status.path("id").asText();
        HttpResponse<byte[]> shared = api.postJson("/api/v1/courses/@school/secret/readers", owner,
                "{\"account\": \"cy\"}");
        assertThat(shared.statusCode()).as(new String(shared.body())).isEqualTo(200);
        assertThat(api.postJson("/api/v1/courses/@school/secret/readers", owner, "{\"account\": \"nobody\"}")
                .statusCode()).isEqualTo(400);

        outsiders.put("no token", null);
        outsiders.put("another account (read, publish:bo)", server.accounts().createToken("bo",
                Set.of("read", "publish:bo"), Optional.empty(), "bo"));
        outsiders.put("another account (publish:school, not a member)", server.accounts().createToken("bo",
                Set.of("publish:school"), Optional.empty(), "bo2"));
        outsiders.put("the owner's sync-only token", server.accounts().createToken("ada", Set.of("sync"),
                Optional.empty(), "sync"));
        outsiders.put("a member's telemetry token", server.accounts().createToken("mo", Set.of("telemetry"),
                Optional.empty(), "t"));
        outsiders.put("a forged token", "progy_" + "A".repeat(43));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    /** The status and headers a route answers with, with the course's name replaced so two probes compare. */
    record Answer(int status, String body, Map<String, List<String>> headers) { }

    Answer probe(String method, String path, String token) throws Exception {
        HttpResponse<byte[]> r = switch (method) {
            case "GET" -> api.get(path, token);
            case "POST" -> api.post(path, token);
            case "SHARE" -> api.postJson(path, token, "{\"account\": \"bo\"}");
            default -> api.delete(path, token);
        };
        Map<String, List<String>> headers = new LinkedHashMap<>(r.headers().map());
        headers.remove("x-request-id");
        headers.remove("date");
        headers.remove("content-length");
        // hop-by-hop: the server closes a connection whose request body had not all arrived when it answered, which
        // depends on timing, not on the course (two probes of one missing course differ in it too)
        headers.remove("connection");
        return new Answer(r.statusCode(), new String(r.body()).replace("nothing", "secret"), headers);
    }

    @Test
    @DisplayName("outsiders get what a course that does not exist gets, on every route, headers included")
    void nothingLeaks() throws Exception {
        List<String[]> routes = List.of(
                new String[] {"GET", "/api/v1/courses/@school/secret"},
                new String[] {"GET", "/api/v1/courses/school/secret"},
                new String[] {"GET", "/api/v1/courses/@school/secret/1.0.0/archive"},
                new String[] {"POST", "/api/v1/courses/@school/secret/1.0.0/yank"},
                new String[] {"DELETE", "/api/v1/courses/@school/secret/1.0.0/yank"},
                new String[] {"SHARE", "/api/v1/courses/@school/secret/readers"},
                new String[] {"GET", "/api/v1/publishes/" + publishId},
                new String[] {"GET", "/api/v1/publishes/" + publishId + "/sarif"});
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, String> who : outsiders.entrySet()) {
            for (String[] route : routes) {
                Answer secret = probe(route[0], route[1], who.getValue());
                Answer none = probe(route[0], route[1].replace("secret", "nothing").replace(publishId,
                        "0".repeat(publishId.length())), who.getValue());
                String what = who.getKey() + ": " + route[0] + " " + route[1];
                if (secret.status() == 200) {
                    wrong.add(what + " was answered 200");
                }
                if (secret.status() != none.status() || !secret.headers().equals(none.headers())
                        || !secret.body().replace(publishId, "0".repeat(publishId.length())).equals(none.body())) {
                    wrong.add(what + " differs from a course that does not exist: " + secret + " vs " + none);
                }
                assertThat(secret.headers()).doesNotContainKeys("etag", "x-progy-sha256");
            }
            JsonNode list = RegistryClient.json(api.get("/api/v1/courses", who.getValue()));
            if (list.path("courses").size() != 0) {
                wrong.add(who.getKey() + ": the course list shows " + list);
            }
            JsonNode search = RegistryClient.json(api.get("/api/v1/courses?q=secret", who.getValue()));
            if (search.path("courses").size() != 0) {
                wrong.add(who.getKey() + ": a search shows " + search);
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    @DisplayName("its owner, a member of its organisation and an account it is shared with see it, never cached "
            + "publicly")
    void insidersSeeIt() throws Exception {
        for (String token : List.of(owner, member, reader)) {
            HttpResponse<byte[]> info = api.get("/api/v1/courses/@school/secret", token);
            assertThat(info.statusCode()).isEqualTo(200);
            assertThat(RegistryClient.json(info).path("visibility").asText()).isEqualTo("private");
            assertThat(info.headers().firstValue("Cache-Control")).hasValue("private, no-store");
            HttpResponse<byte[]> archive = api.get("/api/v1/courses/@school/secret/1.0.0/archive", token);
            assertThat(archive.statusCode()).isEqualTo(200);
            assertThat(archive.headers().firstValue("Cache-Control")).hasValue("private, no-store");
            assertThat(RegistryClient.json(api.get("/api/v1/courses", token)).path("courses").get(0).path("name")
                    .asText()).isEqualTo("@school/secret");
        }
        // the shared reader may read, not manage
        assertThat(api.post("/api/v1/courses/@school/secret/1.0.0/yank", reader).statusCode()).isEqualTo(403);
    }
}
