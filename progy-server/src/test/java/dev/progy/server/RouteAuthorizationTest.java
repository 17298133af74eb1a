package dev.progy.server;

import dev.progy.server.account.Role;
import dev.progy.server.http.Access;
import dev.progy.server.http.HttpServer;
import dev.progy.server.http.Route;
import dev.progy.server.web.Sessions;
import dev.progy.sync.hub.HubAccount;
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
        RegistryTables.ensure(TestDatabases.sqlite(tmp));
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
        } else if (route.method() == Route.Method.PUT) {
            b.PUT(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json");
        } else if (route.method() == Route.Method.DELETE) {
            b.DELETE();
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
            if (route.access().page()) {
                continue; // everyPageAsDeclared
            }
            String name = route.method() + " " + route.path();
            Access access = route.access();
            int anonymous = call(route, null);
            if (access.isPublic() && route.method() == Route.Method.GET) {
                // a public route that names a resource (a course) answers 404 for one that does not exist
                check(wrong, name + " as anonymous", anonymous, route.path().contains("{") ? Set.of(200, 404)
                        : Set.of(200));
            } else if (access.isPublic()) {
                // a public POST (device login, revocation) is let in; its test body ({} as JSON, where a form is
                // wanted) is then refused as such
                check(wrong, name + " as anonymous", anonymous, Set.of(200, 400, 415));
            } else {
                check(wrong, name + " as anonymous", anonymous, Set.of(401));
                check(wrong, name + " with an expired token", call(route, expired), Set.of(401));
                check(wrong, name + " with a revoked token", call(route, revoked), Set.of(401));
                check(wrong, name + " with a forged token", call(route, "progy_" + "A".repeat(43)), Set.of(401));
            }
            for (Role role : Role.values()) {
                for (Map.Entry<String, String> e : tokens.get(role).entrySet()) {
                    int status = call(route, e.getValue());
                    boolean allowed = access.isPublic() || access.allows(Set.of(e.getKey()))
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

    /** A page called with this browser session (or none) and this form token (or none). */
    HttpResponse<Void> page(Route route, Sessions.Signed session, String csrf, String resource) throws Exception {
        String path = route.path().replaceAll("\\{[a-z]+}", resource);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(TestServers.url(server) + path))
                .timeout(Duration.ofSeconds(30));
        if (route.method() == Route.Method.POST) {
            b.POST(HttpRequest.BodyPublishers.ofString(csrf == null ? "name=x" : "name=x&csrf=" + csrf))
                    .header("Content-Type", "application/x-www-form-urlencoded");
        }
        if (session != null) {
            b.header("Cookie", "progy_session=" + session.id());
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.discarding());
    }

    Sessions.Signed session(String token) {
        HubAccount account = server.accounts().bearer(token).map(c -> new HubAccount(c.account(), c.name()))
                .orElseThrow();
        return server.sessions().find(server.sessions().start(account)).orElseThrow();
    }

    @Test
    @DisplayName("every web page answers anonymous, each token, each role's session, owners, members and strangers "
            + "as its declaration says, and refuses a form without its session's CSRF token")
    void everyPageAsDeclared() throws Exception {
        // a fresh session for every call: some pages (sign-out, a password change) end the one they are called with
        Map<String, String> who = new LinkedHashMap<>();
        for (Role role : Role.values()) {
            who.put(role.text(), tokens.get(role).get("read"));
        }
        who.putAll(relation);
        List<String> wrong = new ArrayList<>();
        int pages = 0;
        for (Route route : server.routes()) {
            Access access = route.access();
            if (!access.page()) {
                continue;
            }
            pages++;
            String name = route.method() + " " + route.path();
            boolean post = route.method() == Route.Method.POST;
            // anonymous, with or without a bearer token: tokens do not sign a browser in
            for (String token : new String[] {null, tokens.get(Role.ADMIN).get("admin")}) {
                HttpResponse<Void> r = bearerPage(route, token);
                String as = name + (token == null ? " as anonymous" : " with an admin's bearer token");
                if (access.isPublic()) {
                    // a public page of a thing the path names (a course) answers 404 for one that is not there
                    boolean names = route.path().contains("{") || route.path().equals(HttpServer.NOT_FOUND_PAGE);
                    check(wrong, as, r.statusCode(), post ? Set.of(403) : names ? Set.of(200, 303, 404)
                            : Set.of(200, 303));
                } else {
                    check(wrong, as, r.statusCode(), Set.of(303));
                    if (!r.headers().firstValue("Location").orElse("").startsWith("/sign-in")) {
                        wrong.add(as + ": not sent to sign in");
                    }
                }
            }
            for (Role role : Role.values()) {
                boolean allowed = access.role().isEmpty() || access.role().equals(role.text());
                allowed &= access.resource() == Access.Resource.NONE;
                Sessions.Signed s = session(who.get(role.text()));
                pageExpect(wrong, name + " as " + role.text(), page(route, s, s.csrf(), ORG), allowed);
                if (post && allowed) {
                    s = session(who.get(role.text()));
                    check(wrong, name + " as " + role.text() + " without the form token",
                            page(route, s, null, ORG).statusCode(), Set.of(403));
                    check(wrong, name + " as " + role.text() + " with another session's form token",
                            page(route, s, session(who.get("stranger")).csrf(), ORG).statusCode(), Set.of(403));
                }
            }
            if (access.resource() != Access.Resource.NONE) {
                for (String rel : relation.keySet()) {
                    Sessions.Signed s = session(who.get(rel));
                    boolean allowed = access.role().isEmpty() && (rel.equals("owner")
                            || rel.equals("member") && access.resource() == Access.Resource.MEMBER);
                    pageExpect(wrong, name + " as the " + rel, page(route, s, s.csrf(), ORG), allowed);
                }
                Sessions.Signed owner = session(who.get("owner"));
                pageExpect(wrong, name + " as the owner, of an organisation that does not exist",
                        page(route, owner, owner.csrf(), "@nowhere"), false);
            }
        }
        assertThat(pages).isGreaterThan(10);
        assertThat(wrong).isEmpty();
    }

    HttpResponse<Void> bearerPage(Route route, String token) throws Exception {
        String path = route.path().replaceAll("\\{[a-z]+}", ORG);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(TestServers.url(server) + path))
                .timeout(Duration.ofSeconds(30));
        if (route.method() == Route.Method.POST) {
            b.POST(HttpRequest.BodyPublishers.ofString("name=x"))
                    .header("Content-Type", "application/x-www-form-urlencoded");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.discarding());
    }

    private static void pageExpect(List<String> wrong, String what, HttpResponse<Void> r, boolean allowed) {
        String location = r.headers().firstValue("Location").orElse("");
        // sent to sign in because not signed in (a page that signs out sends to /sign-in?done=…)
        boolean toSignIn = r.statusCode() == 303 && (location.equals("/sign-in") || location.startsWith("/sign-in?next="));
        boolean refused = r.statusCode() == 403 || r.statusCode() == 401 || toSignIn;
        if (allowed ? refused : r.statusCode() != 403) {
            wrong.add(what + ": " + r.statusCode() + ", expected " + (allowed ? "to be let in" : "403"));
        }
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
