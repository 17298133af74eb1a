package dev.progy.server;

import dev.progy.server.account.Role;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The sign-up setting, the cookies behind HTTPS, and sign-in limits, as a browser or an HTTP client meets them. */
class WebSignUpTest {

    static final String PASSWORD = WebPagesBrowserTest.PASSWORD;

    @TempDir
    Path tmp;

    @Test
    @DisplayName("invite-only: sign-up needs a code an admin made, which works once")
    void inviteOnly() {
        try (ProgyServer server = TestServers.start(TestDatabases.sqlite(tmp), "sign-up", "invite-only");
             Browser admin = Browser.open(TestServers.url(server));
             Browser newcomer = Browser.open(TestServers.url(server))) {
            server.people().signUp("root", "root@example.org", PASSWORD);
            server.people().setRole("root", Role.ADMIN);
            WebPagesBrowserTest.signIn(admin, "root", PASSWORD);
            admin.go("/admin/users");
            assertThat(admin.text("#sign-up-mode")).isEqualTo("invite-only");
            admin.press("Make an invitation code");
            String code = admin.text("#invite-code");

            newcomer.go("/sign-up");
            newcomer.assertAccessible();
            newcomer.screenshot("sign-up-invite-only");
            newcomer.type("name", "nia").type("email", "nia@example.org").type("password", PASSWORD)
                    .type("invite", "invite-made-up").press("Sign up");
            assertThat(newcomer.text("#form-error")).contains("invitation code cannot be used");
            newcomer.type("password", PASSWORD).type("invite", code).press("Sign up");
            assertThat(newcomer.path()).isEqualTo("/account");

            newcomer.click("header form button");
            newcomer.go("/sign-up").type("name", "oz").type("email", "oz@example.org").type("password", PASSWORD)
                    .type("invite", code).press("Sign up");
            assertThat(newcomer.text("#form-error")).as("a code works once").contains("cannot be used");
        }
    }

    @Test
    @DisplayName("closed: the sign-up page says so and a posted sign-up is refused")
    void closed() throws Exception {
        try (ProgyServer server = TestServers.start(TestDatabases.sqlite(tmp), "sign-up", "closed");
             Browser b = Browser.open(TestServers.url(server))) {
            b.go("/sign-up");
            assertThat(b.text("#closed")).contains("does not take sign-ups");
            assertThat(b.has("#email")).isFalse();
            b.screenshot("sign-up-closed");
            assertThat(server.people().signIn("x@example.org", PASSWORD)).isEmpty();
        }
    }

    HttpResponse<String> get(ProgyServer server, String path, String... headers) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(TestServers.url(server) + path));
        for (int i = 0; i < headers.length; i += 2) {
            r.header(headers[i], headers[i + 1]);
        }
        return HttpClient.newHttpClient().send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(ProgyServer server, String path, String cookies, String form) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(TestServers.url(server) + path))
                .header("Cookie", cookies).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        return HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.ofString());
    }

    /** The form cookie and the CSRF token of the sign-in page, as a browser would get them. */
    String[] signInForm(ProgyServer server, String... headers) throws Exception {
        HttpResponse<String> page = get(server, "/sign-in", headers);
        String cookie = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("progy_form="))
                .findFirst().orElseThrow().split(";")[0];
        String csrf = page.body().replaceAll("(?s).*name=\"csrf\" value=\"([^\"]+)\".*", "$1");
        return new String[] {cookie, csrf};
    }

    @Test
    @DisplayName("cookies are HttpOnly and SameSite=Lax, and Secure (__Host-) behind HTTPS: by the public URL, or by "
            + "X-Forwarded-Proto only from a trusted proxy")
    void cookiesBehindHttps() throws Exception {
        try (ProgyServer plain = TestServers.start(TestDatabases.sqlite(tmp.resolve("a")))) {
            String cookie = get(plain, "/sign-in", "X-Forwarded-Proto", "https").headers().firstValue("Set-Cookie")
                    .orElseThrow();
            assertThat(cookie).contains("HttpOnly").contains("SameSite=Lax").doesNotContain("Secure");
            plain.people().signUp("pat", "pat@example.org", PASSWORD);
            String[] form = signInForm(plain);
            HttpResponse<String> in = post(plain, "/sign-in", form[0],
                    "csrf=" + form[1] + "&email=pat%40example.org&password=" + PASSWORD.replace(' ', '+'));
            assertThat(in.statusCode()).isEqualTo(303);
            assertThat(in.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c)
                    .startsWith("progy_session=").contains("HttpOnly").contains("SameSite=Lax").contains("Path=/")
                    .doesNotContain("Secure"));
        }
        try (ProgyServer https = TestServers.start(TestDatabases.sqlite(tmp.resolve("b")), "public-url",
                "https://progy.example.org")) {
            https.people().signUp("pat", "pat@example.org", PASSWORD);
            String[] form = signInForm(https);
            HttpResponse<String> in = post(https, "/sign-in", form[0],
                    "csrf=" + form[1] + "&email=pat%40example.org&password=" + PASSWORD.replace(' ', '+'));
            assertThat(in.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c)
                    .startsWith("__Host-progy_session=").contains("Secure").contains("HttpOnly"));
        }
        try (ProgyServer proxied = TestServers.start(TestDatabases.sqlite(tmp.resolve("c")), "trust-proxy", "true")) {
            assertThat(get(proxied, "/sign-in", "X-Forwarded-Proto", "https").headers().firstValue("Set-Cookie")
                    .orElseThrow()).contains("Secure");
            assertThat(get(proxied, "/sign-in").headers().firstValue("Set-Cookie").orElseThrow())
                    .doesNotContain("Secure");
        }
    }

    @Test
    @DisplayName("after 5 failed sign-ins for an address, the next is refused with 429 and Retry-After, alike for a "
            + "registered and an unknown address; pages carry a strict Content-Security-Policy")
    void signInLimits() throws Exception {
        try (ProgyServer server = TestServers.start(TestDatabases.sqlite(tmp))) {
            server.people().signUp("quin", "quin@example.org", PASSWORD);
            for (String email : List.of("quin%40example.org", "nobody%40example.org")) {
                String[] form = signInForm(server);
                for (int i = 0; i < 5; i++) {
                    assertThat(post(server, "/sign-in", form[0], "csrf=" + form[1] + "&email=" + email
                            + "&password=wrong-password").statusCode()).isEqualTo(400);
                }
                HttpResponse<String> limited = post(server, "/sign-in", form[0], "csrf=" + form[1] + "&email=" + email
                        + "&password=" + PASSWORD.replace(' ', '+'));
                assertThat(limited.statusCode()).as(email).isEqualTo(429);
                assertThat(limited.headers().firstValue("Retry-After")).hasValue("900");
                assertThat(limited.body()).contains("Too many sign-ins failed");
            }
            HttpResponse<String> page = get(server, "/sign-in");
            assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                    .contains("default-src 'none'").contains("frame-ancestors 'none'");
            assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
        }
    }

    @Test
    @DisplayName("a sign-up with an address in use says only that the name or address cannot be used, and such "
            + "refusals are limited per network address like failed sign-ins")
    void signUpTellsNothingAndIsLimited() throws Exception {
        try (ProgyServer server = TestServers.start(TestDatabases.sqlite(tmp))) {
            server.people().signUp("rae", "rae@example.org", PASSWORD);
            String[] form = signInForm(server);
            String taken = "csrf=" + form[1] + "&name=someone-new&email=rae%40example.org&password="
                    + PASSWORD.replace(' ', '+');
            HttpResponse<String> refused = post(server, "/sign-up", form[0], taken);
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).contains("That name or e-mail address cannot be used")
                    .doesNotContain("registered").doesNotContain("exists");
            for (int i = 0; i < 28; i++) {
                server.people().countRefusedSignUp("127.0.0.1");
            }
            assertThat(post(server, "/sign-up", form[0], taken).statusCode()).isEqualTo(400);
            HttpResponse<String> limited = post(server, "/sign-up", form[0], taken);
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.headers().firstValue("Retry-After")).hasValue("900");
        }
    }

    @Test
    @DisplayName("a form that is not valid UTF-8 or has a control character is refused with a 400 page, not stored")
    void malformedForms() throws Exception {
        try (ProgyServer server = TestServers.start(TestDatabases.sqlite(tmp))) {
            String[] form = signInForm(server);
            HttpResponse<String> bad = post(server, "/sign-up", form[0], "csrf=" + form[1]
                    + "&name=x%FF&email=x%40example.org&password=" + PASSWORD.replace(' ', '+'));
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("not valid UTF-8").doesNotContain("Exception");
            HttpResponse<String> nul = post(server, "/sign-up", form[0], "csrf=" + form[1]
                    + "&name=x%00&email=x%40example.org&password=" + PASSWORD.replace(' ', '+'));
            assertThat(nul.statusCode()).isEqualTo(400);
            assertThat(bad.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        }
    }
}
