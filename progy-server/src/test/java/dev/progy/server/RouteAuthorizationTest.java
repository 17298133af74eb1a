package dev.progy.server;

import dev.progy.server.account.Role;
import dev.progy.server.http.Access;
import dev.progy.server.http.Route;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Authorization, generated from the route table: every route the server serves is called as anonymous, as each
 * role with a token of each scope, as an owner, a member and a stranger of the resource its path names, with an
 * expired, a revoked and a forged token, and must answer as its {@link Access} declaration says. A new route is
 * covered without touching this test; a route cannot be declared without access.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RouteAuthorizationTest {

    static final List<String> SCOPES = List.of("sync", "read", "ai", "telemetry", "admin", "publish:@school");

    static final String ORG = "@school";

    ProgyServer server;
    /** role, then scope: a token of an account with that role, carrying only that scope */
    final Map<Role, Map<String, String>> tokens = new LinkedHashMap<>();
    /** owner, member, stranger of ORG: a token carrying every scope */
    final Map<String, String> relation = new LinkedHashMap<>();
    String expired;
    String revoked;

    @BeforeAll
    void start(@TempDir Path tmp) {
        server = TestServers.start(TestDatabases.sqlite(tmp));
        for (Role role : Role.values()) {
            String name = "as-" + role.text();
            server.accounts().create(name);
            server.people().setRole(name, role);
            Map<String, String> byScope = new LinkedHashMap<>();
            for (String scope : SCOPES) {
                byScope.put(scope, server.accounts().createToken(name, Set.of(scope), Optional.empty(), scope));
            }
            tokens.put(role, byScope);
        }
        for (String who : List.of("owner", "member", "stranger")) {
            server.accounts().create(who);
            relation.put(who, server.accounts().createToken(who, Set.copyOf(SCOPES), Optional.empty(), "all"));
        }
        server.people().createOrganisation(ORG, server.accounts().bearer(relation.get("owner")).map(c ->
                new dev.progy.sync.hub.HubAccount(c.account(), c.name())).orElseThrow());
        server.people().setMember(ORG, server.accounts().bearer(relation.get("owner")).map(c ->
                new dev.progy.sync.hub.HubAccount(c.account(), c.name())).orElseThrow(), "member", false);
        server.accounts().create("old");
        revoked = server.accounts().createToken("old", Set.copyOf(SCOPES), Optional.empty(), "all");
        server.accounts().revoke("old");
        server.accounts().create("late");
        expired = server.accounts().createToken("late", Set.copyOf(SCOPES), Optional.of(Instant.now().minusSeconds(1)),
                "all");
    }

    @AfterAll
    void stop() {
        server.close();
    }

    int call(Route route, String token) throws Exception {
        return call(route, token, ORG);
    }

    int call(Route route, String token, String resource) throws Exception {
        String path = route.path().replaceAll("\\{[a-z]+}", resource);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(TestServers.url(server) + path))
                .timeout(Duration.ofSeconds(30));
        if (route.method() == Route.Method.POST) {
            b.POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    @DisplayName("every route answers anonymous, each scope, expired and revoked tokens as its declaration says")
    void everyRouteAsDeclared() throws Exception {
        assertThat(server.routes()).isNotEmpty();
        List<String> wrong = new ArrayList<>();
        for (Route route : server.routes()) {
            String name = route.method() + " " + route.path();
            Access access = route.access();
            int anonymous = call(route, null);
            if (access.isPublic() && route.method() == Route.Method.GET) {
                check(wrong, name + " as anonymous", anonymous, Set.of(200));
            } else if (access.isPublic()) {
                // a public POST (device login, revocation) is let in; its empty test body may then be refused as such
                check(wrong, name + " as anonymous", anonymous, Set.of(200, 400));
            } else {
                check(wrong, name + " as anonymous", anonymous, Set.of(401));
                check(wrong, name + " with an expired token", call(route, expired), Set.of(401));
                check(wrong, name + " with a revoked token", call(route, revoked), Set.of(401));
                check(wrong, name + " with a forged token", call(route, "progy_" + "A".repeat(43)), Set.of(401));
            }
            for (Role role : Role.values()) {
                for (Map.Entry<String, String> e : tokens.get(role).entrySet()) {
                    int status = call(route, e.getValue());
                    boolean allowed = access.isPublic() || access.scope().equals(e.getKey())
                            && (access.role().isEmpty() || access.role().equals(role.text()))
                            && access.resource() == Access.Resource.NONE; // these accounts belong to no organisation
                    expect(wrong, name + " as " + role.text() + " with scope " + e.getKey(), status, allowed);
                }
            }
            if (access.resource() != Access.Resource.NONE) {
                expect(wrong, name + " as the owner", call(route, relation.get("owner")), access.role().isEmpty());
                expect(wrong, name + " as a member", call(route, relation.get("member")),
                        access.role().isEmpty() && access.resource() == Access.Resource.MEMBER);
                expect(wrong, name + " as a stranger", call(route, relation.get("stranger")), false);
                expect(wrong, name + " as the owner, of an organisation that does not exist",
                        call(route, relation.get("owner"), "@nowhere"), false);
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    @DisplayName("paths are unique in the route table, and a route cannot be made without an access declaration")
    void tableIsWellFormed() {
        Set<String> seen = new HashSet<>();
        for (Route r : server.routes()) {
            assertThat(seen.add(r.method() + " " + r.path())).as(r.path()).isTrue();
            assertThat(r.access()).isNotNull();
        }
        assertThatThrownBy(() -> Route.get("/x", null, x -> null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    @DisplayName("tokens made by an operator before scopes existed keep working, with the scope sync")
    void adminTokensKeepWorking() {
        String token = server.accounts().create("bo");
        assertThat(tokens).isNotEmpty();
        assertThat(server.accounts().bearer(token)).hasValueSatisfying(c -> assertThat(c.scopes()).containsExactly("sync"));
    }

    private static void expect(List<String> wrong, String what, int status, boolean allowed) {
        if (allowed ? status == 401 || status == 403 : status != 403) {
            wrong.add(what + ": " + status + ", expected " + (allowed ? "to be let in" : "403"));
        }
    }

    private static void check(List<String> wrong, String what, int status, Set<Integer> expected) {
        if (!expected.contains(status)) {
            wrong.add(what + ": " + status + ", expected " + expected);
        }
    }
}
