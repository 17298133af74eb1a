package dev.progy.server;

import dev.progy.server.account.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web pages as a person uses them, in a real headless Chromium: sign-up, sign-in, sign-out, tokens, password,
 * organisations, the admin's page, CSRF refusal, no session fixation, sign out everywhere, by keyboard and on a
 * phone's screen. Each page's screenshot is written under {@code target/screenshots}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebPagesBrowserTest {

    static final String PASSWORD = "correct horse battery";

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

    Browser browser() {
        return Browser.open(base);
    }

    static void signUp(Browser b, String name) {
        b.go("/sign-up").type("name", name).type("email", name + "@example.org").type("password", PASSWORD)
                .press("Sign up");
        assertThat(b.path()).as(b.pageText()).isEqualTo("/account");
    }

    static void signIn(Browser b, String name, String password) {
        b.go("/sign-in").type("email", name + "@example.org").type("password", password).press("Sign in");
    }

    /** The status of {@code method path} with this browser's session cookie and {@code form} (for a POST). */
    int status(Browser b, String method, String path, String form) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        b.cookie("progy_session").ifPresent(c -> r.header("Cookie", "progy_session=" + c.getValue()));
        if (method.equals("POST")) {
            r.POST(HttpRequest.BodyPublishers.ofString(form)).header("Content-Type", "application/x-www-form-urlencoded");
        }
        return HttpClient.newHttpClient().send(r.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    int bearer(String token) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(base + "/api/v1/account")).header("Authorization",
                "Bearer " + token).build();
        return HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    @DisplayName("a person signs up, is signed in, signs out, and signs in again; a wrong password and an unknown "
            + "address get the same answer")
    void signUpSignOutSignIn() {
        try (Browser b = browser()) {
            b.go("/");
            assertThat(b.path()).isEqualTo("/sign-in");
            b.go("/sign-up");
            assertThat(b.heading()).isEqualTo("Sign up");
            b.assertAccessible();
            b.screenshot("sign-up");
            signUp(b, "ada");
            assertThat(b.text("#account-name")).isEqualTo("ada");
            assertThat(b.text("#account-role")).isEqualTo("student");
            b.assertAccessible();
            b.screenshot("account");

            b.click("header form button");
            assertThat(b.path()).isEqualTo("/sign-in");
            assertThat(b.text("#message")).isEqualTo("You are signed out.");
            b.assertAccessible();
            b.screenshot("sign-in");
            b.go("/account");
            assertThat(b.path()).isEqualTo("/sign-in");

            signIn(b, "ada", "not the password");
            String wrongPassword = b.text("#form-error");
            signIn(b, "nobody", "not the password");
            String unknownAddress = b.text("#form-error");
            assertThat(wrongPassword).isEqualTo(unknownAddress).contains("not right");
            b.screenshot("sign-in-refused");

            signIn(b, "ada", PASSWORD);
            assertThat(b.path()).isEqualTo("/account");
        }
    }

    @Test
    @DisplayName("a page asked for before sign-in is shown after it, and sign-in works from the keyboard alone")
    void signInByKeyboardReturnsToThePage() {
        server.people().signUp("kim", "kim@example.org", PASSWORD);
        try (Browser b = browser()) {
            b.go("/tokens");
            assertThat(b.path()).isEqualTo("/sign-in");
            b.script("document.activeElement.blur();");
            WebElement first = b.tab();
            assertThat(first.getText()).isEqualTo("Skip to the content");
            WebElement field = first;
            for (int i = 0; i < 10 && !"email".equals(field.getAttribute("id")); i++) {
                field = b.tab();
            }
            assertThat(field.getAttribute("id")).isEqualTo("email");
            field.sendKeys("kim@example.org");
            WebElement password = b.tab();
            assertThat(password.getAttribute("id")).isEqualTo("password");
            b.navigating(() -> password.sendKeys(PASSWORD, Keys.ENTER));
            assertThat(b.path()).isEqualTo("/tokens");
        }
    }

    @Test
    @DisplayName("signing in gives a new session id: one planted before, or the one of an earlier sign-in, never works")
    void noSessionFixation() throws Exception {
        try (Browser b = browser()) {
            signUp(b, "bo");
            String earlier = b.cookie("progy_session").orElseThrow().getValue();
            b.click("header form button");

            b.go("/sign-in");
            String planted = "A".repeat(43);
            b.addCookie(new Cookie("progy_session", planted, "/"));
            signIn(b, "bo", PASSWORD);
            assertThat(b.path()).isEqualTo("/account");
            Cookie session = b.cookie("progy_session").orElseThrow();
            assertThat(session.getValue()).isNotEqualTo(planted).isNotEqualTo(earlier).hasSize(43);
            assertThat(session.isHttpOnly()).isTrue();
            assertThat(session.getSameSite()).isEqualTo("Lax");

            signIn(b, "bo", PASSWORD); // signing in again while signed in also replaces the id
            String again = b.cookie("progy_session").orElseThrow().getValue();
            assertThat(again).isNotEqualTo(session.getValue());
            assertThat(status(b, "GET", "/account", "")).isEqualTo(200);
            b.addCookie(new Cookie("progy_session", session.getValue(), "/"));
            assertThat(status(b, "GET", "/account", "")).as("the session before the second sign-in").isEqualTo(303);
        }
    }

    @Test
    @DisplayName("a token is made with chosen scopes, shown once, works, is listed without its value, and is revoked")
    void createAndRevokeAToken() throws Exception {
        try (Browser b = browser()) {
            signUp(b, "cy");
            b.go("/tokens");
            b.assertAccessible();
            b.screenshot("tokens-empty");
            assertThat(b.has("#scope-admin")).as("a student may not make admin tokens").isFalse();
            b.type("label", "laptop").click("#scope-sync").click("#scope-read").select("expires", "never")
                    .press("Make the token");
            String token = b.text("#new-token");
            assertThat(token).startsWith("progy_");
            b.screenshot("tokens-created");
            assertThat(bearer(token)).isEqualTo(200);

            b.go("/tokens");
            assertThat(b.pageText()).doesNotContain(token).contains("laptop").contains("read sync").contains("never");
            b.click("button[aria-label='Revoke the token for laptop']");
            assertThat(b.text("#message")).contains("revoked");
            assertThat(b.text("#tokens")).contains("revoked or expired");
            b.screenshot("tokens");
            assertThat(bearer(token)).isEqualTo(401);
        }
    }

    @Test
    @DisplayName("a person changes their password: the old one stops working and their other browsers are signed out")
    void changePassword() {
        try (Browser b = browser(); Browser other = browser()) {
            signUp(b, "dee");
            signIn(other, "dee", PASSWORD);
            assertThat(other.path()).isEqualTo("/account");

            b.go("/account").type("current", "wrong password").type("new-password", "a brand new passphrase")
                    .press("Change password");
            assertThat(b.text("#form-error")).contains("not right");
            b.type("current", PASSWORD).type("new-password", "a brand new passphrase").press("Change password");
            assertThat(b.text("#message")).contains("password was changed");
            b.screenshot("account-password-changed");
            assertThat(b.path()).isEqualTo("/account");

            other.go("/account");
            assertThat(other.path()).isEqualTo("/sign-in");
            signIn(other, "dee", PASSWORD);
            assertThat(other.path()).isEqualTo("/sign-in");
            signIn(other, "dee", "a brand new passphrase");
            assertThat(other.path()).isEqualTo("/account");
        }
    }

    @Test
    @DisplayName("an organisation is made; its owner adds a member, makes them an owner and removes them; the last "
            + "owner cannot leave, and a stranger gets 403")
    void organisationAndMembers() {
        server.people().signUp("eve", "eve@example.org", PASSWORD);
        try (Browser b = browser(); Browser eve = browser()) {
            signUp(b, "fay");
            b.go("/orgs");
            b.assertAccessible();
            b.type("scope", "@fay-school").press("Make it");
            assertThat(b.path()).as(b.pageText()).isEqualTo("/orgs/@fay-school");
            assertThat(b.heading()).isEqualTo("@fay-school");
            b.type("member-name", "eve").select("member-role", "member").press("Add");
            assertThat(b.text("#members")).contains("eve member");
            b.assertAccessible();
            b.screenshot("organisation");

            signIn(eve, "eve", PASSWORD);
            eve.go("/orgs/@fay-school");
            assertThat(eve.text("#members")).contains("fay owner");
            assertThat(eve.has("#member-name")).as("a member cannot add people").isFalse();

            b.click("button[aria-label='Make eve an owner']");
            assertThat(b.text("#members")).contains("eve owner");
            b.click("button[aria-label='Remove eve']");
            assertThat(b.text("#members")).doesNotContain("eve");
            b.click("button[aria-label='Remove fay']");
            assertThat(b.text("#form-error")).contains("no owner left");

            eve.go("/orgs/@fay-school");
            assertThat(eve.heading()).isEqualTo("Not for your account");
            eve.screenshot("forbidden");

            b.go("/orgs");
            assertThat(b.text("#orgs")).contains("@fay-school (owner)");
            b.screenshot("organisations");
            b.go("/tokens");
            assertThat(b.hasId("scope-publish:@fay-school")).as("its owner may make publish tokens for it").isTrue();
        }
    }

    @Test
    @DisplayName("a form posted with a forged or missing CSRF token is refused with 403 and changes nothing")
    void csrfRefusal() throws Exception {
        try (Browser b = browser()) {
            signUp(b, "gus");
            b.go("/tokens").type("label", "forged").click("#scope-sync");
            b.script("document.querySelectorAll('input[name=csrf]').forEach(i => i.value = 'forged');");
            b.press("Make the token");
            assertThat(b.heading()).isEqualTo("This form cannot be accepted");
            b.screenshot("csrf-refused");
            assertThat(status(b, "POST", "/tokens", "label=x&scope=sync&expires=never")).isEqualTo(403);
            assertThat(status(b, "POST", "/tokens", "label=x&scope=sync&expires=never&csrf=forged")).isEqualTo(403);
            assertThat(status(b, "POST", "/account/sign-out-everywhere", "")).isEqualTo(403);
            b.go("/tokens");
            assertThat(b.pageText()).contains("You have no tokens yet.");
            assertThat(status(b, "GET", "/account", "")).as("still signed in").isEqualTo(200);
        }
        try (Browser b = browser()) {
            b.go("/sign-in").type("email", "gus@example.org").type("password", PASSWORD);
            b.script("document.querySelector('input[name=csrf]').remove();");
            b.press("Sign in");
            assertThat(b.heading()).isEqualTo("This form cannot be accepted");
            assertThat(b.cookie("progy_session")).isEmpty();
        }
    }

    @Test
    @DisplayName("a token with a scope one's role or organisations do not allow is refused, even when the form is forged")
    void noScopeEscalation() throws Exception {
        server.people().signUp("uma", "uma@example.org", PASSWORD);
        server.people().createOrganisation("@uma-school", server.people().signIn("uma@example.org", PASSWORD)
                .orElseThrow().account());
        try (Browser b = browser()) {
            signUp(b, "val");
            b.go("/tokens");
            String csrf = (String) b.script("return document.querySelector('input[name=csrf]').value;");
            for (String scope : new String[] {"admin", "publish%3A%40uma-school", "publish%3A%40nowhere", "everything"}) {
                assertThat(status(b, "POST", "/tokens", "csrf=" + csrf + "&label=x&expires=never&scope=sync&scope="
                        + scope)).as(scope).isEqualTo(403);
            }
            b.go("/tokens");
            assertThat(b.pageText()).contains("You have no tokens yet.");
        }
    }

    @Test
    @DisplayName("sign out everywhere ends the sessions of every browser of the account")
    void signOutEverywhere() {
        try (Browser b = browser(); Browser other = browser()) {
            signUp(b, "hal");
            signIn(other, "hal", PASSWORD);
            b.go("/account");
            assertThat(b.text("#session-count")).isEqualTo("2");
            b.press("Sign out everywhere");
            assertThat(b.path()).isEqualTo("/sign-in");
            assertThat(b.text("#message")).contains("every browser");
            other.go("/tokens");
            assertThat(other.path()).isEqualTo("/sign-in");
            b.go("/account");
            assertThat(b.path()).isEqualTo("/sign-in");
        }
    }

    @Test
    @DisplayName("an administrator sees everyone, sets a role and an AI plan, and makes an invitation code; a student gets 403")
    void adminPage() {
        server.people().signUp("ivy", "ivy@example.org", PASSWORD);
        try (Browser b = browser(); Browser ivy = browser()) {
            signUp(b, "jo");
            server.people().setRole("jo", Role.ADMIN);
            b.go("/admin/users");
            assertThat(b.heading()).isEqualTo("People");
            assertThat(b.text("#people")).contains("ivy@example.org").contains("jo@example.org");
            b.assertAccessible();
            b.screenshot("admin-users");
            b.select("role-ivy", "instructor").click("button[aria-label='Set the role of ivy']");
            assertThat(b.text("#message")).isEqualTo("The role was changed.");
            b.select("plan-ivy", "pro").click("button[aria-label='Set the AI plan of ivy']");
            assertThat(b.text("#message")).isEqualTo("The AI plan was changed.");
            long ivyId = server.hub().tutor().accountId("ivy").orElseThrow();
            assertThat(server.hub().tutor().plan(ivyId)).contains("pro");
            b.press("Make an invitation code");
            assertThat(b.text("#invite-code")).startsWith("invite-");
            b.go("/tokens");
            assertThat(b.has("#scope-admin")).as("an admin may make admin tokens").isTrue();

            signIn(ivy, "ivy", PASSWORD);
            ivy.go("/account");
            assertThat(ivy.text("#account-role")).isEqualTo("instructor");
            ivy.go("/admin/users");
            assertThat(ivy.heading()).isEqualTo("Not for your account");
        }
    }

    @Test
    @DisplayName("an administrator sees the durable jobs by state, with a failed job's error; a student gets 403")
    void jobsPage() throws Exception {
        server.jobs().register("browser-test-done", 1, Duration.ofSeconds(1), job -> { });
        server.jobs().register("browser-test-fails", 1, Duration.ofSeconds(1), job -> {
            throw new IllegalStateException("the archive was not there");
        });
        server.jobs().enqueue("browser-test-done", "{}", "first");
        server.jobs().enqueue("browser-test-fails", "{}", "second");
        try (Browser b = browser(); Browser kai = browser()) {
            signUp(b, "len");
            server.people().setRole("len", Role.ADMIN);
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            // the jobs run on the server's own threads: wait until both have ended, polling what the page shows
            while (!server.hub().jobs().counts().keySet().containsAll(java.util.Set.of("failed", "done"))
                    && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            b.go("/admin/jobs");
            assertThat(b.heading()).isEqualTo("Jobs");
            assertThat(b.text("#count-failed")).isEqualTo("1");
            // the server's own scheduled jobs (roll-ups, retention) may have finished too
            assertThat(Integer.parseInt(b.text("#count-done"))).isGreaterThanOrEqualTo(1);
            assertThat(b.text("#jobs")).contains("browser-test-done", "first");
            assertThat(b.text("#jobs")).contains("browser-test-fails", "second", "failed", "1 of 1",
                    "the archive was not there");
            b.assertAccessible();
            b.screenshot("admin-jobs");

            signUp(kai, "kai");
            kai.go("/admin/jobs");
            assertThat(kai.heading()).isEqualTo("Not for your account");
        }
    }

    @Test
    @DisplayName("the pages fit a phone's screen")
    void onAPhone() {
        try (Browser b = browser()) {
            b.size(390, 844);
            b.go("/sign-in");
            assertThat(b.fitsWidth()).isTrue();
            b.screenshot("sign-in-phone");
            signUp(b, "lu");
            for (String page : new String[] {"/account", "/tokens", "/orgs"}) {
                b.go(page);
                assertThat(b.fitsWidth()).as(page).isTrue();
            }
            b.go("/tokens");
            b.screenshot("tokens-phone");
        }
    }

    @Test
    @DisplayName("the pages follow the system's dark mode")
    void darkMode() {
        try (Browser b = browser()) {
            b.go("/sign-in");
            String light = b.background();
            b.dark();
            b.go("/sign-in");
            assertThat(b.background()).isNotEqualTo(light).isEqualTo("rgb(15, 20, 25)");
            b.screenshot("sign-in-dark");
        }
    }
}
